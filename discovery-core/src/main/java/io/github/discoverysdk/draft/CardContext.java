package io.github.discoverysdk.draft;

import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.insight.RiskFlag;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.playbook.PlaybookInput;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.spi.Storage;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What playbook selection and drafts read about a card: its opportunity, its account (the card's,
 * else the one its company identifies) and the risk flags of its signal. Immutable.
 */
record CardContext(Opportunity opportunity, Optional<Account> account, Set<RiskFlag> riskFlags) {

  static CardContext read(
      Storage storage,
      OpportunityId id,
      BiFunction<Storage, Opportunity, Optional<String>> accountOf,
      Function<Signal, Set<RiskFlag>> riskFlags) {
    Opportunity o =
        storage
            .opportunities()
            .find(id)
            .orElseThrow(() -> new NotFoundException("no opportunity " + id));
    Optional<String> accountId =
        storage
            .reviews()
            .find(id)
            .flatMap(ReviewCard::accountId)
            .or(() -> accountOf.apply(storage, o));
    Optional<Account> account = accountId.flatMap(a -> storage.accounts().find(id.tenant(), a));
    Set<RiskFlag> flags =
        storage
            .signals()
            .find(id.tenant(), o.signalKey())
            .map(riskFlags)
            .map(Set::copyOf)
            .orElse(Set.of());
    return new CardContext(
        o, account, PlaybookInput.ofCard(o, Optional.empty(), flags).riskFlags());
  }

  PlaybookInput input() {
    return PlaybookInput.of(opportunity, account.map(Account::tier), riskFlags);
  }
}
