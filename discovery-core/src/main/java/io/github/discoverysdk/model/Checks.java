package io.github.discoverysdk.model;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.support.Fields;
import java.util.Collection;
import java.util.function.Supplier;

/** Validation helpers shared by the values' {@code check()} methods. Not API. */
final class Checks {
  private Checks() {}

  static void notBlank(String field, String value) {
    Fields.notBlank(field, value);
  }

  static void maxLength(String field, String value, int max) {
    Fields.maxLength(field, value, max);
  }

  /** See {@link Fields#storable}. */
  static void storable(String field, String value) {
    Fields.storable(field, value);
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
    Fields.maxCount(field, values, max);
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
   * A language code as the SDK stores it: ISO 639-1 ({@code "en"}) or, for a language without one,
   * ISO 639-3 ({@code "yue"}), lower case.
   */
  static void languageCode(String field, String value) {
    int n = value.length();
    boolean ok = n == 2 || n == 3;
    for (int i = 0; ok && i < n; i++) {
      char c = value.charAt(i);
      ok = c >= 'a' && c <= 'z';
    }
    if (!ok) {
      throw new ValidationException(
          field
              + " must be an ISO 639 code of 2 or 3 lower-case letters, for example \"en\", was '"
              + printable(value)
              + "'");
    }
  }

  /** See {@link Fields#build}. */
  static <T> T build(String type, Supplier<T> build) {
    return Fields.build(type, build);
  }
}
