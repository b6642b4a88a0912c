package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.SignalType;
import java.util.Set;
import org.immutables.value.Value;

/** What a source can do. Immutable and thread-safe. */
@Value.Immutable
public interface SourceCapabilities {
  @Value.Default
  default QueryMode queryMode() {
    return QueryMode.FEED;
  }

  /** Types the source produces; empty means any. */
  Set<SignalType> signalTypes();

  /** Whether {@link SignalSource#refresh} is implemented. */
  @Value.Default
  default boolean supportsRefresh() {
    return false;
  }

  /**
   * Whether the source serves the same public data to everyone (SEC filings, public job boards,
   * news feeds), so that its answers may be shared across profiles and tenants through the
   * storage's shared query cache. Default false: a source that uses a tenant's credentials or
   * returns tenant-specific data must leave it false.
   */
  @Value.Default
  default boolean sharedAcrossTenants() {
    return false;
  }

  /** Estimated cost of one call, for the run report. Default 0 (a free public source). */
  @Value.Default
  default double costPerCall() {
    return 0.0;
  }

  @Value.Check
  default void check() {
    if (!(costPerCall() >= 0)) {
      throw new io.github.discoverysdk.ValidationException(
          "costPerCall must not be negative, was " + costPerCall());
    }
  }

  /** A free feed source of any signal type. */
  static SourceCapabilities feed() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableSourceCapabilities.Builder {}
}
