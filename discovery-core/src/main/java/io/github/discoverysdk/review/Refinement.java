package io.github.discoverysdk.review;

import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.support.Fields;
import java.util.Optional;
import java.util.OptionalDouble;
import org.immutables.value.Value;

/**
 * What a reviewer changes when refining a card: a new narrative, a score override with its reason,
 * a note to add; at least one of them. Immutable and thread-safe.
 *
 * <pre>{@code
 * Refinement r = Refinement.builder().scoreOverride(0.9).scoreReason("met the CFO").build();
 * }</pre>
 */
@Value.Immutable
@DiscoveryStyle
public interface Refinement {
  /** Replaces the card's narrative. */
  Optional<String> narrative();

  /** A score in [0, 1] replacing the engine's; requires {@link #scoreReason()}. */
  OptionalDouble scoreOverride();

  /** Why the score was overridden; kept as the reason of the audit entry. */
  Optional<String> scoreReason();

  /** A note to add to the card. */
  Optional<String> note();

  @Value.Check
  default void check() {
    if (narrative().isEmpty() && scoreOverride().isEmpty() && note().isEmpty()) {
      throw new io.github.discoverysdk.ValidationException(
          "refinement must set a narrative, a score override or a note");
    }
    narrative()
        .ifPresent(
            n -> {
              Fields.notBlank("refinement.narrative", n);
              Fields.text("refinement.narrative", n, ReviewCard.MAX_TEXT);
            });
    note()
        .ifPresent(
            n -> {
              Fields.notBlank("refinement.note", n);
              Fields.text("refinement.note", n, ReviewCard.MAX_TEXT);
            });
    if (scoreOverride().isPresent()) {
      double s = scoreOverride().getAsDouble();
      if (!(s >= 0.0 && s <= 1.0)) {
        throw new io.github.discoverysdk.ValidationException(
            "refinement.scoreOverride must be between 0 and 1, was " + s);
      }
      if (scoreReason().isEmpty()) {
        throw new io.github.discoverysdk.ValidationException(
            "refinement.scoreReason is required with a score override");
      }
    } else if (scoreReason().isPresent()) {
      throw new io.github.discoverysdk.ValidationException(
          "refinement.scoreReason is only allowed with a score override");
    }
    scoreReason()
        .ifPresent(
            r -> {
              Fields.notBlank("refinement.scoreReason", r);
              Fields.text("refinement.scoreReason", r, ReviewCard.MAX_TEXT);
            });
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Refinement}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableRefinement.Builder {
    @Override
    public Refinement build() {
      return Fields.build("Refinement", super::build);
    }
  }
}
