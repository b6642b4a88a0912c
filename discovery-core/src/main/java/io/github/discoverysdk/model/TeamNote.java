package io.github.discoverysdk.model;

import java.time.Instant;
import org.immutables.value.Value;

/** A note a team member wrote on a shared opportunity. Immutable and thread-safe. */
@Value.Immutable
@DiscoveryStyle
public interface TeamNote {
  /** Maximum length of {@link #text()}. */
  int MAX_TEXT = 4_000;

  /** Maximum length of {@link #author()}. */
  int MAX_AUTHOR = 200;

  /** The host user id of the writer; up to {@link #MAX_AUTHOR} characters. */
  String author();

  /** Up to {@link #MAX_TEXT} characters; stored verbatim. */
  String text();

  Instant at();

  @Value.Check
  default void check() {
    Checks.notBlank("teamNote.author", author());
    Checks.maxLength("teamNote.author", author(), MAX_AUTHOR);
    Checks.notBlank("teamNote.text", text());
    Checks.maxLength("teamNote.text", text(), MAX_TEXT);
  }

  static TeamNote of(String author, String text, Instant at) {
    return builder().author(author).text(text).at(at).build();
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TeamNote}; {@code build()} throws {@code ValidationException} on bad input. */
  final class Builder extends ImmutableTeamNote.Builder {
    @Override
    public TeamNote build() {
      return Checks.build("TeamNote", super::build);
    }
  }
}
