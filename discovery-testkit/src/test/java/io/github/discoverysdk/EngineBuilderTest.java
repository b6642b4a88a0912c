package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The builder's public surface and the checks {@code build()} makes across settings. The setters
 * live in a package-private superclass; these tests pin that hosts still see them as {@code
 * DiscoveryEngine.Builder}'s own, each returning the builder it was called on.
 */
class EngineBuilderTest {
  private static final Set<String> SETTERS =
      Set.of(
          "storage",
          "addSource",
          "scorer",
          "clock",
          "executor",
          "threads",
          "addAlertSink",
          "addOpportunitySink",
          "addOutcomeListener",
          "warmStarter",
          "collectTracking",
          "trackingRetention",
          "closeTimeout",
          "idGenerator",
          "temporalPolicy",
          "backfillWindow",
          "sharedCacheTtl",
          "enricher",
          "pushWhen",
          "maxDeliveryAttempts",
          "credentials",
          "budget",
          "lifecyclePolicy",
          "fetchLimit",
          "maxRecordsPerQuery",
          "accessPolicy",
          "allowSystemCalls",
          "review",
          "auditViews",
          "addRecordJob",
          "addRunListener",
          "addSignalProcessor",
          "playbooks",
          "draftGenerator",
          "riskFlags",
          "searchIndex",
          "sessionCatalogue",
          "closedDeals",
          "addSessionExportSink",
          "addFindingSink",
          "addReconcileListener",
          "reconcileEvery",
          "applyCompletedSessions");

  @Test
  void everySetterIsPublicOnTheBuilderAndReturnsIt() {
    Set<String> setters =
        Arrays.stream(DiscoveryEngine.Builder.class.getMethods())
            .filter(m -> m.getReturnType() == DiscoveryEngine.Builder.class)
            .filter(m -> Modifier.isPublic(m.getModifiers()))
            .map(Method::getName)
            .collect(Collectors.toSet());

    assertThat(setters).isEqualTo(SETTERS);
  }

  @Test
  void settersReturnTheBuilderTheyWereCalledOn() {
    DiscoveryEngine.Builder b = DiscoveryEngine.builder().allowSystemCalls();

    assertThat(b.storage(InMemoryStorage.create())).isSameAs(b);
    assertThat(b.scorer(Scoring.defaults())).isSameAs(b);
    assertThat(b.addSource(ScriptedSource.feed("news"))).isSameAs(b);
    assertThat(b.clock(MutableClock.at(Instant.parse("2026-11-21T09:00:00Z")))).isSameAs(b);
    assertThat(b.fetchLimit(100).maxRecordsPerQuery(100)).isSameAs(b);
    assertThat(b.closeTimeout(Duration.ZERO)).isSameAs(b);
    b.build().close();
  }

  @Test
  void anEscalationSinkThatIsNoAlertSinkIsRefusedOnBuild() {
    assertThatThrownBy(
            () ->
                DiscoveryEngine.builder()
                    .allowSystemCalls()
                    .storage(InMemoryStorage.create())
                    .scorer(Scoring.defaults())
                    .review(
                        io.github.discoverysdk.review.ReviewSettings.builder()
                            .escalationSink("pager")
                            .build())
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("'pager'");
    assertThatThrownBy(
            () ->
                io.github.discoverysdk.review.ReviewSettings.builder()
                    .escalateAfter(Duration.ZERO)
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("escalateAfter");
  }

  @Test
  void buildWithNothingSetAsksForStorageFirst() {
    assertThatThrownBy(() -> DiscoveryEngine.builder().allowSystemCalls().build())
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "storage is required: call storage(InMemoryStorage.create()) or a JDBC storage");
  }

  @Test
  void buildWithoutScorerSaysWhereToGetOne() {
    assertThatThrownBy(
            () ->
                DiscoveryEngine.builder()
                    .allowSystemCalls()
                    .storage(InMemoryStorage.create())
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "scorer is required: add discovery-scoring and call scorer(Scoring.defaults())");
  }

  @Test
  void twoAlertSinksWithOneIdAreRejected() {
    DiscoveryEngine.Builder b =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(InMemoryStorage.create())
            .scorer(Scoring.defaults())
            .addAlertSink(alertSink("slack"))
            .addAlertSink(alertSink("slack"));

    assertThatThrownBy(b::build)
        .isInstanceOf(ValidationException.class)
        .hasMessage("an alert sink with id 'slack' is already registered");
  }

  @Test
  void twoOpportunitySinksWithOneIdAreRejected() {
    DiscoveryEngine.Builder b =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(InMemoryStorage.create())
            .scorer(Scoring.defaults())
            .addOpportunitySink(opportunitySink("crm"))
            .addOpportunitySink(opportunitySink("crm"));

    assertThatThrownBy(b::build)
        .isInstanceOf(ValidationException.class)
        .hasMessage("an opportunity sink with id 'crm' is already registered");
  }

  @Test
  void aSourceAddedAfterBuildDoesNotReachTheBuiltEngine() {
    ScriptedSource news = ScriptedSource.feed("news");
    ScriptedSource late = ScriptedSource.feed("late");
    DiscoveryEngine.Builder b =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(InMemoryStorage.create())
            .scorer(Scoring.defaults())
            .addSource(news);
    DiscoveryEngine engine = b.build();
    b.addSource(late);
    try {
      engine
          .profiles()
          .save(
              Profile.builder()
                  .tenant("acme")
                  .owner("u-1")
                  .name("Fintech")
                  .addWatchlist(Company.of("Stripe"))
                  .build());

      engine.discoverAll("acme");

      assertThat(news.calls()).isPositive();
      assertThat(late.calls()).isZero();
    } finally {
      engine.close();
    }
  }

  private static AlertSink alertSink(String id) {
    return new AlertSink() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public void deliver(io.github.discoverysdk.spi.Alert alert) {}
    };
  }

  private static OpportunitySink opportunitySink(String id) {
    return new OpportunitySink() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public void accept(
          io.github.discoverysdk.model.Opportunity opportunity,
          io.github.discoverysdk.model.Profile profile) {}
    };
  }
}
