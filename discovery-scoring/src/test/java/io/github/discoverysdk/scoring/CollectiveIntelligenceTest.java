package io.github.discoverysdk.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.scoring.CollectiveInsight.PeerInsight;
import io.github.discoverysdk.spi.TrackedSubject;
import io.github.discoverysdk.spi.TrackingObservation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CollectiveIntelligenceTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final Duration WEEK = Duration.ofDays(7);
  private static final TrackedSubject STRIPE = TrackedSubject.account("Stripe");

  private final List<TrackingObservation> observations = new ArrayList<>();

  @Test
  void figuresStayHiddenWithOneTenantFewerThanTheMinimumAndShowWithExactlyIt() {
    for (int t = 1; t <= 4; t++) {
      track("tenant-" + t, "p1", STRIPE, NOW.minus(Duration.ofDays(1)), "fintech");
    }

    assertThat(snapshot().insight(STRIPE)).isEmpty();

    track("tenant-5", "p1", STRIPE, NOW.minus(Duration.ofDays(1)), "fintech");

    CollectiveInsight shown = snapshot().insight(STRIPE).orElseThrow();
    assertThat(shown.profiles()).isEqualTo(5);
    assertThat(shown.teams()).isEqualTo(5);
    assertThat(shown.peers()).containsExactly(new PeerInsight("fintech", 5, 5));
  }

  @Test
  void aCountStepShowsLowerBoundsThatOneTenantMoreOrLessDoesNotChange() {
    CollectivePolicy fives = CollectivePolicy.builder().countStep(5).build();
    for (int t = 1; t <= 9; t++) {
      track("tenant-" + t, "p1", STRIPE, NOW.minus(Duration.ofDays(1)), "fintech");
      track("tenant-" + t, "p2", STRIPE, NOW.minus(Duration.ofDays(9)), "fintech");
    }

    CollectiveInsight nine =
        CollectiveIntelligence.of(observations, NOW, fives).insight(STRIPE).orElseThrow();
    assertThat(nine.teams()).isEqualTo(5);
    assertThat(nine.profiles()).isEqualTo(15);
    assertThat(nine.atLeast()).isTrue();
    assertThat(nine.peers()).containsExactly(new PeerInsight("fintech", 5, 15, true));
    // c = 9 in the current week, p = 9 in the one before: steady, to a tenth.
    assertThat(nine.trend()).hasValue(0.0);
    assertThat(nine.describe("Stripe")).isEqualTo("15+ profiles in 5+ teams track Stripe, steady");
    assertThat(nine.peers().get(0).describe("Stripe")).isEqualTo("5+ fintech teams track Stripe");

    // An eighth tenant's arrival or departure between two looks shows nothing.
    CollectiveInsight eight =
        CollectiveIntelligence.of(observations, NOW, fives)
            .insightFor(STRIPE, "tenant-9")
            .orElseThrow();
    assertThat(eight.teams()).isEqualTo(nine.teams());

    // Exact by default.
    CollectiveInsight exact = snapshot().insight(STRIPE).orElseThrow();
    assertThat(exact.teams()).isEqualTo(9);
    assertThat(exact.profiles()).isEqualTo(18);
    assertThat(exact.atLeast()).isFalse();
    assertThat(exact.describe("Stripe")).isEqualTo("18 profiles in 9 teams track Stripe, steady");
    assertThatThrownBy(() -> CollectivePolicy.builder().countStep(0).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("countStep");
  }

  @Test
  void aSmallerMinimumGroupSizeShowsFiguresSooner() {
    CollectivePolicy pairs = CollectivePolicy.builder().minTenants(2).build();
    track("tenant-1", "p1", STRIPE, NOW.minus(Duration.ofDays(1)));

    assertThat(CollectiveIntelligence.of(observations, NOW, pairs).insight(STRIPE)).isEmpty();

    track("tenant-2", "p1", STRIPE, NOW.minus(Duration.ofDays(1)));

    assertThat(CollectiveIntelligence.of(observations, NOW, pairs).insight(STRIPE)).isPresent();
  }

  @Test
  void oneTenantWithManyProfilesCountsAsOneTenant() {
    for (int p = 0; p < 40; p++) {
      track("big-tenant", "p" + p, STRIPE, NOW.minus(Duration.ofDays(1)), "fintech");
    }
    for (int t = 1; t <= 3; t++) {
      track("tenant-" + t, "p1", STRIPE, NOW.minus(Duration.ofDays(1)), "fintech");
    }

    assertThat(snapshot().insight(STRIPE)).as("4 tenants, 43 profiles").isEmpty();

    track("tenant-4", "p1", STRIPE, NOW.minus(Duration.ofDays(1)), "fintech");

    CollectiveInsight shown = snapshot().insight(STRIPE).orElseThrow();
    assertThat(shown.teams()).isEqualTo(5);
    assertThat(shown.profiles()).isEqualTo(44);
    assertThat(shown.peers()).containsExactly(new PeerInsight("fintech", 5, 44));
  }

  @Test
  void aProfileObservedManyTimesCountsOnce() {
    for (int t = 1; t <= 5; t++) {
      for (int day = 1; day <= 3; day++) {
        track("tenant-" + t, "p1", STRIPE, NOW.minus(Duration.ofDays(day)));
      }
    }

    assertThat(snapshot().insight(STRIPE).orElseThrow().profiles()).isEqualTo(5);
  }

  @Test
  void everySpellingOfACompanyIsOneAccount() {
    String[] spellings = {"Stripe", "Stripe, Inc.", "STRIPE", "stripe inc", "Stripe's"};
    for (int t = 0; t < spellings.length; t++) {
      track("tenant-" + t, "p1", TrackedSubject.account(spellings[t]), NOW.minusSeconds(60));
    }

    assertThat(snapshot().insight(TrackedSubject.account("Stripe Inc")).orElseThrow().teams())
        .isEqualTo(5);
    assertThat(TrackedSubject.account("Stripe, Inc.")).hasToString("account:stripe");
  }

  @Test
  void signalsAreTrackedByTheirKeyApartFromAccounts() {
    TrackedSubject signal = TrackedSubject.signal(SignalKey.of("sec-edgar", "0001-24-000123"));
    tenants(5, signal, NOW.minus(Duration.ofDays(2)));

    assertThat(snapshot().insight(signal).orElseThrow().teams()).isEqualTo(5);
    assertThat(snapshot().insight(STRIPE)).isEmpty();
    assertThat(signal).hasToString("signal:sec-edgar:0001-24-000123");
  }

  @Test
  void theViewersOwnTenantIsLeftOutOfWhatItSees() {
    tenants(5, STRIPE, NOW.minus(Duration.ofDays(1)));
    CollectiveIntelligence ci = snapshot();

    assertThat(ci.insight(STRIPE)).isPresent();
    assertThat(ci.insightFor(STRIPE, "tenant-1")).as("only 4 others").isEmpty();
    assertThat(ci.insightFor(STRIPE, "outsider").orElseThrow().teams()).isEqualTo(5);
    assertThatThrownBy(() -> ci.insightFor(STRIPE, " "))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("viewerTenant");
  }

  @Test
  void trendIsOneWhenNobodyTrackedInThePreviousWindow() {
    tenants(5, STRIPE, NOW.minus(Duration.ofDays(1)));

    assertThat(trend()).isEqualTo(1.0);
  }

  @Test
  void trendIsMinusOneWhenNobodyTracksInTheCurrentWindow() {
    tenants(5, STRIPE, NOW.minus(Duration.ofDays(10)));

    assertThat(trend()).isEqualTo(-1.0);
  }

  @Test
  void trendIsZeroWhenBothWindowsHaveAsManyTrackers() {
    tenants(5, STRIPE, NOW.minus(Duration.ofDays(1)), "a");
    tenants(5, STRIPE, NOW.minus(Duration.ofDays(8)), "b");

    assertThat(trend()).isEqualTo(0.0);
  }

  @Test
  void trendIsOneThirdWhenTrackersDoubleAndMinusOneThirdWhenTheyHalve() {
    tenants(6, STRIPE, NOW.minus(Duration.ofDays(8)), "old");
    tenants(12, STRIPE, NOW.minus(Duration.ofDays(2)), "new");

    assertThat(trend()).isCloseTo(1 / 3.0, within(1e-12));

    observations.clear();
    tenants(12, STRIPE, NOW.minus(Duration.ofDays(8)), "old");
    tenants(6, STRIPE, NOW.minus(Duration.ofDays(2)), "new");

    assertThat(trend()).isCloseTo(-1 / 3.0, within(1e-12));
  }

  @Test
  void windowBoundariesAreOpenAtTheStartAndClosedAtTheEnd() {
    // At now: current window. At now - window: previous window. At now - 2 window: neither.
    tenants(5, STRIPE, NOW, "now");
    tenants(5, STRIPE, NOW.minus(WEEK), "edge");
    tenants(5, STRIPE, NOW.minus(WEEK.multipliedBy(2)), "before");

    assertThat(trend()).isEqualTo(0.0);
    assertThat(snapshot().insight(STRIPE).orElseThrow().profiles()).isEqualTo(15);
  }

  @Test
  void observationsAfterNowOrBeforeTheLookbackAreIgnored() {
    tenants(5, STRIPE, NOW.plusSeconds(1), "future");
    tenants(5, STRIPE, NOW.minus(Duration.ofDays(90)), "stale");

    assertThat(snapshot().insight(STRIPE)).isEmpty();

    tenants(5, STRIPE, NOW.minus(Duration.ofDays(90)).plusSeconds(1), "oldest");

    assertThat(snapshot().insight(STRIPE).orElseThrow().profiles()).isEqualTo(5);
  }

  @Test
  void trendStaysHiddenWhenTooFewTenantsWereActiveInTheTwoWindows() {
    tenants(5, STRIPE, NOW.minus(Duration.ofDays(40)), "old");
    tenants(4, STRIPE, NOW.minus(Duration.ofDays(1)), "new");

    CollectiveInsight insight = snapshot().insight(STRIPE).orElseThrow();

    assertThat(insight.profiles()).isEqualTo(9);
    assertThat(insight.trend()).isEmpty();
    assertThat(insight.describe("Stripe")).isEqualTo("9 profiles in 9 teams track Stripe");
  }

  @Test
  void peerInsightIsShownOnlyForIndustriesThatEnoughTenantsTrackFrom() {
    for (int t = 1; t <= 12; t++) {
      track("tenant-" + t, "p1", STRIPE, NOW.minus(Duration.ofDays(2)), "FinTech", "payments");
    }
    for (int t = 13; t <= 16; t++) {
      track("tenant-" + t, "p1", STRIPE, NOW.minus(Duration.ofDays(2)), "retail");
    }

    CollectiveInsight insight = snapshot().insight(STRIPE).orElseThrow();

    assertThat(insight.peers())
        .containsExactly(new PeerInsight("fintech", 12, 12), new PeerInsight("payments", 12, 12));
    assertThat(insight.peers().get(0).describe("Stripe"))
        .isEqualTo("12 fintech teams track Stripe");
    assertThat(insight.describe("Stripe"))
        .isEqualTo("16 profiles in 16 teams track Stripe, trending up");
  }

  @Test
  void trendingListsShownTrendsHighestFirst() {
    TrackedSubject adyen = TrackedSubject.account("Adyen");
    TrackedSubject klarna = TrackedSubject.account("Klarna");
    tenants(5, STRIPE, NOW.minus(Duration.ofDays(1)), "s");
    tenants(5, adyen, NOW.minus(Duration.ofDays(1)), "a1");
    tenants(5, adyen, NOW.minus(Duration.ofDays(9)), "a2");
    tenants(4, klarna, NOW.minus(Duration.ofDays(1)), "k");

    assertThat(snapshot().trending(10))
        .extracting(CollectiveInsight::subject)
        .containsExactly(STRIPE, adyen);
    assertThat(snapshot().trending(1)).hasSize(1);
    assertThatThrownBy(() -> snapshot().trending(0)).isInstanceOf(ValidationException.class);
  }

  @Test
  void resultsCarryNoTenantOrProfileIds() throws Exception {
    Set<String> secrets = new HashSet<>();
    for (int t = 0; t < 6; t++) {
      for (int p = 0; p < 3; p++) {
        String tenant = "secret-tenant-" + t;
        String profile = "secret-profile-" + t + "-" + p;
        secrets.add(tenant);
        secrets.add(profile);
        track(tenant, profile, STRIPE, NOW.minus(Duration.ofDays(1 + p * 7L)), "fintech");
      }
    }
    CollectiveIntelligence ci = snapshot();
    CollectiveInsight insight = ci.insight(STRIPE).orElseThrow();

    for (Class<?> type : List.of(CollectiveInsight.class, PeerInsight.class)) {
      for (RecordComponent c : type.getRecordComponents()) {
        assertThat(c.getName()).doesNotContainIgnoringCase("tenant").doesNotContain("profileId");
        assertThat(c.getType()).isNotEqualTo(ProfileId.class);
      }
    }
    List<String> rendered = new ArrayList<>();
    rendered.add(insight.toString());
    rendered.add(insight.describe("Stripe"));
    rendered.add(ci.toString());
    rendered.add(ci.trending(5).toString());
    insight.peers().forEach(p -> rendered.add(p.describe("Stripe")));
    collectStrings(insight, rendered, 0);
    for (String s : rendered) {
      for (String secret : secrets) {
        assertThat(s).doesNotContain(secret);
      }
    }
  }

  @Test
  void everyShownFigureHasAtLeastTheMinimumNumberOfTenantsOnRandomHistories() {
    Random random = new Random(7);
    TrackedSubject[] subjects = {
      STRIPE, TrackedSubject.account("Adyen"), TrackedSubject.account("Klarna")
    };
    String[] industries = {"fintech", "retail", "health"};
    int shown = 0;
    for (int round = 0; round < 200; round++) {
      observations.clear();
      int n = random.nextInt(60);
      for (int i = 0; i < n; i++) {
        String tenant = "t" + random.nextInt(9);
        track(
            tenant,
            "p" + random.nextInt(4),
            subjects[random.nextInt(subjects.length)],
            NOW.minus(Duration.ofHours(random.nextInt(24 * 100))),
            industries[random.nextInt(industries.length)]);
      }
      CollectiveIntelligence ci = snapshot();
      for (TrackedSubject s : subjects) {
        Optional<CollectiveInsight> insight = ci.insight(s);
        Map<String, Set<String>> tenantsByIndustry = new HashMap<>();
        Set<String> tenants = new HashSet<>();
        Set<String> active = new HashSet<>();
        for (TrackingObservation o : observations) {
          if (!o.subject().equals(s) || !o.at().isAfter(NOW.minus(Duration.ofDays(90)))) {
            continue;
          }
          tenants.add(o.profile().tenant());
          if (o.at().isAfter(NOW.minus(WEEK.multipliedBy(2)))) {
            active.add(o.profile().tenant());
          }
          o.industries()
              .forEach(
                  i -> tenantsByIndustry.computeIfAbsent(i, k -> new HashSet<>()).add(tenant(o)));
        }
        assertThat(insight.isPresent()).isEqualTo(tenants.size() >= 5);
        if (insight.isPresent()) {
          shown++;
          assertThat(insight.get().trend().isPresent()).isEqualTo(active.size() >= 5);
          for (PeerInsight p : insight.get().peers()) {
            assertThat(tenantsByIndustry.get(p.industry())).hasSize(p.teams());
            assertThat(p.teams()).isGreaterThanOrEqualTo(5);
          }
          long hiddenPeers = tenantsByIndustry.values().stream().filter(v -> v.size() < 5).count();
          assertThat(insight.get().peers()).hasSize(tenantsByIndustry.size() - (int) hiddenPeers);
        }
      }
    }
    assertThat(shown).as("rounds that showed something").isGreaterThan(50);
  }

  @Test
  void policyRejectsAGroupSizeBelowTwoAndWindowsThatDoNotFit() {
    assertThatThrownBy(() -> CollectivePolicy.builder().minTenants(1).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("minTenants must be at least 2, was 1");
    assertThatThrownBy(() -> CollectivePolicy.builder().window(Duration.ZERO).build())
        .isInstanceOf(ValidationException.class)
        .hasMessage("window must be positive, was PT0S");
    assertThatThrownBy(
            () ->
                CollectivePolicy.builder()
                    .window(Duration.ofDays(10))
                    .lookback(Duration.ofDays(19))
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("lookback must be at least twice the window");
    assertThat(CollectivePolicy.defaults().minTenants()).isEqualTo(5);
  }

  private static String tenant(TrackingObservation o) {
    return o.profile().tenant();
  }

  /** Collects every string reachable from a value's fields, to look for leaked ids. */
  private static void collectStrings(Object value, List<String> out, int depth) throws Exception {
    if (value == null || depth > 6) {
      return;
    }
    if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
      out.add(value.toString());
      return;
    }
    if (value instanceof Iterable<?> it) {
      for (Object o : it) {
        collectStrings(o, out, depth + 1);
      }
      return;
    }
    if (value.getClass().isEnum() || value.getClass().getName().startsWith("java.")) {
      out.add(String.valueOf(value));
      return;
    }
    for (Field f : value.getClass().getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      f.setAccessible(true);
      collectStrings(f.get(value), out, depth + 1);
    }
  }

  private double trend() {
    return snapshot().insight(STRIPE).orElseThrow().trend().orElseThrow();
  }

  private CollectiveIntelligence snapshot() {
    return CollectiveIntelligence.of(observations, NOW);
  }

  /** One profile in each of {@code n} tenants tracks the subject at {@code at}. */
  private void tenants(int n, TrackedSubject subject, Instant at, String... prefix) {
    String p = prefix.length == 0 ? "" : prefix[0];
    for (int t = 1; t <= n; t++) {
      track(p + "tenant-" + t, p + "p", subject, at);
    }
  }

  private void track(
      String tenant, String profile, TrackedSubject subject, Instant at, String... industries) {
    observations.add(
        TrackingObservation.of(ProfileId.of(tenant, profile), subject, at, industries));
  }
}
