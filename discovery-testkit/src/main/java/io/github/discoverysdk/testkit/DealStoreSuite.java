package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.deals.CachedEnrichment;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealAccount;
import io.github.discoverysdk.deals.DealContact;
import io.github.discoverysdk.deals.DealCursor;
import io.github.discoverysdk.deals.DealStage;
import io.github.discoverysdk.deals.DealStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of deals(): upsert by (tenant, source, id) where the later {@code
 * updatedAt} wins, and closed deals keyset-paged by (closedAt, source, id).
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Deals} against the storage of its {@link StorageContract#createStorage()}; never
 * extend this class directly.
 */
public abstract class DealStoreSuite extends StoreSuiteSupport {
  DealStoreSuite() {}

  private DealStore deals() {
    return storage().deals();
  }

  @Test
  void aSavedDealComesBackWithItsAccountContactsAndExactAmount() {
    Deal won =
        Deal.builder()
            .from(deal(TENANT_A, "hubspot", "d-1", DealStage.CLOSED_WON, T0, T0))
            .amount(new BigDecimal("25000.50"))
            .currency("EUR")
            .account(DealAccount.of("Acme GmbH", "https://www.Acme.de/about"))
            .contacts(
                List.of(
                    DealContact.of(" Jane.Doe@Acme.de ", "Jane Doe", "VP Sales"),
                    DealContact.of("ops@acme.de", null, " ")))
            .build();
    Deal bare =
        Deal.builder()
            .from(deal(TENANT_A, "hubspot", "d-2", DealStage.OPEN, T0, T0))
            .closedAt(Optional.empty())
            .account(Optional.empty())
            .build();

    List<Deal> saved = deals().saveAll(List.of(won, bare));

    assertThat(saved).containsExactly(withVersion(won, 1), withVersion(bare, 1));
    assertThat(deals().find(TENANT_A, "hubspot", "d-1")).contains(withVersion(won, 1));
    assertThat(deals().find(TENANT_A, "hubspot", "d-2")).contains(withVersion(bare, 1));
    Deal stored = deals().find(TENANT_A, "hubspot", "d-1").orElseThrow();
    assertThat(stored.amount()).contains(new BigDecimal("25000.50"));
    assertThat(stored.amount().orElseThrow().scale()).isEqualTo(2);
    assertThat(stored.account().flatMap(DealAccount::domain)).contains("acme.de");
    assertThat(stored.contacts().get(0).email()).isEqualTo("jane.doe@acme.de");
    assertThat(stored.contacts().get(1).title()).isEmpty();
    assertThat(deals().find(TENANT_A, "salesforce", "d-1")).isEmpty();
    assertThat(deals().saveAll(List.of())).isEmpty();
  }

  @Test
  void aLaterUpdateReplacesTheDealAndAnOlderOrEqualOneChangesNothing() {
    Deal first = deal(TENANT_A, "hubspot", "d-1", DealStage.OPEN, T0, T0);
    deals().saveAll(List.of(Deal.builder().from(first).closedAt(Optional.empty()).build()));
    Deal won = deal(TENANT_A, "hubspot", "d-1", DealStage.CLOSED_WON, T0, T0.plusSeconds(60));

    assertThat(deals().saveAll(List.of(won))).containsExactly(withVersion(won, 2));

    Deal stale = deal(TENANT_A, "hubspot", "d-1", DealStage.CLOSED_LOST, T0, T0.plusSeconds(30));
    Deal replay = Deal.builder().from(won).name("renamed with the same updatedAt").build();
    assertThat(deals().saveAll(List.of(stale))).containsExactly(withVersion(won, 2));
    assertThat(deals().saveAll(List.of(replay))).containsExactly(withVersion(won, 2));
    assertThat(deals().find(TENANT_A, "hubspot", "d-1")).contains(withVersion(won, 2));
  }

  @Test
  void aMixedBatchComesBackInArgumentOrderAcrossTenantsAndSources() {
    deals().saveAll(List.of(deal(TENANT_A, "hubspot", "old", DealStage.CLOSED_WON, T0, T0)));
    List<Deal> batch =
        List.of(
            deal(TENANT_B, "hubspot", "old", DealStage.CLOSED_LOST, T0, T0),
            deal(TENANT_A, "hubspot", "old", DealStage.CLOSED_LOST, T0, T0.plusSeconds(1)),
            deal(TENANT_A, "csv", "old", DealStage.CLOSED_WON, T0, T0),
            deal(TENANT_A, "hubspot", "new", DealStage.CLOSED_WON, T0, T0));

    assertThat(deals().saveAll(batch))
        .containsExactly(
            withVersion(batch.get(0), 1),
            withVersion(batch.get(1), 2),
            withVersion(batch.get(2), 1),
            withVersion(batch.get(3), 1));
    assertThat(deals().find(TENANT_B, "hubspot", "old").orElseThrow().stage())
        .isEqualTo(DealStage.CLOSED_LOST);
  }

  @Test
  void aThousandDealsAreSavedAndUpdatedInOneCall() {
    List<Deal> batch = new ArrayList<>();
    for (int i = 0; i < DealStore.MAX_BATCH; i++) {
      batch.add(deal(TENANT_A, "csv", "d-" + i, DealStage.CLOSED_WON, T0.plusSeconds(i), T0));
    }
    assertThat(deals().saveAll(batch)).extracting(Deal::version).containsOnly(1L);

    List<Deal> newer = new ArrayList<>();
    for (Deal d : batch) {
      newer.add(Deal.builder().from(d).updatedAt(T0.plusSeconds(5)).name("v2").build());
    }
    assertThat(deals().saveAll(newer)).extracting(Deal::version).containsOnly(2L);
    assertThat(deals().find(TENANT_A, "csv", "d-999").orElseThrow().name()).isEqualTo("v2");
  }

  @Test
  void closedDealsArePagedByClosedAtSourceAndIdWithoutGapsOrRepeats() {
    List<Deal> all = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      // Three deals per instant, across two sources, so that pages end inside ties.
      Instant closed = T0.plus(Duration.ofHours(i / 3));
      DealStage stage = i % 2 == 0 ? DealStage.CLOSED_WON : DealStage.CLOSED_LOST;
      all.add(deal(TENANT_A, i % 3 == 0 ? "csv" : "hubspot", "d-" + (30 - i), stage, closed, T0));
    }
    Deal open =
        Deal.builder()
            .from(deal(TENANT_A, "csv", "open", DealStage.OPEN, T0.plusSeconds(1), T0))
            .build();
    Deal before = deal(TENANT_A, "csv", "before", DealStage.CLOSED_WON, T0.minusSeconds(1), T0);
    deals().saveAll(all);
    deals().saveAll(List.of(open, before));

    List<Deal> expected =
        all.stream()
            .map(d -> withVersion(d, 1))
            .sorted(
                Comparator.comparing((Deal d) -> d.closedAt().orElseThrow())
                    .thenComparing(Deal::source)
                    .thenComparing(Deal::id))
            .toList();
    for (int limit : new int[] {1, 4, 23, 100}) {
      assertThat(pages(TENANT_A, T0, limit)).as("limit " + limit).isEqualTo(expected);
    }
    assertThat(deals().listClosed(TENANT_A, T0.minusSeconds(1), Optional.empty(), 1))
        .containsExactly(withVersion(before, 1));
    assertThat(deals().listClosed(TENANT_A, T0, Optional.empty(), 0)).isEmpty();
    assertThatThrownBy(() -> deals().listClosed(TENANT_A, T0, Optional.empty(), -1))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("limit");
    assertThat(
            deals()
                .listClosed(
                    TENANT_A,
                    T0,
                    Optional.of(new DealCursor(T0.minusSeconds(60), "csv", "x")),
                    100))
        .as("a cursor before since only positions the query")
        .isEqualTo(expected);
  }

  @Test
  void aDealThatReopensOrMovesItsCloseDateMovesInTheListing() {
    Deal a = deal(TENANT_A, "hubspot", "a", DealStage.CLOSED_WON, T0, T0);
    Deal b = deal(TENANT_A, "hubspot", "b", DealStage.CLOSED_WON, T0.plusSeconds(10), T0);
    deals().saveAll(List.of(a, b));

    Deal aLater =
        deal(
            TENANT_A, "hubspot", "a", DealStage.CLOSED_LOST, T0.plusSeconds(20), T0.plusSeconds(1));
    deals().saveAll(List.of(aLater));
    assertThat(deals().listClosed(TENANT_A, T0, Optional.empty(), 10))
        .containsExactly(withVersion(b, 1), withVersion(aLater, 2));

    Deal reopened =
        Deal.builder()
            .from(deal(TENANT_A, "hubspot", "b", DealStage.OPEN, T0, T0.plusSeconds(2)))
            .closedAt(Optional.empty())
            .build();
    deals().saveAll(List.of(reopened));
    assertThat(deals().listClosed(TENANT_A, T0, Optional.empty(), 10))
        .containsExactly(withVersion(aLater, 2));
  }

  @Test
  void aBatchThatRepeatsADealOrIsTooLargeIsRefusedAndWritesNothing() {
    Deal d = deal(TENANT_A, "hubspot", "d-1", DealStage.CLOSED_WON, T0, T0);
    Deal other = deal(TENANT_A, "hubspot", "d-2", DealStage.CLOSED_WON, T0, T0);
    assertThatThrownBy(
            () ->
                deals()
                    .saveAll(
                        List.of(
                            other, d, Deal.builder().from(d).updatedAt(T0.plusSeconds(1)).build())))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("hubspot/d-1");
    List<Deal> tooMany = new ArrayList<>();
    for (int i = 0; i <= DealStore.MAX_BATCH; i++) {
      tooMany.add(deal(TENANT_A, "csv", "d-" + i, DealStage.CLOSED_WON, T0, T0));
    }
    assertThatThrownBy(() -> deals().saveAll(tooMany))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(String.valueOf(DealStore.MAX_BATCH));
    assertThat(deals().find(TENANT_A, "hubspot", "d-2")).isEmpty();
    assertThat(deals().find(TENANT_A, "csv", "d-0")).isEmpty();
  }

  @Test
  void aRolledBackTransactionLeavesTheStoredDealsAndTheirOrderAsTheyWere() {
    Deal a = deal(TENANT_A, "hubspot", "a", DealStage.CLOSED_WON, T0, T0);
    deals().saveAll(List.of(a));

    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        tx -> {
                          tx.deals()
                              .saveAll(
                                  List.of(
                                      deal(
                                          TENANT_A,
                                          "hubspot",
                                          "a",
                                          DealStage.CLOSED_LOST,
                                          T0.plusSeconds(99),
                                          T0.plusSeconds(1)),
                                      deal(TENANT_A, "csv", "b", DealStage.CLOSED_WON, T0, T0)));
                          throw new IllegalStateException("rolled back");
                        }))
        .hasMessage("rolled back");

    assertThat(deals().find(TENANT_A, "hubspot", "a")).contains(withVersion(a, 1));
    assertThat(deals().find(TENANT_A, "csv", "b")).isEmpty();
    assertThat(deals().listClosed(TENANT_A, T0, Optional.empty(), 10))
        .containsExactly(withVersion(a, 1));
  }

  @Test
  void invalidDealsAreRefusedWithAnErrorNamingTheField() {
    Deal ok = deal(TENANT_A, "hubspot", "d", DealStage.CLOSED_WON, T0, T0);
    assertInvalid(() -> Deal.builder().from(ok).name("Acme\u0000").build(), "deal.name");
    assertInvalid(() -> Deal.builder().from(ok).id("x".repeat(201)).build(), "deal.id");
    assertInvalid(() -> Deal.builder().from(ok).source(" hubspot").build(), "deal.source");
    assertInvalid(() -> Deal.builder().from(ok).tenant("acme ").build(), "deal.tenant");
    assertInvalid(
        () -> Deal.builder().from(ok).amount(new BigDecimal("-1")).build(), "deal.amount");
    assertInvalid(
        () -> Deal.builder().from(ok).amount(new BigDecimal("1.0000001")).build(), "deal.amount");
    assertInvalid(() -> Deal.builder().from(ok).currency("eur").build(), "deal.currency");
    assertInvalid(
        () -> Deal.builder().from(ok).closedAt(Optional.empty()).build(), "deal.closedAt");
    assertInvalid(() -> DealContact.of("jane", null, null), "deal.contact.email");
    assertInvalid(() -> DealContact.builder().email("Jane@acme.com").build(), "deal.contact.email");
    assertInvalid(() -> DealContact.of("ja ne@acme.com", null, null), "deal.contact.email");
    assertInvalid(
        () -> DealContact.of("jane@acme.com", "x".repeat(201), null), "deal.contact.name");
    assertInvalid(() -> DealAccount.of("Acme", "acme"), "deal.account.domain");
    assertInvalid(() -> DealAccount.of("Acme", "ac_me.com"), "deal.account.domain");
    assertInvalid(
        () ->
            Deal.builder()
                .from(ok)
                .addContacts(DealContact.of("a@b.com", null, null))
                .addContacts(DealContact.of("A@B.com", null, null))
                .build(),
        "deal.contacts");
    assertInvalid(() -> Deal.builder().tenant(TENANT_A).build(), "Deal");
  }

  @Test
  void cachedEnrichmentsAreFoundByKindAndKeyAndReplacedByALaterSave() {
    CachedEnrichment jane =
        enrichment(TENANT_A, CachedEnrichment.Kind.CONTACT, "jane@acme.com", T0);
    CachedEnrichment acme = enrichment(TENANT_A, CachedEnrichment.Kind.ACCOUNT, "acme.com", T0);
    deals().saveEnrichments(List.of(jane, acme));

    assertThat(
            deals()
                .findEnrichments(
                    TENANT_A, CachedEnrichment.Kind.CONTACT, List.of("jane@acme.com", "x@y.com")))
        .isEqualTo(Map.of("jane@acme.com", jane));
    assertThat(
            deals()
                .findEnrichments(TENANT_A, CachedEnrichment.Kind.ACCOUNT, List.of("jane@acme.com")))
        .as("contacts and accounts are apart")
        .isEmpty();
    assertThat(deals().findEnrichments(TENANT_A, CachedEnrichment.Kind.ACCOUNT, List.of()))
        .isEmpty();

    CachedEnrichment again =
        CachedEnrichment.builder()
            .from(jane)
            .attributes(Map.of("title", "CRO", "note", "line one\nline two"))
            .enrichedAt(T0.plus(Duration.ofDays(91)))
            .build();
    deals().saveEnrichments(List.of(again));
    assertThat(
            deals()
                .findEnrichments(TENANT_A, CachedEnrichment.Kind.CONTACT, List.of("jane@acme.com")))
        .isEqualTo(Map.of("jane@acme.com", again));
    assertThat(jane.freshAt(T0.plus(Duration.ofDays(89)), 90)).isTrue();
    assertThat(jane.freshAt(T0.plus(Duration.ofDays(90)), 90)).isFalse();
  }

  @Test
  void sixHundredCachedEnrichmentsAreSavedAndFoundInOneCallEach() {
    List<CachedEnrichment> batch = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      keys.add("p" + i + "@acme.com");
      batch.add(enrichment(TENANT_A, CachedEnrichment.Kind.CONTACT, keys.get(i), T0));
    }
    deals().saveEnrichments(batch);

    assertThat(deals().findEnrichments(TENANT_A, CachedEnrichment.Kind.CONTACT, keys))
        .hasSize(600)
        .containsEntry("p599@acme.com", batch.get(599));
  }

  @Test
  void aCacheBatchThatRepeatsAKeyIsRefusedAndARolledBackOneLeavesNothing() {
    CachedEnrichment jane =
        enrichment(TENANT_A, CachedEnrichment.Kind.CONTACT, "jane@acme.com", T0);
    assertThatThrownBy(() -> deals().saveEnrichments(List.of(jane, jane)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("jane@acme.com");
    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        tx -> {
                          tx.deals().saveEnrichments(List.of(jane));
                          throw new IllegalStateException("rolled back");
                        }))
        .hasMessage("rolled back");
    assertThat(
            deals()
                .findEnrichments(TENANT_A, CachedEnrichment.Kind.CONTACT, List.of("jane@acme.com")))
        .isEmpty();
    assertInvalid(
        () -> CachedEnrichment.builder().from(jane).key("Jane@Acme.com").build(), "enrichment.key");
    assertInvalid(
        () -> CachedEnrichment.builder().from(jane).attributes(Map.of("title", "VP\u0000")).build(),
        "enrichment.attributes");
  }

  private static void assertInvalid(Runnable build, String field) {
    assertThatThrownBy(build::run)
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(field);
  }

  private List<Deal> pages(String tenant, Instant since, int limit) {
    List<Deal> out = new ArrayList<>();
    Optional<DealCursor> after = Optional.empty();
    for (int guard = 0; guard < 1_000; guard++) {
      List<Deal> page = deals().listClosed(tenant, since, after, limit);
      assertThat(page.size()).isLessThanOrEqualTo(limit);
      out.addAll(page);
      if (page.size() < limit) {
        return out;
      }
      after = Optional.of(DealCursor.after(page.get(page.size() - 1)));
    }
    throw new AssertionError("listClosed did not end after 1000 pages: does a cursor repeat?");
  }
}
