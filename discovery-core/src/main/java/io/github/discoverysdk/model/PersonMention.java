package io.github.discoverysdk.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A person a signal names: a speaker, a new executive, a hiring manager. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface PersonMention {
  String name();

  /** Job title as the source gives it, for example {@code "VP, Revenue Operations"}. */
  Optional<String> title();

  /** Employer name as the source gives it. */
  Optional<String> employer();

  /**
   * Where an entity extractor found the mention in the signal's title or text, with its confidence;
   * empty for a mention the source gave as structured data.
   */
  Optional<MentionSpan> span();

  @Value.Check
  default void check() {
    Checks.notBlank("person.name", name());
    Checks.maxLength("person.name", name(), 300);
    Checks.storable("person.name", name());
    title()
        .ifPresent(
            t -> {
              Checks.maxLength("person.title", t, 300);
              Checks.storable("person.title", t);
            });
    employer()
        .ifPresent(
            e -> {
              Checks.maxLength("person.employer", e, 300);
              Checks.storable("person.employer", e);
            });
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutablePersonMention.Builder {
    @Override
    public PersonMention build() {
      return Checks.build("PersonMention", super::build);
    }
  }
}
