package io.github.discoverysdk.spi;

import io.github.discoverysdk.ValidationException;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.immutables.value.Value;

/**
 * A daily limit on what one source may cost each tenant: calls, estimated cost, or both, per UTC
 * day. When it runs out, the engine stops calling the source for that tenant, says so in the run
 * report, keeps the watermarks where they are, and resumes the next day. Immutable and thread-safe.
 */
@Value.Immutable
public interface SourceBudget {
  OptionalInt maxCallsPerDay();

  OptionalDouble maxCostPerDay();

  @Value.Check
  default void check() {
    if (maxCallsPerDay().isEmpty() && maxCostPerDay().isEmpty()) {
      throw new ValidationException("a budget needs maxCallsPerDay, maxCostPerDay or both");
    }
    if (maxCallsPerDay().isPresent() && maxCallsPerDay().getAsInt() < 0) {
      throw new ValidationException(
          "maxCallsPerDay must not be negative, was " + maxCallsPerDay().getAsInt());
    }
    if (maxCostPerDay().isPresent() && !(maxCostPerDay().getAsDouble() >= 0)) {
      throw new ValidationException(
          "maxCostPerDay must not be negative, was " + maxCostPerDay().getAsDouble());
    }
  }

  /** At most {@code calls} calls per tenant per day. */
  static SourceBudget calls(int calls) {
    return builder().maxCallsPerDay(calls).build();
  }

  /** At most {@code cost} estimated cost per tenant per day. */
  static SourceBudget cost(double cost) {
    return builder().maxCostPerDay(cost).build();
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableSourceBudget.Builder {}
}
