package io.github.discoverysdk.model;

import io.github.discoverysdk.ValidationException;
import org.immutables.value.Value;

/**
 * Where an entity extractor found a mention in its signal, and how sure it is: the {@link #field()}
 * ({@link EvidenceField#TITLE} or {@link EvidenceField#TEXT}) and the UTF-16 offsets {@code [start,
 * end)} into that field's text as the signal stores it, so that {@code
 * signal.text().substring(start, end)} is the words found. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface MentionSpan {
  /** The field whose text the offsets index: {@link EvidenceField#TITLE} or {@code TEXT}. */
  @Value.Parameter
  EvidenceField field();

  /** First UTF-16 index of the mention in the field's text. */
  @Value.Parameter
  int start();

  /** One past the last UTF-16 index of the mention. */
  @Value.Parameter
  int end();

  /** How sure the extractor is, in (0, 1]. */
  @Value.Parameter
  double confidence();

  @Value.Check
  default void check() {
    if (field() != EvidenceField.TITLE && field() != EvidenceField.TEXT) {
      throw new ValidationException("span.field must be TITLE or TEXT, was " + field());
    }
    if (start() < 0 || end() <= start()) {
      throw new ValidationException(
          "span must have 0 <= start < end, was [" + start() + ", " + end() + ")");
    }
    if (!(confidence() > 0.0 && confidence() <= 1.0)) {
      throw new ValidationException("span.confidence must be in (0, 1], was " + confidence());
    }
  }

  /** A span of {@code field}'s text {@code [start, end)} found with {@code confidence}. */
  static MentionSpan of(EvidenceField field, int start, int end, double confidence) {
    return Checks.build(
        "MentionSpan", () -> ImmutableMentionSpan.of(field, start, end, confidence));
  }
}
