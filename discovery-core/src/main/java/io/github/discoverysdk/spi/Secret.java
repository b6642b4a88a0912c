package io.github.discoverysdk.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * An API key, token or secret URL. Its value is only handed out by {@link #reveal()}, to the code
 * that puts it on the wire; {@code toString()} and every message of the SDK show it redacted.
 * Immutable and thread-safe.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * A secret holding {@code value}.
   *
   * @throws io.github.discoverysdk.ValidationException if the value is blank (the message does not
   *     show the value)
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new io.github.discoverysdk.ValidationException("a secret must not be blank");
    }
    return new Secret(value);
  }

  /** The value, for the one place that sends it. Never log it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), s.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "Secret[redacted]";
  }
}
