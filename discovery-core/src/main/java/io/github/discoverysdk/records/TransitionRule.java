package io.github.discoverysdk.records;

import io.github.discoverysdk.ValidationException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A transition the host declares: when a tracked record's state changes from one matching {@code
 * from} to one matching {@code to}, a {@link Conversion} of {@code conversionType} worth {@code
 * value} is recorded, exactly once per record, rule and change. Declare a reversal as a rule of its
 * own (signed to unsigned), and it is recorded too. Immutable; the predicates must be pure and
 * thread-safe.
 *
 * @param name unique within its job, stored with each conversion (at most 100 characters)
 * @param from the state before the change
 * @param to the state after the change
 * @param conversionType what the conversion means, for example {@code "signed"}
 * @param value what it is worth, for example 1.0 or a deal value
 */
public record TransitionRule(
    String name,
    Predicate<Map<String, String>> from,
    Predicate<Map<String, String>> to,
    String conversionType,
    double value) {
  public TransitionRule {
    RecordChecks.name("transition rule name", name);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    RecordChecks.name("transition rule " + name + ": conversionType", conversionType);
    if (!Double.isFinite(value)) {
      throw new ValidationException(
          "transition rule " + name + ": value must be finite, was " + value);
    }
  }

  /** Whether a change from {@code before} to {@code after} is this transition. */
  public boolean matches(Map<String, String> before, Map<String, String> after) {
    return from.test(before) && to.test(after);
  }
}
