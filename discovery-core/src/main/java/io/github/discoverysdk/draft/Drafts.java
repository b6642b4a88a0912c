package io.github.discoverysdk.draft;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.audit.FieldChange;
import io.github.discoverysdk.insight.RiskFlag;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.playbook.Channel;
import io.github.discoverysdk.playbook.PlaybookSelection;
import io.github.discoverysdk.playbook.Playbooks;
import io.github.discoverysdk.review.Refinement;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.Reviews;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.support.Fields;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Playbooks and outreach drafts of opportunity cards: which playbook a card matches and why, drafts
 * written by the configured {@link DraftGenerator} (falling back to the template's, with the
 * reason, when it fails), their versions, and a reviewer's edit, which stores a new version and
 * refines the card back to review through {@link Reviews#refine} in the same transaction. Matches
 * and drafts are audited (entity types {@value #MATCH_ENTITY} and {@value #DRAFT_ENTITY}).
 *
 * <p>Reached through {@code DiscoveryEngine.drafts()} for trusted system calls and through {@code
 * SecuredEngine.drafts()} for principals; this class checks no permission. Thread-safe: all state
 * lives in storage; the generator is called outside any transaction.
 */
public final class Drafts {
  /** The audit entity type of a card's playbook match; its id is the opportunity id's value. */
  public static final String MATCH_ENTITY = "playbook_match";

  /** The audit entity type of a draft; its id is {@code <opportunity id value>/<CHANNEL>}. */
  public static final String DRAFT_ENTITY = "draft";

  /** The generator id of a draft a reviewer wrote. */
  public static final String EDIT = "edit";

  private final Storage storage;
  private final Clock clock;
  private final AuditLog audit;
  private final Playbooks playbooks;
  private final DraftGenerator generator;
  private final Function<Signal, Set<RiskFlag>> riskFlags;
  private final Reviews reviews;
  private final BiFunction<Storage, Opportunity, Optional<String>> accountOf;
  private final CommittedDrafts committed;
  private final TemplateDraftGenerator template = TemplateDraftGenerator.create();

  /**
   * For the engine, which builds one per engine; hosts use {@code DiscoveryEngine.drafts()}.
   *
   * @param riskFlags the risk flags a card's signal raises, for playbook rules
   * @param accountOf the account an opportunity's company identifies, for a card not yet carded
   */
  public Drafts(
      Storage storage,
      Clock clock,
      AuditLog audit,
      Playbooks playbooks,
      DraftGenerator generator,
      Function<Signal, Set<RiskFlag>> riskFlags,
      Reviews reviews,
      BiFunction<Storage, Opportunity, Optional<String>> accountOf,
      CommittedDrafts committed) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.playbooks = Objects.requireNonNull(playbooks, "playbooks");
    this.generator = Objects.requireNonNull(generator, "generator");
    this.riskFlags = Objects.requireNonNull(riskFlags, "riskFlags");
    this.reviews = Objects.requireNonNull(reviews, "reviews");
    this.accountOf = Objects.requireNonNull(accountOf, "accountOf");
    this.committed = Objects.requireNonNull(committed, "committed");
  }

  /**
   * Hears of drafts once their transaction has committed, with the card's opportunity and account
   * (a search index keeps them findable). Called on the writer's thread; a listener that throws
   * fails the call after the drafts are stored, so it should not.
   */
  @FunctionalInterface
  public interface CommittedDrafts {
    /** A listener that does nothing. */
    CommittedDrafts NONE = (opportunity, accountId, drafts) -> {};

    void committed(Opportunity opportunity, Optional<String> accountId, List<Draft> drafts);
  }

  /** The playbook the card matched when it was last matched, and why. */
  public Optional<PlaybookMatch> findMatch(OpportunityId id) {
    return storage.drafts().findMatch(Objects.requireNonNull(id, "id"));
  }

  /**
   * Selects the card's playbook now and stores it with its reasons (audited when it changed); empty
   * when no rule holds and there is no fallback playbook.
   *
   * @throws io.github.discoverysdk.NotFoundException if there is no such opportunity
   */
  public Optional<PlaybookMatch> match(Actor actor, OpportunityId id) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(id, "id");
    CardContext card = CardContext.read(storage, id, accountOf, riskFlags);
    return playbooks
        .select(card.input())
        .map(s -> storage.inTransaction(tx -> saveMatch(tx, actor, id, s)));
  }

  /**
   * Writes the card's drafts, one per channel, with its matched playbook and the generator
   * configured, and stores them as the next version of each channel (audited). If the generator
   * fails, the template's drafts are stored instead with the failure as their fallback reason.
   *
   * @param contact the person to write to, if the host knows one
   * @throws ValidationException if no playbook matches the card
   * @throws ConcurrentUpdateException if another writer stored a version meanwhile
   */
  public List<Draft> generate(Actor actor, OpportunityId id, Optional<DraftContact> contact) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(contact, "contact");
    CardContext card = CardContext.read(storage, id, accountOf, riskFlags);
    PlaybookSelection selection =
        playbooks
            .select(card.input())
            .orElseThrow(
                () ->
                    new ValidationException(
                        "no playbook matches " + id + ": configure playbooks with a fallback"));
    DraftRequest request =
        DraftRequest.builder()
            .opportunity(card.opportunity())
            .playbook(selection.playbook())
            .account(card.account())
            .contact(contact)
            .build();
    List<GeneratedDraft> generated = Fallback.call(generator, template, request);
    Instant now = clock.instant();
    List<Draft> stored =
        storage.inTransaction(
            tx -> {
              saveMatch(tx, actor, id, selection);
              List<Draft> next = new ArrayList<>();
              for (GeneratedDraft g : generated) {
                next.add(
                    Draft.builder()
                        .opportunityId(id)
                        .channel(g.channel())
                        .version(latest(tx, id, g.channel()) + 1)
                        .text(g.text())
                        .generator(g.generator())
                        .fallbackReason(g.fallbackReason())
                        .citations(g.citations())
                        .createdBy(actor.id())
                        .createdAt(now)
                        .build());
              }
              List<Draft> saved = tx.drafts().append(next);
              for (Draft d : saved) {
                List<FieldChange> changes = new ArrayList<>();
                changes.add(FieldChange.of("version", null, Long.toString(d.version())));
                changes.add(FieldChange.of("generator", null, d.generator()));
                d.fallbackReason()
                    .ifPresent(r -> changes.add(FieldChange.of("fallbackReason", null, r)));
                record(tx, actor, d, AuditAction.CREATE, changes);
              }
              return saved;
            });
    committed.committed(card.opportunity(), card.account().map(a -> a.id()), stored);
    return stored;
  }

  /** The versions of the card's draft on {@code channel}, oldest first. */
  public List<Draft> versions(OpportunityId id, Channel channel) {
    return storage
        .drafts()
        .versions(Objects.requireNonNull(id, "id"), Objects.requireNonNull(channel, "channel"));
  }

  /** The latest version of the card's draft on each channel that has one. */
  public List<Draft> latest(OpportunityId id) {
    return storage.drafts().latest(Objects.requireNonNull(id, "id"));
  }

  /**
   * A reviewer's edit: stores {@code text} as the next version of the card's draft on {@code
   * channel} (generator {@value #EDIT}, citing the card's evidence) and, in the same transaction,
   * refines the card back to PENDING_REVIEW through {@link Reviews#refine} with a note naming the
   * new version; both are audited.
   *
   * @param draftVersion the latest version the reviewer edited (0 if the channel has none)
   * @param cardVersion the review card's version, as for {@link Reviews#refine}
   * @throws ConcurrentUpdateException if either version is stale; nothing is written
   * @throws ValidationException if {@code text} is blank, too long or not storable
   */
  public DraftEdit edit(
      Actor actor,
      OpportunityId id,
      Channel channel,
      long draftVersion,
      long cardVersion,
      String text) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    Fields.notBlank("text", text);
    Fields.text("text", text, Draft.MAX_TEXT);
    Opportunity[] opportunity = new Opportunity[1];
    DraftEdit edit =
        storage.inTransaction(
            tx -> {
              long latest = latest(tx, id, channel);
              if (latest != draftVersion) {
                throw new ConcurrentUpdateException(
                    "draft "
                        + id
                        + " "
                        + channel
                        + " is at version "
                        + latest
                        + ", not "
                        + draftVersion
                        + ": read it again");
              }
              Opportunity o = CardContext.read(tx, id, accountOf, s -> Set.of()).opportunity();
              opportunity[0] = o;
              Draft draft =
                  Draft.builder()
                      .opportunityId(id)
                      .channel(channel)
                      .version(latest + 1)
                      .text(text)
                      .generator(EDIT)
                      .addCitations(Citation.of(o))
                      .createdBy(actor.id())
                      .createdAt(clock.instant())
                      .build();
              String note = "Edited the " + channel + " draft: version " + draft.version();
              ReviewCard card =
                  reviews.refine(actor, id, cardVersion, Refinement.builder().note(note).build());
              Draft saved = tx.drafts().append(List.of(draft)).get(0);
              String before =
                  latest == 0
                      ? null
                      : tx.drafts().versions(id, channel).get((int) latest - 1).text();
              record(
                  tx,
                  actor,
                  saved,
                  AuditAction.UPDATE,
                  List.of(
                      FieldChange.of(
                          "version", Long.toString(latest), Long.toString(saved.version())),
                      FieldChange.of("text", before, saved.text())));
              return new DraftEdit(saved, card);
            });
    committed.committed(opportunity[0], edit.card().accountId(), List.of(edit.draft()));
    return edit;
  }

  private PlaybookMatch saveMatch(
      Storage tx, Actor actor, OpportunityId id, PlaybookSelection selection) {
    Optional<PlaybookMatch> current = tx.drafts().findMatch(id);
    if (current.isPresent()
        && current.get().playbookId().equals(selection.playbook().id())
        && current.get().reasons().equals(selection.reasons())) {
      return current.get();
    }
    PlaybookMatch saved =
        tx.drafts()
            .saveMatch(
                PlaybookMatch.builder()
                    .opportunityId(id)
                    .playbookId(selection.playbook().id())
                    .playbookName(selection.playbook().name())
                    .reasons(selection.reasons())
                    .matchedAt(clock.instant())
                    .version(current.map(PlaybookMatch::version).orElse(0L))
                    .build());
    audit.record(
        tx.audit(),
        actor,
        id.tenant(),
        MATCH_ENTITY,
        id.value(),
        current.isPresent() ? AuditAction.UPDATE : AuditAction.CREATE,
        AuditLog.diff(current.map(Drafts::fields).orElse(Map.of()), fields(saved)),
        Optional.empty());
    return saved;
  }

  private static Map<String, String> fields(PlaybookMatch m) {
    return Map.of("playbook", m.playbookId(), "reasons", String.join("; ", m.reasons()));
  }

  private static long latest(Storage tx, OpportunityId id, Channel channel) {
    return tx.drafts().latest(id).stream()
        .filter(d -> d.channel() == channel)
        .mapToLong(Draft::version)
        .findFirst()
        .orElse(0);
  }

  private void record(
      Storage tx, Actor actor, Draft d, AuditAction action, List<FieldChange> changes) {
    audit.record(
        tx.audit(),
        actor,
        d.tenant(),
        DRAFT_ENTITY,
        d.opportunityId().value() + "/" + d.channel(),
        action,
        changes,
        Optional.empty());
  }
}
