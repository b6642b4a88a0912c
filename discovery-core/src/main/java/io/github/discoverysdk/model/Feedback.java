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

  /** The largest {@link #value()}: 10^15 in the deal's currency. */
  BigDecimal MAX_VALUE = BigDecimal.TEN.pow(15);

  /** Most characters of {@link #actor()}. */
  int MAX_ACTOR = 200;

  /** Most characters of {@link #note()}. */
  int MAX_NOTE = 4_000;

  /**
   * Deal value, only with {@link FeedbackType#CONVERTED}: from 0 to {@link #MAX_VALUE}, so that the
   * learners that read it as a {@code double} always get a finite number.
   */
  Optional<BigDecimal> value();

  /** Who gave it, as the host identifies users; at most {@link #MAX_ACTOR} characters. */
  Optional<String> actor();

  /** Free text; at most {@link #MAX_NOTE} characters. */
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
      BigDecimal v = value().get();
      if (v.signum() < 0) {
        throw new ValidationException("value must not be negative, was " + v);
      }
      // 1e400 is a valid BigDecimal but infinite as a double, which the learners would ingest.
      if (v.compareTo(MAX_VALUE) > 0) {
        throw new ValidationException(
            "value must be at most " + MAX_VALUE.toPlainString() + ", was " + shortText(v));
      }
    }
    actor().ifPresent(a -> Checks.maxLength("actor", a, MAX_ACTOR));
    note().ifPresent(n -> Checks.maxLength("note", n, MAX_NOTE));
  }

  /** A number as a message may show it: a huge exponent stays in scientific notation. */
  private static String shortText(BigDecimal v) {
    String s = v.toString();
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
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
