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

  /**
   * Refuses text no database of the SDK can hold as given: U+0000 (PostgreSQL rejects it in text
   * columns, others truncate at it in places) and unpaired UTF-16 surrogates (not Unicode scalar
   * values, so they have no UTF-8 form and a driver would fail or replace them with {@code ?}).
   * Characters outside the BMP written as proper surrogate pairs, such as emoji, are fine.
   */
  static void storable(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        throw new ValidationException(
            field + " must not contain the NUL character (U+0000), found at index " + i);
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new ValidationException(
            field
                + " must not contain an unpaired UTF-16 surrogate, found U+"
                + String.format("%04X", (int) c)
                + " at index "
                + i);
      }
      if (Character.isLowSurrogate(c)) {
        throw new ValidationException(
            field
                + " must not contain an unpaired UTF-16 surrogate, found U+"
                + String.format("%04X", (int) c)
                + " at index "
                + i);
      }
    }
  }

  /** {@link #storable} of each entry. */
  static void storableEach(String field, Collection<String> values) {
    for (String v : values) {
      storable(field, v);
    }
  }

  /** A value for an error message: control characters and surrogates escaped, at most 80 long. */
  static String printable(String value) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < value.length() && b.length() < 80; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c > 0x7e) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static void maxCount(String field, Collection<?> values, int max) {
    if (values.size() > max) {
      throw new ValidationException(
          field + " must have at most " + max + " entries, had " + values.size());
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
