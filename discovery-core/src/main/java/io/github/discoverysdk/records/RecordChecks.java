package io.github.discoverysdk.records;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Tenants;
import java.util.Objects;

/** The argument checks of this package, with the SDK's wording. Stateless. */
final class RecordChecks {
  /** The longest name (job, rule, queue, record type, conversion type) accepted. */
  static final int MAX_NAME = 100;

  /** The longest record key or owner accepted. */
  static final int MAX_KEY = 200;

  private RecordChecks() {}

  static String name(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(field + " must not be blank");
    }
    if (value.length() > MAX_NAME) {
      throw new ValidationException(
          field + " must be at most " + MAX_NAME + " characters, was " + value.length());
    }
    return value;
  }

  static String key(String field, String value) {
    Objects.requireNonNull(value, field);
    if (value.isEmpty() || value.length() > MAX_KEY) {
      throw new ValidationException(
          field + " must be 1 to " + MAX_KEY + " characters, was " + value.length());
    }
    return value;
  }

  static String tenant(String tenant) {
    return Tenants.check("tenant", tenant);
  }

  static int limit(int limit) {
    if (limit < 1) {
      throw new ValidationException("limit must be positive, was " + limit);
    }
    return limit;
  }
}
