package io.github.discoverysdk.run;

import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.insight.CardInsight;
import io.github.discoverysdk.insight.RiskFlags;
import io.github.discoverysdk.matching.Normalizer;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.spi.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stage 6c, time to card: for each opportunity a batch creates, records when its signal was
 * published, first fetched and turned into the card, the account it attached to, and the risk flags
 * the signal raised ({@link RiskFlags}), in the batch's transaction. An opportunity written again
 * keeps its first record; one that review attaches to an account created since gets that account.
 * One {@code recordAll} and at most one {@code refresh} per batch; with review off, one {@code
 * findByCompanies} too (with review on, the accounts {@link CardStage} attached are reused).
 * Thread-safe: it holds no state.
 */
final class InsightStage {
  private final RunContext ctx;

  InsightStage(RunContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Records the new ones among {@code saved}, whose first {@code deliveries.size()} are the batch's
   * upserts (same order; the deliveries say which are new), and refreshes the records of all the
   * others the batch wrote (updated, reflected, archived), so that the read models follow them.
   * Returns the cards created, for {@link CardStage#match}.
   *
   * @param attached the accounts {@link CardStage#attach} found, by opportunity
   */
  List<CardStage.Created> record(
      Storage tx,
      List<DeliverStage.Delivery> deliveries,
      List<Opportunity> saved,
      Map<OpportunityId, String> attached,
      Instant now) {
    // New opportunities, and stored ones a card now attaches to an account created since.
    List<Integer> created = new ArrayList<>();
    Set<OpportunityId> rest = new LinkedHashSet<>();
    for (int i = 0; i < saved.size(); i++) {
      if (i < deliveries.size()
          && (deliveries.get(i).isNew() || attached.containsKey(saved.get(i).id()))) {
        created.add(i);
      } else {
        rest.add(saved.get(i).id());
      }
    }
    if (!rest.isEmpty()) {
      tx.insight().refresh(rest);
    }
    if (created.isEmpty()) {
      return List.of();
    }
    Map<String, Account> accounts =
        ctx.config.review().isPresent() ? Map.of() : lookUp(tx, saved, created);
    List<CardInsight> records = new ArrayList<>(created.size());
    List<CardStage.Created> cards = new ArrayList<>(created.size());
    for (int i : created) {
      Opportunity o = saved.get(i);
      MatchStage.Hit hit = deliveries.get(i).hit();
      Optional<String> account =
          ctx.config.review().isPresent()
              ? Optional.ofNullable(attached.get(o.id()))
              : key(o).map(accounts::get).map(Account::id);
      records.add(record(o, hit, account, now));
      if (deliveries.get(i).isNew()) {
        cards.add(new CardStage.Created(o, hit.signal(), account));
      }
    }
    tx.insight().recordAll(records);
    return cards;
  }

  private Map<String, Account> lookUp(Storage tx, List<Opportunity> saved, List<Integer> created) {
    Set<String> keys = new LinkedHashSet<>();
    for (int i : created) {
      key(saved.get(i)).ifPresent(keys::add);
    }
    return keys.isEmpty() ? Map.of() : tx.accounts().findByCompanies(ctx.tenant, keys);
  }

  private static Optional<String> key(Opportunity o) {
    return o.company().map(Normalizer::companyName).filter(k -> !k.isEmpty());
  }

  private static CardInsight record(
      Opportunity o, MatchStage.Hit hit, Optional<String> account, Instant now) {
    Signal s = hit.signal();
    List<String> competitors =
        hit.matches().stream()
            .filter(m -> m.target() == MatchTarget.COMPETITOR)
            .map(Match::term)
            .distinct()
            .toList();
    return new CardInsight(
        o.id(),
        account,
        s.key().sourceId(),
        s.publishedAt(),
        s.observedAt(),
        now,
        RiskFlags.classify(
            s.type(), s.title(), s.text(), s.event().map(EventDetails::status), competitors),
        !o.matches().isEmpty(),
        !o.score().factors().isEmpty());
  }
}
