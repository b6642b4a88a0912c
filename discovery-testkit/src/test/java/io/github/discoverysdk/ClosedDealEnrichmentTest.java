package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.deals.CachedEnrichment;
import io.github.discoverysdk.deals.ClosedDealEnrichment;
import io.github.discoverysdk.deals.ClosedDealRun;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealAccount;
import io.github.discoverysdk.deals.DealContact;
import io.github.discoverysdk.deals.DealReport;
import io.github.discoverysdk.deals.DealReports;
import io.github.discoverysdk.deals.DealStage;
import io.github.discoverysdk.deals.EnrichmentStatus;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.EnrichmentContext;
import io.github.discoverysdk.spi.EnrichmentResult;
import io.github.discoverysdk.spi.EnrichmentSubject;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ClosedDealEnrichmentTest {
  static final Instant NOW = Instant.parse("2026-09-01T09:00:00Z");

  final MutableClock clock = MutableClock.at(NOW);
  final InMemoryStorage storage = InMemoryStorage.create();
  final CountingEnricher enricher = new CountingEnricher();

  /** Answers every subject but those whose key contains "unknown"; counts what it is asked. */
  static final class CountingEnricher implements Enricher {
    final List<String> asked = new CopyOnWriteArrayList<>();
    volatile boolean down;
    volatile int crashAtCall = -1;
    volatile int calls;
    volatile String partialFor = "";
    volatile String skipping = "";

    @Override
    public String id() {
      return "fake";
    }

    @Override
    public Set<EnrichmentSubject.Kind> kinds() {
      return Set.of(EnrichmentSubject.Kind.values());
    }

    @Override
    public EnrichmentResult enrich(List<EnrichmentSubject> subjects, EnrichmentContext context) {
      if (down) {
        throw new IllegalStateException("HTTP 503");
      }
      if (++calls == crashAtCall) {
        throw new Crash();
      }
      EnrichmentResult.Builder b = EnrichmentResult.builder().calls(1);
      if (!skipping.isEmpty()) {
        b.addSkipped(skipping);
      }
      for (EnrichmentSubject s : subjects) {
        asked.add(s.id());
        if (!s.id().contains("unknown")) {
          b.putAttributes(
              s.id(),
              s.id().endsWith(partialFor)
                  ? Map.of("seniority", "vp", "industry", "fintech", "title", "VP Sales")
                  : Map.of("seniority", "vp", "industry", "fintech"));
        }
      }
      return b.build();
    }
  }

  /** The process dying mid-batch: not an exception the batch may catch. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;
  }

  private ClosedDealEnrichment batch() {
    return ClosedDealEnrichment.builder().storage(storage).enricher(enricher).clock(clock).build();
  }

  private static Instant monthsAgo(int months) {
    return NOW.atZone(ZoneOffset.UTC).minusMonths(months).toInstant();
  }

  private void deal(String id, Instant closed, String domain, String... emails) {
    List<DealContact> contacts = new ArrayList<>();
    for (String e : emails) {
      contacts.add(DealContact.of(e, null, "VP Sales"));
    }
    storage
        .deals()
        .saveAll(
            List.of(
                Deal.builder()
                    .tenant("acme")
                    .source("hubspot")
                    .id(id)
                    .name("Deal " + id)
                    .stage(DealStage.CLOSED_WON)
                    .closedAt(closed)
                    .account(DealAccount.of("Company " + domain, domain))
                    .contacts(contacts)
                    .updatedAt(closed)
                    .build()));
  }

  @Test
  void lookbackAndLimitAreValidatedAtTheirBoundsWithErrorsNamingThem() {
    ClosedDealEnrichment batch = batch();
    for (int ok : new int[] {1, 24}) {
      assertThat(batch.enrichClosedDeals("acme", ok, 50).deals()).isZero();
    }
    for (int ok : new int[] {1, 100}) {
      assertThat(batch.enrichClosedDeals("acme", 6, ok).deals()).isZero();
    }
    assertThatThrownBy(() -> batch.enrichClosedDeals("acme", 0, 50))
        .isInstanceOf(ValidationException.class)
        .hasMessage("lookbackMonths must be between 1 and 24, was 0");
    assertThatThrownBy(() -> batch.enrichClosedDeals("acme", 25, 50))
        .isInstanceOf(ValidationException.class)
        .hasMessage("lookbackMonths must be between 1 and 24, was 25");
    assertThatThrownBy(() -> batch.enrichClosedDeals("acme", 6, 0))
        .isInstanceOf(ValidationException.class)
        .hasMessage("limit must be between 1 and 100, was 0");
    assertThatThrownBy(() -> batch.enrichClosedDeals("acme", 6, 101))
        .isInstanceOf(ValidationException.class)
        .hasMessage("limit must be between 1 and 100, was 101");
    assertThatThrownBy(() -> batch.enrichClosedDeals("acme ", 6, 50))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("tenant");
    assertThat(enricher.asked).isEmpty();
  }

  @Test
  void theDefaultsTakeSixMonthsAndFiftyDeals() {
    for (int i = 0; i < 55; i++) {
      deal("d-" + i, monthsAgo(5).plusSeconds(i), "acme.com");
    }
    deal("old", monthsAgo(7), "old.com");

    ClosedDealRun run = batch().enrichClosedDeals("acme");

    assertThat(run.deals()).isEqualTo(50);
    assertThat(run.accounts()).as("one account shared by 50 deals").isOne();
    assertThat(batch().enrichClosedDeals("acme", 8, 100).deals()).isEqualTo(56);
  }

  @Test
  void aSecondBatchAndABatchOfANewEngineAnswerFromTheCacheUntilCacheDaysPass() {
    deal("d-1", monthsAgo(1), "acme.com", "jane@acme.com", "joe@acme.com");
    deal("d-2", monthsAgo(2), "acme.com", "jane@acme.com", "ann@acme.com");
    deal("d-3", monthsAgo(3), "globex.com", "hank@globex.com", "unknown@globex.com");

    ClosedDealRun first = batch().enrichClosedDeals("acme");
    assertThat(first.contacts()).isEqualTo(5);
    assertThat(first.accounts()).isEqualTo(2);
    assertThat(first.enriched()).isEqualTo(6);
    assertThat(first.cacheHits()).isZero();
    assertThat(first.failed()).containsOnlyKeys("unknown@globex.com");
    assertThat(enricher.asked).hasSize(7).doesNotHaveDuplicates();
    assertThat(
            storage
                .deals()
                .findEnrichments("acme", CachedEnrichment.Kind.ACCOUNT, List.of("acme.com"))
                .get("acme.com")
                .attributes())
        .containsEntry("industry", "fintech");

    enricher.asked.clear();
    ClosedDealRun again = batch().enrichClosedDeals("acme");
    assertThat(again.cacheHits()).isEqualTo(6);
    assertThat(again.knownMisses()).isEqualTo(1);
    assertThat(enricher.asked).as("the miss is remembered too").isEmpty();

    enricher.asked.clear();
    clock.advance(Duration.ofDays(89));
    batch().enrichClosedDeals("acme", 24, 100);
    assertThat(enricher.asked)
        .as("only the contact nothing was found for, its miss older than 60 days")
        .containsExactly("contact:unknown@globex.com");

    enricher.asked.clear();
    clock.advance(Duration.ofDays(1));
    assertThat(
            ClosedDealEnrichment.builder()
                .storage(storage)
                .enricher(enricher)
                .clock(clock)
                .cacheDays(t -> t.equals("acme") ? 120 : 90)
                .build()
                .enrichClosedDeals("acme", 24, 100)
                .cacheHits())
        .as("acme keeps 120 days")
        .isEqualTo(6);
    assertThat(batch().enrichClosedDeals("acme", 24, 100).enriched())
        .as("90 days have passed")
        .isEqualTo(6);
  }

  @Test
  void aBatchThatDiesMidWayResumesWithoutPayingTwiceForAnything() {
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      emails.add("p" + i + "@acme.com");
    }
    deal("d-1", monthsAgo(1), "acme.com", emails.toArray(String[]::new));
    enricher.crashAtCall = 2;

    assertThatThrownBy(() -> batch().enrichClosedDeals("acme")).isInstanceOf(Crash.class);
    assertThat(enricher.asked).hasSize(ClosedDealEnrichment.CHUNK);
    List<String> paidFor = new ArrayList<>(enricher.asked);

    enricher.asked.clear();
    ClosedDealRun resumed = batch().enrichClosedDeals("acme");

    assertThat(resumed.cacheHits()).isEqualTo(ClosedDealEnrichment.CHUNK);
    assertThat(resumed.enriched()).isEqualTo(26 - ClosedDealEnrichment.CHUNK);
    assertThat(enricher.asked).doesNotContainAnyElementsOf(paidFor).hasSize(16);
  }

  @Test
  void aFailingEnricherFailsItsSubjectsWithTheReasonAndCachesNothing() {
    deal("d-1", monthsAgo(1), "acme.com", "jane@acme.com");
    enricher.down = true;

    ClosedDealRun run = batch().enrichClosedDeals("acme");

    assertThat(run.failed())
        .containsOnlyKeys("jane@acme.com", "acme.com")
        .containsValue("fake failed: IllegalStateException");
    assertThat(run.enriched()).isZero();
    assertThat(
            storage
                .deals()
                .findEnrichments("acme", CachedEnrichment.Kind.CONTACT, List.of("jane@acme.com")))
        .isEmpty();
    assertThatThrownBy(
            () ->
                ClosedDealEnrichment.builder()
                    .storage(storage)
                    .enricher(enricher)
                    .cacheDays(t -> 0)
                    .build()
                    .enrichClosedDeals("acme"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("cacheDays");
  }

  /** Every enricher call lands in the cost ledger, in the transaction of the answers it bought. */
  @Test
  void everyCallIsInTheCostLedgerAndADailyBudgetStopsTheBatchWithTheReason() {
    for (int i = 0; i < 5; i++) {
      deal(
          "b" + i,
          NOW.minus(Duration.ofDays(1 + i)),
          "b" + i + ".example.com",
          "p" + i + "a@b" + i + ".example.com",
          "p" + i + "b@b" + i + ".example.com",
          "p" + i + "c@b" + i + ".example.com");
    }
    // 15 contacts and 5 accounts: 20 subjects, 2 calls of 10; a budget of 1 call a day
    ClosedDealEnrichment budgeted =
        ClosedDealEnrichment.builder()
            .storage(storage)
            .enricher(enricher)
            .clock(clock)
            .budget(io.github.discoverysdk.spi.SourceBudget.calls(1))
            .build();

    ClosedDealRun run = budgeted.enrichClosedDeals("acme", 1, 50);

    assertThat(enricher.calls).isEqualTo(1);
    assertThat(run.enriched()).isEqualTo(10);
    assertThat(run.failed()).hasSize(10);
    assertThat(run.failed().values())
        .allSatisfy(
            why -> assertThat(why).isEqualTo("daily budget of fake exhausted: 1 calls of 1"));
    assertThat(
            storage
                .sourceState()
                .listCosts("acme", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1))))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.sourceId()).isEqualTo("fake");
              assertThat(e.queryKey()).isEqualTo(ClosedDealEnrichment.QUERY_KEY);
              assertThat(e.cacheHit()).isFalse();
            });

    // the same day, a new batch (a restart) reads the ledger and stops before calling
    assertThat(budgeted.enrichClosedDeals("acme", 1, 50).failed()).hasSize(10);
    assertThat(enricher.calls).isEqualTo(1);

    // the next day the budget is fresh; without a budget every call is still in the ledger
    clock.advance(Duration.ofDays(1));
    ClosedDealRun nextDay = budgeted.enrichClosedDeals("acme", 1, 50);
    assertThat(nextDay.enriched()).isEqualTo(10);
    assertThat(nextDay.failed()).isEmpty();
    assertThat(storage.sourceState().listCosts("acme", NOW, NOW.plus(Duration.ofDays(3))))
        .hasSize(2);
  }

  private EnrichmentStatus statusOf(EnrichmentStatus.Subject subject, String key) {
    return storage.deals().findStatuses("acme", subject, List.of(key)).get(key);
  }

  @Test
  void eachContactAndAccountGetsItsOutcomeWithTheSourceAndTheReason() {
    deal("d-1", monthsAgo(1), "acme.com", "jane@acme.com", "unknown@acme.com");
    deal("d-2", monthsAgo(1), "down.com", "ann@down.com");
    enricher.partialFor = "jane@acme.com";
    batch().enrichClosedDeals("acme");

    assertThat(statusOf(EnrichmentStatus.Subject.ACCOUNT, "acme.com"))
        .satisfies(
            s -> {
              assertThat(s.outcome()).isEqualTo(EnrichmentStatus.Outcome.PARTIAL);
              assertThat(s.source()).isEqualTo("fake");
              assertThat(s.reason()).isEqualTo("no employees");
              assertThat(s.at()).isEqualTo(NOW);
            });
    assertThat(statusOf(EnrichmentStatus.Subject.CONTACT, "jane@acme.com").outcome())
        .isEqualTo(EnrichmentStatus.Outcome.ENRICHED);
    assertThat(statusOf(EnrichmentStatus.Subject.CONTACT, "unknown@acme.com"))
        .satisfies(
            s -> {
              assertThat(s.outcome()).isEqualTo(EnrichmentStatus.Outcome.NOT_FOUND);
              assertThat(s.reason()).isEqualTo("no source knew it");
            });

    // a source skipped (no key, an error) makes a miss a failure, asked again next time
    enricher.skipping = "serper: no key for tenant acme";
    clock.advance(Duration.ofDays(61));
    deal("d-3", monthsAgo(1), "new.com", "unknown@new.com");
    batch().enrichClosedDeals("acme");
    assertThat(statusOf(EnrichmentStatus.Subject.CONTACT, "unknown@new.com"))
        .satisfies(
            s -> {
              assertThat(s.outcome()).isEqualTo(EnrichmentStatus.Outcome.SOURCE_FAILED);
              assertThat(s.reason()).isEqualTo("serper: no key for tenant acme");
            });
    enricher.asked.clear();
    assertThat(batch().enrichClosedDeals("acme").knownMisses()).isZero();
    assertThat(enricher.asked).contains("contact:unknown@new.com");

    // an enricher that fails, and a budget that is spent
    enricher.down = true;
    deal("d-4", monthsAgo(1), "fail.com", "x@fail.com");
    batch().enrichClosedDeals("acme");
    assertThat(statusOf(EnrichmentStatus.Subject.CONTACT, "x@fail.com"))
        .satisfies(
            s -> {
              assertThat(s.outcome()).isEqualTo(EnrichmentStatus.Outcome.SOURCE_FAILED);
              assertThat(s.reason()).isEqualTo("fake failed: IllegalStateException");
            });
    enricher.down = false;
    ClosedDealEnrichment.builder()
        .storage(storage)
        .enricher(enricher)
        .clock(clock)
        .budget(io.github.discoverysdk.spi.SourceBudget.calls(0))
        .build()
        .enrichClosedDeals("acme");
    assertThat(statusOf(EnrichmentStatus.Subject.CONTACT, "x@fail.com"))
        .satisfies(
            s -> {
              assertThat(s.outcome()).isEqualTo(EnrichmentStatus.Outcome.SKIPPED_BY_BUDGET);
              assertThat(s.reason()).startsWith("daily budget of fake exhausted");
            });
  }

  @Test
  void missDaysZeroAsksForEveryMissAgainAndTheReportShowsEachContactsLastAttempt() {
    deal("d-1", monthsAgo(1), "acme.com", "jane@acme.com", "unknown@acme.com");
    ClosedDealEnrichment noMissCache =
        ClosedDealEnrichment.builder()
            .storage(storage)
            .enricher(enricher)
            .clock(clock)
            .missDays(t -> 0)
            .build();
    noMissCache.enrichClosedDeals("acme");
    enricher.asked.clear();
    assertThat(noMissCache.enrichClosedDeals("acme").knownMisses()).isZero();
    assertThat(enricher.asked).containsExactly("contact:unknown@acme.com");

    DealReport report = new DealReports(storage, clock).report("acme", 6);
    assertThat(report.contactOutcomes())
        .containsEntry(EnrichmentStatus.Outcome.ENRICHED, 1)
        .containsEntry(EnrichmentStatus.Outcome.NOT_FOUND, 1);
    assertThat(report.deals().get(0).contacts())
        .extracting(c -> c.lastAttempt().map(EnrichmentStatus::outcome).orElseThrow())
        .containsExactly(EnrichmentStatus.Outcome.ENRICHED, EnrichmentStatus.Outcome.NOT_FOUND);
    assertThatThrownBy(
            () ->
                ClosedDealEnrichment.builder()
                    .storage(storage)
                    .enricher(enricher)
                    .missDays(t -> -1)
                    .build()
                    .enrichClosedDeals("acme"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("missDays");
  }
}
