package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.model.CachedResult;
import io.github.discoverysdk.model.CostEntry;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.Watermark;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of sourceState(): watermarks, the shared query cache, costs and
 * leases.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code SourceState} against the storage of its {@link StorageContract#createStorage()};
 * never extend this class directly.
 */
public abstract class SourceStateStoreSuite extends StoreSuiteSupport {
  SourceStateStoreSuite() {}

  private static CachedResult cached(String query, Instant at, Duration ttl, String cursor) {
    return CachedResult.builder()
        .sourceId("src")
        .queryKey(query)
        .cursor("")
        .addSignals(signal("s-" + cursor, at))
        .nextCursor(cursor)
        .storedAt(at)
        .expiresAt(at.plus(ttl))
        .build();
  }

  @Test
  void watermarksOfManyQueriesAreFoundAtOnceAndOnlyTheStoredOnes() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      keys.add("q-" + i);
      if (i % 3 == 0) {
        storage().sourceState().saveWatermark(watermark(TENANT_A, "q-" + i, "c-" + i));
      }
    }
    storage().sourceState().saveWatermark(watermark(TENANT_B, "q-1", "other tenant"));
    keys.add("q-0");

    Map<String, Watermark> found = storage().sourceState().findWatermarks(TENANT_A, SOURCE, keys);

    assertThat(found).hasSize(400).doesNotContainKey("q-1");
    for (int i = 0; i < 1_200; i += 3) {
      assertThat(found.get("q-" + i))
          .isEqualTo(
              storage().sourceState().findWatermark(TENANT_A, SOURCE, "q-" + i).orElseThrow());
    }
    assertThat(storage().sourceState().findWatermarks(TENANT_A, "another-source", keys)).isEmpty();
    assertThat(storage().sourceState().findWatermarks(TENANT_A, SOURCE, List.of())).isEmpty();
  }

  @Test
  void aWatermarkIsSavedReplacedAndFound() {
    storage().sourceState().saveWatermark(watermark(TENANT_A, "all", "10"));
    storage().sourceState().saveWatermark(watermark(TENANT_A, "company:acme", "3"));

    storage().sourceState().saveWatermark(watermark(TENANT_A, "all", "25"));

    assertThat(storage().sourceState().findWatermark(TENANT_A, SOURCE, "all"))
        .hasValueSatisfying(w -> assertThat(w.cursor()).isEqualTo("25"));
    assertThat(storage().sourceState().findWatermark(TENANT_A, SOURCE, "company:acme"))
        .hasValueSatisfying(w -> assertThat(w.cursor()).isEqualTo("3"));
    assertThat(storage().sourceState().findWatermark(TENANT_A, "other-source", "all")).isEmpty();
    assertThat(storage().sourceState().findWatermark(TENANT_A, SOURCE, "keyword:none")).isEmpty();
  }

  @Test
  void aLeaseIsHeldByOneOwnerUntilItExpires() {
    java.time.Instant until = T0.plus(Duration.ofMinutes(10));

    assertThat(storage().sourceState().tryLease(TENANT_A, "job", "node-1", T0, until)).isTrue();
    assertThat(
            storage().sourceState().tryLease(TENANT_A, "job", "node-2", T0.plusSeconds(60), until))
        .isFalse();
    assertThat(
            storage().sourceState().tryLease(TENANT_A, "job", "node-1", T0.plusSeconds(60), until))
        .isTrue();
    assertThat(storage().sourceState().tryLease(TENANT_B, "job", "node-2", T0, until)).isTrue();
    assertThat(storage().sourceState().tryLease(TENANT_A, "other-job", "node-2", T0, until))
        .isTrue();
    assertThat(
            storage()
                .sourceState()
                .tryLease(TENANT_A, "job", "node-2", until, until.plusSeconds(600)))
        .isTrue();
    assertThat(
            storage()
                .sourceState()
                .tryLease(TENANT_A, "job", "node-1", until.plusSeconds(1), until))
        .isFalse();
  }

  @Test
  void ofManyRacingForAFreeLeaseExactlyOneGetsIt() throws Exception {
    java.time.Instant until = T0.plus(Duration.ofMinutes(10));
    List<Concurrently.Outcome<Boolean>> outcomes =
        Concurrently.run(
            16,
            i ->
                () ->
                    storage().sourceState().tryLease(TENANT_A, "window-1", "node-" + i, T0, until));

    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    assertThat(outcomes).extracting(Concurrently.Outcome::value).containsOnlyOnce(true);
  }

  @Test
  void aCachedResultIsFoundUntilItExpiresAndSharedByEveryTenant() {
    Signal rich =
        Signal.builder()
            .from(signal("s-1", T0))
            .text("Ünïcödé, <b>html</b> & 'quotes' \"double\" 🚀")
            .url(java.net.URI.create("https://example.com/a?b=c"))
            .event(
                io.github.discoverysdk.model.EventDetails.builder()
                    .start(T0.plus(Duration.ofDays(10)))
                    .end(T0.plus(Duration.ofDays(11)))
                    .location("Amsterdam")
                    .timeZone(java.time.ZoneId.of("Europe/Amsterdam"))
                    .build())
            .addOrganizations(
                io.github.discoverysdk.model.OrganizationMention.builder()
                    .name("Stripe, Inc.")
                    .role(io.github.discoverysdk.model.OrganizationRole.SPONSOR)
                    .domain("stripe.com")
                    .build())
            .addPeople(
                io.github.discoverysdk.model.PersonMention.builder()
                    .name("Ana Ruiz")
                    .title("VP Sales")
                    .employer("Stripe")
                    .build())
            .addIndustries("fintech")
            .addRegions("EMEA")
            .build();
    CachedResult result =
        CachedResult.builder()
            .sourceId("sec")
            .queryKey("company:stripe")
            .cursor("")
            .addSignals(rich, signal("s-2", T0.minusSeconds(60)))
            .nextCursor("c-2")
            .storedAt(T0)
            .expiresAt(T0.plus(Duration.ofHours(24)))
            .build();

    storage().sourceState().saveCachedResult(result);

    assertThat(
            storage()
                .sourceState()
                .findCachedResult("sec", "company:stripe", "", T0.plusSeconds(5)))
        .contains(result);
    assertThat(
            storage()
                .sourceState()
                .findCachedResult("sec", "company:stripe", "", T0.plus(Duration.ofHours(24))))
        .isEmpty();
    assertThat(storage().sourceState().findCachedResult("sec", "company:stripe", "c-1", T0))
        .isEmpty();
    assertThat(storage().sourceState().findCachedResult("sec", "company:adyen", "", T0)).isEmpty();
    assertThat(storage().sourceState().findCachedResult("other", "company:stripe", "", T0))
        .isEmpty();
  }

  @Test
  void aCachedResultIsReplacedAndExpiredOnesAreDeleted() {
    CachedResult first = cached("q1", T0, Duration.ofHours(1), "a");
    storage().sourceState().saveCachedResult(first);
    CachedResult replaced = cached("q1", T0.plusSeconds(60), Duration.ofHours(2), "b");
    storage().sourceState().saveCachedResult(replaced);
    storage().sourceState().saveCachedResult(cached("q2", T0, Duration.ofMinutes(30), "c"));

    assertThat(storage().sourceState().findCachedResult("src", "q1", "", T0.plusSeconds(61)))
        .contains(replaced);
    assertThat(storage().sourceState().deleteExpiredResults(T0.plus(Duration.ofMinutes(30))))
        .isEqualTo(1);
    assertThat(storage().sourceState().deleteExpiredResults(T0.plus(Duration.ofMinutes(30))))
        .isZero();
    assertThat(storage().sourceState().findCachedResult("src", "q1", "", T0.plusSeconds(61)))
        .contains(replaced);
  }

  @Test
  void costsAreListedByPeriodOldestFirstAndScopedByTenant() {
    CostEntry call = cost(TENANT_A, T0, false, 0.25, "p1", "p2");
    CostEntry hit = cost(TENANT_A, T0.plusSeconds(60), true, 0, "p3");
    CostEntry later = cost(TENANT_A, T0.plus(Duration.ofDays(1)), false, 0.25);
    storage().sourceState().addCost(hit);
    storage().sourceState().addCost(call);
    storage().sourceState().addCost(later);
    storage().sourceState().addCost(cost(TENANT_B, T0, false, 9, "x"));

    assertThat(storage().sourceState().listCosts(TENANT_A, T0, T0.plus(Duration.ofDays(1))))
        .containsExactly(call, hit);
    assertThat(storage().sourceState().listCosts(TENANT_B, T0, T0.plus(Duration.ofDays(2))))
        .hasSize(1);
    assertThat(storage().sourceState().listCosts(TENANT_A, T0.minusSeconds(1), T0)).isEmpty();
  }

  @Test
  void aCostEntryWrittenInARolledBackTransactionIsGone() {
    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        tx -> {
                          tx.sourceState().addCost(cost(TENANT_A, T0, false, 1));
                          throw new IllegalStateException("boom");
                        }))
        .hasMessage("boom");
    assertThat(storage().sourceState().listCosts(TENANT_A, T0, T0.plusSeconds(1))).isEmpty();
  }

  @Test
  void aProfilesScheduleAndAlertPreferencesRoundTrip() {
    Profile saved =
        storage()
            .profiles()
            .save(
                Profile.builder()
                    .from(profileWithId(TENANT_A, "scheduled"))
                    .cron("0 9 * * MON-FRI")
                    .scheduleZone(java.time.ZoneId.of("Europe/Berlin"))
                    .alerts(
                        io.github.discoverysdk.model.AlertPreferences.builder()
                            .addChannels("slack")
                            .minConfidence(0.9)
                            .quietFrom(java.time.LocalTime.of(22, 0))
                            .quietUntil(java.time.LocalTime.of(7, 30))
                            .dailyDigest(true)
                            .digestAt(java.time.LocalTime.of(8, 15))
                            .zone(java.time.ZoneId.of("America/New_York"))
                            .build())
                    .build());

    assertThat(storage().profiles().find(saved.id())).contains(saved);
  }
}
