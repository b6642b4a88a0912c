package io.github.discoverysdk.draft;

import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.playbook.Channel;
import io.github.discoverysdk.support.Fields;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One draft as a {@link DraftGenerator} wrote it, before it is stored as a {@link Draft} version.
 * Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface GeneratedDraft {
  Channel channel();

  String text();

  /** The id of the generator that wrote {@link #text()}. */
  String generator();

  /** Why the configured generator's text was replaced by the template's, if it was. */
  Optional<String> fallbackReason();

  /** The evidence the draft cites; never empty for a draft of an opportunity. */
  List<Citation> citations();

  @Value.Check
  default void check() {
    Fields.notBlank("draft.text", text());
    Fields.text("draft.text", text(), Draft.MAX_TEXT);
    Fields.identifier("draft.generator", generator(), 100);
    fallbackReason().ifPresent(r -> Fields.text("draft.fallbackReason", r, 1_000));
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link GeneratedDraft}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableGeneratedDraft.Builder {
    @Override
    public GeneratedDraft build() {
      return Fields.build("GeneratedDraft", super::build);
    }
  }
}
