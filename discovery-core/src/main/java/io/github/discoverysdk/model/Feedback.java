package io.github.discoverysdk.model;

import io.github.discoverysdk.ValidationException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A user's reaction to an opportunity. Build one with the factories ({@link #save()}, {@link
 * #dismiss(DismissReason)}, ...). The engine stamps {@link #at()} when it records it. Immutable and
 * thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface Feedback {
  FeedbackType type();

  /** Only with {@link FeedbackType#DISMISS}. */
  Optional<DismissReason> dismissReason();

  /** Deal value, only with {@link FeedbackType#CONVERTED}. */
  Optional<BigDecimal> value();

  /** Who gave it, as the host identifies users. */
  Optional<String> actor();

  Optional<String> note();

  /** When it was recorded; set by the engine. */
  Optional<Instant> at();

  @Value.Check
  default void check() {
    if (dismissReason().isPresent() && type() != FeedbackType.DISMISS) {
      throw new ValidationException(
          "dismissReason is only allowed with DISMISS, type was " + type());
    }
    if (value().isPresent()) {
      if (type() != FeedbackType.CONVERTED) {
        throw new ValidationException("value is only allowed with CONVERTED, type was " + type());
      }
      if (value().get().signum() < 0) {
        throw new ValidationException("value must not be negative, was " + value().get());
      }
    }
    note().ifPresent(n -> Checks.maxLength("note", n, 4_000));
  }

  static Feedback save() {
    return builder().type(FeedbackType.SAVE).build();
  }

  static Feedback dismiss(DismissReason reason) {
    return builder().type(FeedbackType.DISMISS).dismissReason(reason).build();
  }

  static Feedback actioned() {
    return builder().type(FeedbackType.ACTIONED).build();
  }

  static Feedback converted(BigDecimal value) {
    return builder().type(FeedbackType.CONVERTED).value(value).build();
  }

  static Feedback lost() {
    return builder().type(FeedbackType.LOST).build();
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableFeedback.Builder {
    @Override
    public Feedback build() {
      return Checks.build("Feedback", super::build);
    }
  }
}
