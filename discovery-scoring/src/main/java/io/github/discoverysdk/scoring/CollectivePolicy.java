package io.github.discoverysdk.scoring;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.support.Require;
import java.time.Duration;
import org.immutables.value.Value;

/**
 * Settings of {@link CollectiveIntelligence}. Immutable, thread-safe, validated when built: an
 * invalid value fails with a {@link ValidationException} naming it.
 */
@Value.Immutable
@DiscoveryStyle
public interface CollectivePolicy {
  /**
   * A figure is shown only when at least this many distinct tenants contribute to it, so that no
   * figure describes one customer (or a pair that could subtract itself). At least 2; default 5.
   */
  @Value.Default
  default int minTenants() {
    return 5;
  }

  /** The trending window: the last window is compared with the one before it. Default 7 days. */
  @Value.Default
  default Duration window() {
    return Duration.ofDays(7);
  }

  /**
   * How far back an observation still means that a profile tracks something. At least twice {@link
   * #window()}, so that both trending windows fit in it. Default 90 days.
   */
  @Value.Default
  default Duration lookback() {
    return Duration.ofDays(90);
  }

  /**
   * Counts are shown rounded down to a multiple of this (never below the minimum group size), and
   * the trend to a tenth, so that comparing the figures over time tells less about one tenant
   * starting or stopping to track something: with 5, nine teams show as "5+". Default 1: exact
   * counts, which do let an attentive viewer notice "one more team".
   */
  @Value.Default
  default int countStep() {
    return 1;
  }

  @Value.Check
  default void check() {
    if (minTenants() < 2) {
      throw new ValidationException("minTenants must be at least 2, was " + minTenants());
    }
    Require.positive("window", window());
    if (countStep() < 1) {
      throw new ValidationException("countStep must be at least 1, was " + countStep());
    }
    if (lookback().compareTo(window().multipliedBy(2)) < 0) {
      throw new ValidationException(
          "lookback must be at least twice the window ("
              + window().multipliedBy(2)
              + "), was "
              + lookback());
    }
  }

  static CollectivePolicy defaults() {
    return builder().build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link CollectivePolicy}; {@code build()} validates it. */
  final class Builder extends ImmutableCollectivePolicy.Builder {}
}
