package io.github.discoverysdk.records;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Predicates over a record's state (its state columns as text, a SQL {@code NULL} absent), for
 * {@link TransitionRule} and {@link QueueRule}. Stateless and thread-safe.
 */
public final class States {
  private States() {}

  /** The column's value is one of {@code values}. */
  public static Predicate<Map<String, String>> is(String column, String... values) {
    Objects.requireNonNull(column, "column");
    Set<String> wanted = Set.copyOf(java.util.Arrays.asList(values));
    return state -> {
      String v = state.get(column);
      return v != null && wanted.contains(v);
    };
  }

  /** The column is absent (SQL {@code NULL}) or its value is none of {@code values}. */
  public static Predicate<Map<String, String>> isNot(String column, String... values) {
    return is(column, values).negate();
  }

  /** The column is SQL {@code NULL}. */
  public static Predicate<Map<String, String>> isNull(String column) {
    Objects.requireNonNull(column, "column");
    return state -> !state.containsKey(column);
  }

  /**
   * The column holds a whole number of at least {@code min}: for a {@link DerivedField} such as
   * hours outstanding. Absent or not a number: false.
   */
  public static Predicate<Map<String, String>> atLeast(String column, long min) {
    Objects.requireNonNull(column, "column");
    return state -> {
      String v = state.get(column);
      if (v == null) {
        return false;
      }
      try {
        return Long.parseLong(v.trim()) >= min;
      } catch (NumberFormatException e) {
        return false;
      }
    };
  }

  /** Any state. */
  public static Predicate<Map<String, String>> any() {
    return state -> true;
  }
}
