package io.github.discoverysdk.draft;

import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.support.Fields;
import java.time.Instant;
import java.util.List;
import org.immutables.value.Value;

/**
 * The playbook a card matched and why (the conditions of the rule that held). {@link #version()} is
 * 0 for a match never saved; storage increments it on every save and rejects a stale one. Immutable
 * and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface PlaybookMatch {
  OpportunityId opportunityId();

  /** The tenant of {@link #opportunityId()}. */
  default String tenant() {
    return opportunityId().tenant();
  }

  String playbookId();

  String playbookName();

  /** One line per condition that held. */
  List<String> reasons();

  Instant matchedAt();

  @Value.Default
  default long version() {
    return 0;
  }

  @Value.Check
  default void check() {
    Fields.identifier("match.playbookId", playbookId(), 100);
    Fields.identifier("match.playbookName", playbookName(), 200);
    Fields.maxCount("match.reasons", reasons(), 50);
    for (String r : reasons()) {
      Fields.text("match.reasons", r, 1_000);
    }
    if (version() < 0) {
      throw new io.github.discoverysdk.ValidationException(
          "match.version must not be negative, was " + version());
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link PlaybookMatch}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutablePlaybookMatch.Builder {
    @Override
    public PlaybookMatch build() {
      return Fields.build("PlaybookMatch", super::build);
    }
  }
}
