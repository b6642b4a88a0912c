package io.github.discoverysdk.model;

import io.github.discoverysdk.ValidationException;
import java.util.Objects;

/**
 * What an outbox entry that is not about an opportunity is about: a type ({@code "session_export"},
 * say) and the id of one thing of that type within the entry's tenant. Immutable and thread-safe.
 *
 * @param type what kind of thing, 1 to {@value #MAX_TYPE} characters of {@code a-z 0-9 _ . -}
 * @param id its id within the tenant, 1 to {@value #MAX_ID} characters, not blank
 */
public record OutboxSubject(String type, String id) {
  /** Longest type. */
  public static final int MAX_TYPE = 40;

  /** Longest id. */
  public static final int MAX_ID = 200;

  /**
   * @throws ValidationException if the type or the id is blank, too long or badly formed
   */
  public OutboxSubject {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    if (!type.matches("[a-z0-9_.-]{1," + MAX_TYPE + "}")) {
      throw new ValidationException(
          "outbox.subject.type must be 1 to "
              + MAX_TYPE
              + " characters of a-z 0-9 _ . -, was '"
              + type
              + "'");
    }
    Checks.notBlank("outbox.subject.id", id);
    Checks.maxLength("outbox.subject.id", id, MAX_ID);
  }

  /** The subject {@code (type, id)}. */
  public static OutboxSubject of(String type, String id) {
    return new OutboxSubject(type, id);
  }

  @Override
  public String toString() {
    return type + ":" + id;
  }
}
