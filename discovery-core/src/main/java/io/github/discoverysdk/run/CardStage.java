package io.github.discoverysdk.run;

import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.draft.Drafts;
import io.github.discoverysdk.draft.PlaybookMatch;
import io.github.discoverysdk.matching.Normalizer;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.playbook.PlaybookInput;
import io.github.discoverysdk.playbook.Playbooks;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.spi.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stage 6b, review cards, when the host turned review on: an opportunity the batch writes whose
 * company attaches to one of the tenant's accounts, and which is NEW and has no card, is written as
 * PENDING_REVIEW and gets a PENDING_REVIEW card of that account, audited as CREATE by {@code
 * system:run}, all in the batch's transaction. One {@code findByCompanies}, at most one {@code
 * findAll} of cards, one {@code createAll} and one audit {@code append} per batch; none with review
 * off. A card once created is never reset by a later run. Also records the playbook each new card
 * matches ({@link #match}). Thread-safe: it holds no state.
 */
final class CardStage {
  static final Actor ACTOR = Actor.system("run");

  private final RunContext ctx;

  CardStage(RunContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Marks the opportunities of {@code toSave[0, upserts)} that attach to an account as
   * PENDING_REVIEW, in place; returns their ids with their account's, for {@link #create}.
   */
  Map<OpportunityId, String> attach(Storage tx, List<Opportunity> toSave, int upserts) {
    if (ctx.config.review().isEmpty()) {
      return Map.of();
    }
    Map<Integer, String> keys = new LinkedHashMap<>();
    for (int i = 0; i < upserts; i++) {
      Opportunity o = toSave.get(i);
      if (o.status() == OpportunityStatus.NEW && o.company().isPresent()) {
        String key = Normalizer.companyName(o.company().get());
        if (!key.isEmpty()) {
          keys.put(i, key);
        }
      }
    }
    if (keys.isEmpty()) {
      return Map.of();
    }
    Map<String, Account> accounts =
        tx.accounts().findByCompanies(ctx.tenant, new LinkedHashSet<>(keys.values()));
    if (accounts.isEmpty()) {
      return Map.of();
    }
    // An opportunity stored before may have a card already: its state is the reviewers'.
    Set<OpportunityId> stored = new LinkedHashSet<>();
    keys.forEach(
        (i, key) -> {
          if (accounts.containsKey(key) && toSave.get(i).version() > 0) {
            stored.add(toSave.get(i).id());
          }
        });
    Set<OpportunityId> carded = stored.isEmpty() ? Set.of() : tx.reviews().findAll(stored).keySet();
    Map<OpportunityId, String> attached = new LinkedHashMap<>();
    keys.forEach(
        (i, key) -> {
          Account a = accounts.get(key);
          Opportunity o = toSave.get(i);
          if (a != null && !carded.contains(o.id())) {
            toSave.set(
                i, Opportunity.builder().from(o).status(OpportunityStatus.PENDING_REVIEW).build());
            attached.put(o.id(), a.id());
          }
        });
    return attached;
  }

  /** A card a batch created: its opportunity, the signal it came from, and its account if any. */
  record Created(Opportunity opportunity, Signal signal, Optional<String> accountId) {}

  /**
   * Records the playbook each card of {@code created} matches and why ({@link
   * io.github.discoverysdk.draft.DraftStore#recordMatches}), as {@code engine.drafts()} would
   * select it; a card matched before keeps its match. With review on, audits each as CREATE by
   * {@code system:run}. At most one {@code findByCompanies} (the accounts' tiers), one {@code
   * recordMatches} and one audit {@code append} per batch; none when the host has no playbook.
   */
  void match(Storage tx, List<Created> created, Instant now) {
    Playbooks playbooks = ctx.config.cards().playbooks();
    if (created.isEmpty() || (playbooks.rules().isEmpty() && playbooks.fallback().isEmpty())) {
      return;
    }
    Set<String> keys = new LinkedHashSet<>();
    for (Created c : created) {
      if (c.accountId().isPresent()) {
        c.opportunity().company().map(Normalizer::companyName).ifPresent(keys::add);
      }
    }
    Map<String, String> tiers = new HashMap<>();
    if (!keys.isEmpty()) {
      for (Account a : tx.accounts().findByCompanies(ctx.tenant, keys).values()) {
        tiers.put(a.id(), a.tier());
      }
    }
    List<PlaybookMatch> matches = new ArrayList<>(created.size());
    for (Created c : created) {
      Optional<String> tier = c.accountId().map(tiers::get);
      PlaybookInput input =
          PlaybookInput.ofCard(
              c.opportunity(), tier, ctx.config.cards().riskFlags().apply(c.signal()));
      playbooks
          .select(input)
          .ifPresent(
              s ->
                  matches.add(
                      PlaybookMatch.builder()
                          .opportunityId(c.opportunity().id())
                          .playbookId(s.playbook().id())
                          .playbookName(s.playbook().name())
                          .reasons(s.reasons())
                          .matchedAt(now)
                          .build()));
    }
    if (matches.isEmpty()) {
      return;
    }
    List<PlaybookMatch> recorded = tx.drafts().recordMatches(matches);
    Optional<AuditLog> audit = ctx.config.review();
    if (recorded.isEmpty() || audit.isEmpty()) {
      return;
    }
    List<AuditEntry> entries = new ArrayList<>(recorded.size());
    for (PlaybookMatch m : recorded) {
      entries.add(
          audit
              .get()
              .entry(
                  ACTOR,
                  ctx.tenant,
                  Drafts.MATCH_ENTITY,
                  m.opportunityId().value(),
                  AuditAction.CREATE,
                  AuditLog.diff(
                      Map.of(),
                      Map.of(
                          "playbook", m.playbookId(), "reasons", String.join("; ", m.reasons()))),
                  Optional.empty()));
    }
    tx.audit().append(entries);
  }

  /** Creates the cards of {@code attached}, once their opportunities are saved, and audits them. */
  void create(Storage tx, Map<OpportunityId, String> attached, Instant now) {
    Optional<AuditLog> audit = ctx.config.review();
    if (attached.isEmpty() || audit.isEmpty()) {
      return;
    }
    List<ReviewCard> cards = new ArrayList<>(attached.size());
    attached.forEach(
        (id, account) ->
            cards.add(
                ReviewCard.builder()
                    .opportunityId(id)
                    .accountId(account)
                    .state(ReviewState.PENDING_REVIEW)
                    .submittedAt(now)
                    .createdAt(now)
                    .updatedAt(now)
                    .build()));
    List<ReviewCard> created = tx.reviews().createAll(cards);
    if (created.isEmpty()) {
      return;
    }
    List<AuditEntry> entries = new ArrayList<>(created.size());
    for (ReviewCard c : created) {
      entries.add(
          audit
              .get()
              .entry(
                  ACTOR,
                  ctx.tenant,
                  "opportunity",
                  c.opportunityId().value(),
                  AuditAction.CREATE,
                  AuditLog.diff(
                      Map.of(),
                      Map.of("state", c.state().name(), "accountId", c.accountId().orElseThrow())),
                  Optional.empty()));
    }
    tx.audit().append(entries);
  }
}
