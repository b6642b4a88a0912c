package io.github.discoverysdk.storage;

import io.github.discoverysdk.insight.CardInsight;
import io.github.discoverysdk.insight.CardSummary;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.review.ReviewCard;
import java.util.Optional;

/**
 * A card record of {@link MemoryInsightStore} with what its read models join to it: the opportunity
 * and its review card. Immutable.
 */
record MemoryInsightRow(CardInsight insight, Opportunity o, Optional<ReviewCard> card) {
  CardSummary summary() {
    return new CardSummary(
        o.id(),
        insight.accountId(),
        insight.sourceId(),
        o.title(),
        o.signalType(),
        o.score().total(),
        o.score().strength(),
        o.status(),
        card.map(ReviewCard::state),
        insight.publishedAt(),
        insight.cardedAt(),
        insight.riskFlags());
  }
}
