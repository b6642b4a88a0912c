package io.github.discoverysdk.model;

import io.github.discoverysdk.ValidationException;
import java.util.Collection;
import java.util.function.Supplier;

/** Validation helpers shared by the values' {@code check()} methods. Not API. */
final class Checks {
  private Checks() {}

  static void notBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(field + " must not be blank");
    }
  }

  static void maxLength(String field, String value, int max) {
    if (value.length() > max) {
      throw new ValidationException(
          field + " must be at most " + max + " characters, was " + value.length());
    }
  }

  static void maxLengthEach(String field, Collection<String> values, int max) {
    for (String v : values) {
      if (v.length() > max) {
        throw new ValidationException(
            field + " entries must be at most " + max + " characters, one was " + v.length());
      }
    }
  }

  static void noBlankElements(String field, Collection<String> values) {
    for (String v : values) {
      if (v.isBlank()) {
        throw new ValidationException(field + " must not contain blank entries");
      }
    }
  }

  static void unitInterval(String field, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new ValidationException(field + " must be between 0 and 1, was " + value);
    }
  }

  static void range(String field, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new ValidationException(
          field + " must be between " + min + " and " + max + ", was " + value);
    }
  }

  /**
   * Runs a generated builder's {@code build()} and turns its "required attributes not set" error
   * into a {@link ValidationException}, so that every invalid value surfaces as one typed error.
   */
  static <T> T build(String type, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalStateException e) {
      throw new ValidationException(type + ": " + e.getMessage(), e);
    }
  }
}
