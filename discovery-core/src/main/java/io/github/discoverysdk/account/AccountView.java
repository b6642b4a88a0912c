package io.github.discoverysdk.account;

import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.review.ReviewCard;
import java.util.List;
import java.util.Objects;

/**
 * An account with its open cards (NEW, PENDING_REVIEW or APPROVED), oldest queued first, each with
 * its opportunity. Immutable and thread-safe.
 *
 * @param account the account
 * @param open its open cards with their opportunities
 */
public record AccountView(Account account, List<OpenCard> open) {
  public AccountView {
    Objects.requireNonNull(account, "account");
    open = List.copyOf(open);
  }

  /**
   * One open card of the account and the opportunity it reviews.
   *
   * @param card the review card
   * @param opportunity the card's opportunity
   */
  public record OpenCard(ReviewCard card, Opportunity opportunity) {
    public OpenCard {
      Objects.requireNonNull(card, "card");
      Objects.requireNonNull(opportunity, "opportunity");
    }
  }
}
