package io.github.discoverysdk.session;

import java.time.Instant;
import java.util.Objects;

/**
 * The keyset position of a session in a listing, newest first: (createdAt, id) descending.
 * Immutable.
 */
public record SessionCursor(Instant createdAt, String id) {
  public SessionCursor {
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(id, "id");
  }

  /** The cursor just after {@code s}. */
  public static SessionCursor after(Session s) {
    return new SessionCursor(s.createdAt(), s.id());
  }

  /** Whether {@code s} comes after this cursor in newest-first order. */
  public boolean precedes(Session s) {
    int c = s.createdAt().compareTo(createdAt);
    return c < 0 || (c == 0 && s.id().compareTo(id) < 0);
  }

  /** The cursor as text for {@code Page.nextCursor()}: epoch microseconds and id. */
  public String encode() {
    long micros = createdAt.getEpochSecond() * 1_000_000L + createdAt.getNano() / 1_000;
    return micros + ":" + id;
  }

  /**
   * Reads {@link #encode()}'s text.
   *
   * @throws io.github.discoverysdk.ValidationException if it is not a cursor
   */
  public static SessionCursor decode(String text) {
    int colon = text.indexOf(':');
    try {
      long micros = Long.parseLong(text.substring(0, colon));
      Instant at =
          Instant.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
      return new SessionCursor(at, text.substring(colon + 1));
    } catch (RuntimeException e) {
      throw new io.github.discoverysdk.ValidationException(
          "cursor is not a session cursor: " + text);
    }
  }
}
