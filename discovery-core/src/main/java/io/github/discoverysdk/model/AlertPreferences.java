package io.github.discoverysdk.model;

import java.util.Set;
import org.immutables.value.Value;

/** When and where a profile's critical alerts go. Immutable and thread-safe. */
@Value.Immutable
@DiscoveryStyle
public interface AlertPreferences {
  /** Whether alerts are raised at all. Default true. */
  @Value.Default
  default boolean enabled() {
    return true;
  }

  /**
   * Ids of the alert sinks to use; empty means every sink registered on the engine. Default empty.
   */
  Set<String> channels();

  /** Smallest watchlist-match confidence that raises an alert. Default 0.8. */
  @Value.Default
  default double minConfidence() {
    return 0.8;
  }

  @Value.Check
  default void check() {
    Checks.unitInterval("alertPreferences.minConfidence", minConfidence());
    Checks.noBlankElements("alertPreferences.channels", channels());
  }

  /** The defaults: enabled, every sink, confidence 0.8. */
  static AlertPreferences defaults() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableAlertPreferences.Builder {
    @Override
    public AlertPreferences build() {
      return Checks.build("AlertPreferences", super::build);
    }
  }
}
