package io.github.discoverysdk.review;

import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.support.Fields;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.immutables.value.Value;

/**
 * The review state of one opportunity: its account, where it stands, and what reviewers changed
 * (narrative, score override, notes). Its history is the audit log of entity type {@code
 * "opportunity"} and the opportunity's id. {@link #version()} is 0 for a card never saved; storage
 * increments it on every save and rejects a stale one. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface ReviewCard {
  /** Longest narrative, note and reason accepted. */
  int MAX_TEXT = 4_000;

  /** Most notes kept on a card. */
  int MAX_NOTES = 100;

  OpportunityId opportunityId();

  /** The tenant of {@link #opportunityId()}. */
  default String tenant() {
    return opportunityId().tenant();
  }

  /** The account the opportunity attached to, if any. */
  Optional<String> accountId();

  @Value.Default
  default ReviewState state() {
    return ReviewState.NEW;
  }

  /** The reviewer's narrative, replacing the engine's one-line why. */
  Optional<String> narrative();

  /** A reviewer's score in [0, 1] replacing the engine's, with {@link #scoreReason()}. */
  OptionalDouble scoreOverride();

  Optional<String> scoreReason();

  List<String> notes();

  Instant createdAt();

  Instant updatedAt();

  /** When the card last entered PENDING_REVIEW. */
  Optional<Instant> submittedAt();

  /** When it was last approved or rejected, and by whom. */
  Optional<Instant> decidedAt();

  Optional<String> decidedBy();

  /** When an escalation was raised for the current stay in review; cleared on leaving it. */
  Optional<Instant> escalatedAt();

  @Value.Default
  default long version() {
    return 0;
  }

  @Value.Check
  default void check() {
    accountId().ifPresent(a -> Fields.identifier("card.accountId", a, 100));
    narrative().ifPresent(n -> Fields.text("card.narrative", n, MAX_TEXT));
    if (scoreOverride().isPresent()) {
      double s = scoreOverride().getAsDouble();
      if (!(s >= 0.0 && s <= 1.0)) {
        throw new io.github.discoverysdk.ValidationException(
            "card.scoreOverride must be between 0 and 1, was " + s);
      }
      if (scoreReason().isEmpty()) {
        throw new io.github.discoverysdk.ValidationException(
            "card.scoreReason is required with a score override");
      }
    }
    scoreReason().ifPresent(r -> Fields.text("card.scoreReason", r, MAX_TEXT));
    Fields.maxCount("card.notes", notes(), MAX_NOTES);
    for (String n : notes()) {
      Fields.notBlank("card.notes", n);
      Fields.text("card.notes", n, MAX_TEXT);
    }
    decidedBy().ifPresent(d -> Fields.identifier("card.decidedBy", d, 200));
    if (version() < 0) {
      throw new io.github.discoverysdk.ValidationException(
          "card.version must not be negative, was " + version());
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ReviewCard}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableReviewCard.Builder {
    @Override
    public ReviewCard build() {
      return Fields.build("ReviewCard", super::build);
    }
  }
}
