package io.github.discoverysdk;

import static io.github.discoverysdk.ReviewFixture.ANA;
import static io.github.discoverysdk.ReviewFixture.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.review.Refinement;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.spi.OpportunityStore;
import io.github.discoverysdk.spi.OutboxStore;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.ForwardingOpportunityStore;
import io.github.discoverysdk.storage.ForwardingOutboxStore;
import io.github.discoverysdk.storage.ForwardingStorage;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Audit rows per action, none after a rolled-back change, and hostile input refused whole. */
class ReviewAuditTest {
  private final ReviewFixture f = new ReviewFixture();
  private final AtomicBoolean failEnqueue = new AtomicBoolean();
  private final AtomicBoolean failOpportunitySave = new AtomicBoolean();

  /** The fixture's storage, with faults to inject inside transactions. */
  private final Storage faulty =
      new ForwardingStorage(f.memory) {
        @Override
        protected Storage wrapTransaction(Storage tx) {
          return new ForwardingStorage(tx) {
            @Override
            public OutboxStore outbox() {
              return new ForwardingOutboxStore(super.outbox()) {
                @Override
                public boolean enqueue(OutboxEntry entry) {
                  if (failEnqueue.get()) {
                    throw new StorageException("injected: the outbox is down", null);
                  }
                  return super.enqueue(entry);
                }
              };
            }

            @Override
            public OpportunityStore opportunities() {
              return new ForwardingOpportunityStore(super.opportunities()) {
                @Override
                public Opportunity save(Opportunity o) {
                  if (failOpportunitySave.get()) {
                    throw new StorageException("injected: the opportunity table is down", null);
                  }
                  return super.save(o);
                }
              };
            }
          };
        }
      };

  private final DiscoveryEngine engine = f.engine(faulty);

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void eachActionAppendsOneAuditRowAndTheLogEqualsTheActionsTaken() {
    f.profile(engine);
    Account acme =
        engine.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
    acme = engine.accounts().update(ANA, Account.builder().from(acme).tier("enterprise").build());
    engine
        .accounts()
        .reassign(ANA, TENANT, "a1", acme.version(), "bob", Optional.of("apac"), "ana left");
    OpportunityId id = f.stored("s1").id();
    ReviewCard c = engine.reviews().submit(ANA, id, 0);
    c = engine.reviews().refine(ANA, id, c.version(), Refinement.builder().note("n").build());
    c = engine.reviews().approve(ANA, id, c.version(), Optional.empty());
    engine.reviews().activate(ANA, id, c.version(), "crm");

    assertThat(f.audit())
        .extracting(AuditEntry::entityType, AuditEntry::entityId, AuditEntry::action)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("account", "a1", AuditAction.CREATE),
            org.assertj.core.groups.Tuple.tuple("account", "a1", AuditAction.UPDATE),
            org.assertj.core.groups.Tuple.tuple("account", "a1", AuditAction.ASSIGN),
            org.assertj.core.groups.Tuple.tuple("opportunity", id.value(), AuditAction.SUBMIT),
            org.assertj.core.groups.Tuple.tuple("opportunity", id.value(), AuditAction.REFINE),
            org.assertj.core.groups.Tuple.tuple("opportunity", id.value(), AuditAction.APPROVE),
            org.assertj.core.groups.Tuple.tuple("opportunity", id.value(), AuditAction.ACTIVATE));
    AuditEntry assign = f.audit().get(2);
    assertThat(assign.reason()).contains("ana left");
    assertThat(assign.changes())
        .extracting(ch -> ch.field() + ":" + ch.before().orElse("") + "->" + ch.after().orElse(""))
        .containsExactly("owner:ana->bob", "team:emea->apac");
  }

  @Test
  void aChangeRolledBackLeavesNoAuditRowAndNoCardChange() {
    f.profile(engine);
    OpportunityId id = f.stored("s1").id();
    ReviewCard c = engine.reviews().submit(ANA, id, 0);
    c = engine.reviews().approve(ANA, id, c.version(), Optional.empty());
    int rows = f.audit().size();

    failEnqueue.set(true);
    long v = c.version();
    assertThatThrownBy(() -> engine.reviews().activate(ANA, id, v, "crm"))
        .isInstanceOf(StorageException.class);
    failEnqueue.set(false);
    failOpportunitySave.set(true);
    assertThatThrownBy(
            () -> engine.reviews().refine(ANA, id, v, Refinement.builder().note("x").build()))
        .isInstanceOf(StorageException.class);
    failOpportunitySave.set(false);

    assertThat(f.audit()).hasSize(rows);
    assertThat(engine.reviews().find(id)).contains(c);
    assertThat(f.memory.opportunities().find(id).orElseThrow().status())
        .isEqualTo(OpportunityStatus.APPROVED);
    assertThat(f.memory.outbox().list(TENANT, 10)).isEmpty();
  }

  @Test
  void hostileReasonsAndTextAreRefusedWithATypedErrorAndNothingIsStored() {
    f.profile(engine);
    Account a = engine.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
    OpportunityId id = f.stored("s1").id();
    ReviewCard c = engine.reviews().submit(ANA, id, 0);
    int rows = f.audit().size();
    String huge = "x".repeat(100 * 1024);

    assertThatThrownBy(() -> engine.reviews().reject(ANA, id, c.version(), huge))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("reason");
    assertThatThrownBy(() -> engine.reviews().reject(ANA, id, c.version(), "bad\u0007bell"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("control characters");
    assertThatThrownBy(() -> engine.reviews().reject(ANA, id, c.version(), "  "))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () -> engine.reviews().approve(ANA, id, c.version(), Optional.of("nul\u0000here")))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Refinement.builder().narrative(huge).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("refinement.narrative");
    assertThatThrownBy(() -> Refinement.builder().note("a\u001bb").build())
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Refinement.builder().scoreOverride(0.5).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("scoreReason");
    assertThatThrownBy(() -> Refinement.builder().build()).isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                engine
                    .accounts()
                    .reassign(ANA, TENANT, "a1", a.version(), "bob", Optional.empty(), huge))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                engine
                    .accounts()
                    .reassign(ANA, TENANT, "a1", a.version(), "bo\nb", Optional.empty(), "r"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("newOwner");
    assertThatThrownBy(() -> ReviewFixture.account("a\tb", "Stripe", "ana", "emea"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("account.id");

    assertThat(f.audit()).hasSize(rows);
    assertThat(engine.reviews().find(id)).contains(c);
    assertThat(engine.accounts().find(TENANT, "a1")).contains(a);
  }

  @Test
  void anotherTenantsIdsAndForgedCursorsAreRefused() {
    f.profile(engine);
    engine.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));

    assertThatThrownBy(() -> engine.accounts().view("globex", "a1"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                engine
                    .accounts()
                    .reassign(ANA, "globex", "a1", 1, "bob", Optional.empty(), "takeover"))
        .isInstanceOf(NotFoundException.class);
    for (String forged :
        List.of("", "c1.", "c1.!!!", "c2.abc", "c1.bm90IGEgY3Vyc29y", "x".repeat(5000))) {
      assertThatThrownBy(
              () ->
                  engine
                      .reviews()
                      .list(
                          TENANT,
                          AccessScope.tenant(),
                          Set.of(ReviewState.PENDING_REVIEW),
                          Optional.of(forged),
                          10))
          .as(forged)
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("cursor");
    }
    assertThat(
            f.memory
                .audit()
                .byTime("globex", java.time.Instant.EPOCH, java.time.Instant.MAX, 0, 10))
        .isEmpty();
    assertThat(f.audit()).hasSize(1);
  }
}
