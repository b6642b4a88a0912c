package io.github.discoverysdk.support;

import io.github.discoverysdk.ValidationException;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * The field checks of the SDK's values, with one wording ({@code "account.name must be at most 200
 * characters, was 201"}), shared by the value packages. Not API: its methods may change. Stateless
 * and thread-safe.
 */
public final class Fields {
  private Fields() {}

  /** Refuses a null or blank value. */
  public static void notBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(field + " must not be blank");
    }
  }

  /** Refuses a value longer than {@code max} UTF-16 units. */
  public static void maxLength(String field, String value, int max) {
    if (value.length() > max) {
      throw new ValidationException(
          field + " must be at most " + max + " characters, was " + value.length());
    }
  }

  /** Refuses a collection of more than {@code max} entries. */
  public static void maxCount(String field, Collection<?> values, int max) {
    if (values.size() > max) {
      throw new ValidationException(
          field + " must have at most " + max + " entries, had " + values.size());
    }
  }

  /**
   * A non-blank, storable, single-line identifier of at most {@code max} characters: no control
   * characters (tabs and line breaks included), no leading or trailing whitespace.
   */
  public static void identifier(String field, String value, int max) {
    notBlank(field, value);
    maxLength(field, value, max);
    if (!value.strip().equals(value)) {
      throw new ValidationException(field + " must not start or end with whitespace");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new ValidationException(
            field
                + " must not contain control characters, found U+"
                + String.format("%04X", (int) value.charAt(i))
                + " at index "
                + i);
      }
    }
    storable(field, value);
  }

  /** {@link #identifier} of each entry. */
  public static void identifiers(String field, Collection<String> values, int max) {
    for (String v : values) {
      identifier(field, v, max);
    }
  }

  /**
   * Free text of at most {@code max} characters that a database can hold: see {@link #storable}.
   * Line breaks and tabs are allowed, other control characters are not.
   */
  public static void text(String field, String value, int max) {
    maxLength(field, value, max);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
        throw new ValidationException(
            field
                + " must not contain control characters, found U+"
                + String.format("%04X", (int) c)
                + " at index "
                + i);
      }
    }
    storable(field, value);
  }

  /**
   * Refuses text no database of the SDK can hold as given: U+0000 (PostgreSQL rejects it in text
   * columns, others truncate at it in places) and unpaired UTF-16 surrogates (not Unicode scalar
   * values, so they have no UTF-8 form and a driver would fail or replace them with {@code ?}).
   * Characters outside the BMP written as proper surrogate pairs, such as emoji, are fine.
   */
  public static void storable(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        throw new ValidationException(
            field + " must not contain the NUL character (U+0000), found at index " + i);
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        throw new ValidationException(
            field
                + " must not contain an unpaired UTF-16 surrogate, found U+"
                + String.format("%04X", (int) c)
                + " at index "
                + i);
      }
    }
  }

  /**
   * Runs a generated builder's {@code build()} and turns its "required attributes not set" error
   * into a {@link ValidationException}, so that every invalid value surfaces as one typed error.
   */
  public static <T> T build(String type, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalStateException e) {
      throw new ValidationException(type + ": " + e.getMessage(), e);
    }
  }
}
