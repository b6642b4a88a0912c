package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.RunProgress;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.RunListener;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A run tells its listeners where it stands: each stage's start and each query fetched. */
class RunProgressTest {
  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

  static final class Recording implements RunListener {
    final List<Object> events = new CopyOnWriteArrayList<>();

    @Override
    public void onRunFinished(RunReport report) {
      events.add(report);
    }

    @Override
    public void onProgress(RunProgress progress) {
      events.add(progress);
    }
  }

  @Test
  void aRunReportsEachStageAndEachFetchedQueryBeforeItFinishes() {
    ScriptedSource news = ScriptedSource.feed("news");
    ScriptedSource jobs = ScriptedSource.feed("jobs");
    news.publish(Fixtures.signal("news", "n1", SignalType.NEWS, "Stripe raises", T0));
    jobs.failNext(new IOException("jobs board down"));
    Recording listener = new Recording();
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(InMemoryStorage.create())
            .addSource(news)
            .addSource(jobs)
            .scorer(Scoring.defaults())
            .clock(MutableClock.at(T0))
            .addRunListener(listener)
            .build()) {
      Profile p = engine.profiles().save(Fixtures.profile("acme", "pay", Company.of("Stripe")));
      RunReport report = engine.discover(p.id());

      List<RunProgress> progress =
          listener.events.stream()
              .filter(RunProgress.class::isInstance)
              .map(RunProgress.class::cast)
              .toList();
      List<RunProgress> fetch =
          progress.stream().filter(e -> e.stage() == RunProgress.Stage.FETCH).toList();
      assertThat(fetch.get(0).done()).isZero();
      assertThat(fetch.get(0).total()).isEqualTo(2);
      assertThat(fetch.subList(1, fetch.size()))
          .extracting(RunProgress::done)
          .containsExactlyInAnyOrder(1, 2);
      assertThat(fetch.subList(1, fetch.size()))
          .extracting(e -> e.source().orElseThrow())
          .containsExactlyInAnyOrder("news", "jobs");
      assertThat(progress)
          .extracting(RunProgress::stage)
          .endsWith(RunProgress.Stage.ARCHIVE, RunProgress.Stage.DELIVER);
      assertThat(progress).allSatisfy(e -> assertThat(e.runId()).isEqualTo(report.runId()));
      assertThat(listener.events.get(listener.events.size() - 1)).isEqualTo(report);
    }
  }

  @Test
  void aListenerThatFailsOnProgressDoesNotFailTheRun() {
    ScriptedSource news = ScriptedSource.feed("news");
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(InMemoryStorage.create())
            .addSource(news)
            .scorer(Scoring.defaults())
            .clock(MutableClock.at(T0))
            .addRunListener(
                new RunListener() {
                  @Override
                  public void onRunFinished(RunReport report) {}

                  @Override
                  public void onProgress(RunProgress progress) {
                    throw new IllegalStateException("display broke");
                  }
                })
            .build()) {
      Profile p = engine.profiles().save(Fixtures.profile("acme", "pay", Company.of("Stripe")));
      assertThat(engine.discover(p.id()).errors()).isEmpty();
    }
  }
}
