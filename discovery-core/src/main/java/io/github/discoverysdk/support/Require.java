package io.github.discoverysdk.support;

import io.github.discoverysdk.ValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * The argument checks of the SDK's builders and policies, with one wording ({@code "lookAhead must
 * be positive, was PT-1S"}), for the SDK's modules and for connector authors who want theirs to
 * read the same. Stateless and thread-safe.
 */
public final class Require {
  private Require() {}

  /**
   * {@code d}, if positive.
   *
   * @throws NullPointerException naming {@code name} if {@code d} is null
   * @throws ValidationException if {@code d} is zero or negative
   */
  public static Duration positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new ValidationException(name + " must be positive, was " + d);
    }
    return d;
  }

  /**
   * {@code d}, if zero or positive.
   *
   * @throws NullPointerException naming {@code name} if {@code d} is null
   * @throws ValidationException if {@code d} is negative
   */
  public static Duration notNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new ValidationException(name + " must not be negative, was " + d);
    }
    return d;
  }
}
