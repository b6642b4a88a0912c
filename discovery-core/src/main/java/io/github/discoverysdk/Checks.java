package io.github.discoverysdk;

import java.time.Instant;
import java.util.Objects;

/** The argument checks the engine's facets share, with the engine's wording. Stateless. */
final class Checks {
  private Checks() {}

  /**
   * @throws ValidationException if {@code tenant} is null or blank
   */
  static String tenant(String tenant) {
    if (tenant == null || tenant.isBlank()) {
      throw new ValidationException("tenant must not be blank");
    }
    return tenant;
  }

  /**
   * @throws ValidationException if {@code limit} is not positive
   */
  static int limit(int limit) {
    if (limit < 1) {
      throw new ValidationException("limit must be positive, was " + limit);
    }
    return limit;
  }

  /**
   * @throws NullPointerException if {@code from} or {@code to} is null
   * @throws ValidationException if {@code to} is before {@code from}
   */
  static void period(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new ValidationException("to must not be before from, was " + from + " .. " + to);
    }
  }
}
