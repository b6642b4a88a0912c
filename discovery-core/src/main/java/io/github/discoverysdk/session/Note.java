package io.github.discoverysdk.session;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.support.Fields;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A typed note of a session, optionally linked to the response of one question. An update changes
 * only its text: type and link stay. {@link #version()} as on every stored value. Immutable and
 * thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface Note {
  /** Longest note text accepted. */
  int MAX_TEXT = 10_000;

  String tenant();

  String sessionId();

  String id();

  NoteType type();

  String text();

  /** The question whose response the note is about, if any. */
  Optional<String> questionId();

  String author();

  Instant createdAt();

  Instant updatedAt();

  @Value.Default
  default long version() {
    return 0;
  }

  @Value.Check
  default void check() {
    Tenants.check("note.tenant", tenant());
    Fields.identifier("note.sessionId", sessionId(), 100);
    Fields.identifier("note.id", id(), 100);
    Fields.notBlank("note.text", text());
    Fields.text("note.text", text(), MAX_TEXT);
    questionId().ifPresent(q -> Fields.identifier("note.questionId", q, 100));
    Fields.identifier("note.author", author(), 200);
    if (version() < 0) {
      throw new ValidationException("note.version must not be negative, was " + version());
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Note}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableNote.Builder {
    @Override
    public Note build() {
      return Fields.build("Note", super::build);
    }
  }
}
