package io.github.discoverysdk.spring.boot;

import io.github.discoverysdk.ValidationException;
import java.util.function.Supplier;

/** Failures of {@code discovery.*} properties that name the property. Stateless. */
final class PropertyChecks {
  private PropertyChecks() {}

  /**
   * {@code value}, if set.
   *
   * @throws ValidationException naming {@code property} if it is null or blank
   */
  static String required(String property, String value) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(property + " is required");
    }
    return value.strip();
  }

  /**
   * What {@code build} builds; an invalid setting it rejects is rethrown with the property's name
   * in front of the builder's message (as the root cause of the failed start, which is what Spring
   * Boot shows).
   */
  static <T> T wrap(String property, Supplier<T> build) {
    try {
      return build.get();
    } catch (ValidationException | IllegalArgumentException e) {
      throw new ValidationException(property + ": " + e.getMessage());
    }
  }
}
