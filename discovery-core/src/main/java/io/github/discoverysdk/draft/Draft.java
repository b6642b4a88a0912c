package io.github.discoverysdk.draft;

import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.playbook.Channel;
import io.github.discoverysdk.support.Fields;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One version of a card's draft for one channel: what a generator wrote or a reviewer edited. The
 * versions of (card, channel) are numbered 1, 2, … and never change once stored. Immutable and
 * thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface Draft {
  /** Longest draft text accepted. */
  int MAX_TEXT = 100_000;

  /** Most versions kept per card and channel. */
  int MAX_VERSIONS = 1_000;

  /** The card's opportunity. */
  OpportunityId opportunityId();

  /** The tenant of {@link #opportunityId()}. */
  default String tenant() {
    return opportunityId().tenant();
  }

  Channel channel();

  /** 1 for the first version of the card's draft on {@link #channel()}. */
  long version();

  String text();

  /** The generator that wrote it, or {@code "edit"} for a reviewer's edit. */
  String generator();

  /** Why the configured generator's text was replaced by the template's, if it was. */
  Optional<String> fallbackReason();

  /** The evidence the draft cites. */
  List<Citation> citations();

  /** The actor who generated or edited it. */
  String createdBy();

  Instant createdAt();

  @Value.Check
  default void check() {
    if (version() < 1 || version() > MAX_VERSIONS) {
      throw new io.github.discoverysdk.ValidationException(
          "draft.version must be between 1 and " + MAX_VERSIONS + ", was " + version());
    }
    Fields.notBlank("draft.text", text());
    Fields.text("draft.text", text(), MAX_TEXT);
    Fields.identifier("draft.generator", generator(), 100);
    fallbackReason().ifPresent(r -> Fields.text("draft.fallbackReason", r, 1_000));
    Fields.maxCount("draft.citations", citations(), 50);
    Fields.identifier("draft.createdBy", createdBy(), 200);
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Draft}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableDraft.Builder {
    @Override
    public Draft build() {
      return Fields.build("Draft", super::build);
    }
  }
}
