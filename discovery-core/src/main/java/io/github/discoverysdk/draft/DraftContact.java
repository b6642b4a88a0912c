package io.github.discoverysdk.draft;

import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.support.Fields;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The person a draft is written to. Only {@link #name()} and {@link #title()} are template
 * variables; {@link #email()} and {@link #note()} are for the host and are never put in a draft or
 * sent to a generator that does not name them. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface DraftContact {
  String name();

  Optional<String> title();

  Optional<String> email();

  /** The account manager's private note about the person. */
  Optional<String> note();

  @Value.Check
  default void check() {
    Fields.identifier("contact.name", name(), 200);
    title().ifPresent(t -> Fields.identifier("contact.title", t, 200));
    email().ifPresent(e -> Fields.identifier("contact.email", e, 320));
    note().ifPresent(n -> Fields.text("contact.note", n, 4_000));
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link DraftContact}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableDraftContact.Builder {
    @Override
    public DraftContact build() {
      return Fields.build("DraftContact", super::build);
    }
  }
}
