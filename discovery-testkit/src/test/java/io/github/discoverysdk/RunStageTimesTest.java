package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.SignalProcessor;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ObjIntConsumer;
import org.junit.jupiter.api.Test;

/**
 * A run reports the time it spent in the ingestion processors, matching, scoring and its write
 * transactions ({@link RunReport#stageTimes()}), each key only when that work ran.
 */
class RunStageTimesTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  /** Leaves every signal as it is. */
  private static final class Identity implements SignalProcessor {
    @Override
    public String id() {
      return "identity";
    }

    @Override
    public Signal process(Signal signal, ObjIntConsumer<String> counts) {
      return signal;
    }
  }

  private static Signal signal(String id, String title) {
    return Fixtures.signal(
        "feed",
        id,
        SignalType.NEWS,
        title,
        T0.minusSeconds(60),
        OrganizationMention.of("Acme", OrganizationRole.SUBJECT));
  }

  private static RunReport discover(ScriptedSource source, boolean withProcessor) {
    DiscoveryEngine.Builder b =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(InMemoryStorage.create())
            .addSource(source)
            .scorer(Scoring.defaults())
            .clock(MutableClock.at(T0));
    if (withProcessor) {
      b.addSignalProcessor(new Identity());
    }
    try (DiscoveryEngine engine = b.build()) {
      return engine.discover(
          engine.profiles().save(Fixtures.profile("acme", "p", Company.of("Acme"))).id());
    }
  }

  @Test
  void aRunOverAFewSignalsReportsTheTimeOfEachOfItsFourInnerStages() {
    ScriptedSource source =
        ScriptedSource.feed("feed")
            .publish(
                signal("a", "Acme opens an office"),
                signal("b", "Acme hires a CRO"),
                signal("c", "Acme raises"));

    RunReport report = discover(source, true);

    assertThat(report.matches()).isPositive();
    assertThat(report.stageTimes())
        .containsOnlyKeys("process", "match", "score", "store")
        .allSatisfy((stage, spent) -> assertThat(spent).isGreaterThanOrEqualTo(Duration.ZERO));
    assertThat(report.summary()).contains("  stage times: process ");
  }

  @Test
  void stagesThatDidNotRunAreAbsent() {
    RunReport noProcessor =
        discover(ScriptedSource.feed("feed").publish(signal("a", "Acme")), false);
    RunReport nothingFetched = discover(ScriptedSource.feed("feed"), true);

    assertThat(noProcessor.stageTimes()).containsOnlyKeys("match", "score", "store");
    assertThat(nothingFetched.signalsFetched()).isZero();
    assertThat(nothingFetched.stageTimes()).doesNotContainKeys("process", "match", "score");
  }
}
