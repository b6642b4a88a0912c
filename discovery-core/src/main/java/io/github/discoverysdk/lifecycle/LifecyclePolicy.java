package io.github.discoverysdk.lifecycle;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.support.Require;
import java.time.Duration;
import org.immutables.value.Value;

/** Settings of lifecycle management. Immutable, thread-safe, validated when built. */
@Value.Immutable
public interface LifecyclePolicy {
  /** Opportunities whose event ended longer ago than this are archived. Default 30 days. */
  @Value.Default
  default Duration archiveAfterEventEnd() {
    return Duration.ofDays(30);
  }

  /** Signals published within this are tracked and refreshed. Default 180 days. */
  @Value.Default
  default Duration trackFor() {
    return Duration.ofDays(180);
  }

  /** The most signals one refresh run asks their sources about. Default 1,000. */
  @Value.Default
  default int maxRefreshesPerRun() {
    return 1_000;
  }

  /** After this long without being observed a signal is half stale. Default 7 days. */
  @Value.Default
  default Duration staleHalfLife() {
    return Duration.ofDays(7);
  }

  /** How many changes an opportunity keeps in {@code changes()}, latest first. Default 10. */
  @Value.Default
  default int changesKept() {
    return 10;
  }

  @Value.Check
  default void check() {
    Require.notNegative("archiveAfterEventEnd", archiveAfterEventEnd());
    Require.positive("trackFor", trackFor());
    if (maxRefreshesPerRun() < 1) {
      throw new ValidationException(
          "maxRefreshesPerRun must be positive, was " + maxRefreshesPerRun());
    }
    Require.positive("staleHalfLife", staleHalfLife());
    if (changesKept() < 1) {
      throw new ValidationException("changesKept must be positive, was " + changesKept());
    }
  }

  static LifecyclePolicy defaults() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link LifecyclePolicy}; {@code build()} validates it. */
  final class Builder extends ImmutableLifecyclePolicy.Builder {}
}
