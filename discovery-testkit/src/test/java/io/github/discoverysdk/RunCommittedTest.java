package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.RunListener;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A run tells its listeners what each committed transaction wrote, and only that. */
class RunCommittedTest {
  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  static final class Recording implements RunListener {
    final List<Opportunity> committed = new CopyOnWriteArrayList<>();
    final List<String> tenants = new CopyOnWriteArrayList<>();

    @Override
    public void onRunFinished(RunReport report) {}

    @Override
    public void onCommitted(String tenant, List<Opportunity> written) {
      tenants.add(tenant);
      committed.addAll(written);
    }
  }

  private static DiscoveryEngine engine(ScriptedSource news, RunListener... listeners) {
    DiscoveryEngine.Builder b =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(InMemoryStorage.create())
            .addSource(news)
            .scorer(Scoring.defaults())
            .clock(MutableClock.at(T0));
    for (RunListener l : listeners) {
      b.addRunListener(l);
    }
    return b.build();
  }

  @Test
  void listenersHearTheOpportunitiesEachCommitWroteAsStored() {
    ScriptedSource news = ScriptedSource.feed("news");
    news.publish(
        Fixtures.signal("news", "n1", SignalType.NEWS, "Stripe raises", T0),
        Fixtures.signal("news", "n2", SignalType.NEWS, "Stripe hires", T0));
    Recording listener = new Recording();
    try (DiscoveryEngine engine = engine(news, listener)) {
      Profile p = engine.profiles().save(Fixtures.profile("acme", "pay", Company.of("Stripe")));

      engine.discover(p.id());
      engine.discover(p.id());

      List<Opportunity> stored =
          engine.feed(FeedQuery.forTenant("acme").limit(100).build()).items();
      assertThat(stored).hasSize(2);
      assertThat(listener.committed).containsExactlyInAnyOrderElementsOf(stored);
      assertThat(listener.tenants).containsOnly("acme");
    }
  }

  @Test
  void aListenerThatThrowsNeitherFailsTheRunNorStopsTheOthers() {
    ScriptedSource news = ScriptedSource.feed("news");
    news.publish(Fixtures.signal("news", "n1", SignalType.NEWS, "Stripe raises", T0));
    RunListener failing =
        new RunListener() {
          @Override
          public void onRunFinished(RunReport report) {}

          @Override
          public void onCommitted(String tenant, List<Opportunity> written) {
            throw new IllegalStateException("index down");
          }
        };
    Recording after = new Recording();
    try (DiscoveryEngine engine = engine(news, failing, after)) {
      Profile p = engine.profiles().save(Fixtures.profile("acme", "pay", Company.of("Stripe")));

      RunReport report = engine.discover(p.id());

      assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(after.committed).hasSize(1);
    }
  }
}
