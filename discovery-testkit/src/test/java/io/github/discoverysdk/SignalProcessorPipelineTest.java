package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.SignalProcessor;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ObjIntConsumer;
import org.junit.jupiter.api.Test;

/**
 * The run pipeline hands every fetched signal to the ingestion processors enabled for the tenant
 * before it is stored or matched, sums their counts in the run report, and drops (rejects) a signal
 * a processor failed on rather than storing it as it came.
 */
class SignalProcessorPipelineTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  /** Replaces the word "secret" by "[X]", counting each as kind X. */
  private static final class Masker implements SignalProcessor {
    @Override
    public String id() {
      return "masker";
    }

    @Override
    public Signal process(Signal signal, ObjIntConsumer<String> counts) {
      if (signal.title().contains("explode")) {
        throw new IllegalStateException("cannot process secret text");
      }
      int n = signal.title().split("secret", -1).length - 1;
      if (n == 0) {
        return signal;
      }
      counts.accept("X", n);
      return Signal.builder().from(signal).title(signal.title().replace("secret", "[X]")).build();
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

  private static DiscoveryEngine.Builder engine(Storage storage, ScriptedSource source) {
    return DiscoveryEngine.builder()
        .allowSystemCalls()
        .storage(storage)
        .addSource(source)
        .scorer(Scoring.defaults())
        .clock(MutableClock.at(T0));
  }

  @Test
  void processedSignalsAreWhatIsStoredAndCountedAndAFailingOneIsRejected() {
    Storage storage = InMemoryStorage.create();
    ScriptedSource source =
        ScriptedSource.feed("feed")
            .publish(
                signal("a", "Acme secret plan and secret deal"),
                signal("b", "Acme explode"),
                signal("c", "Acme clean"));
    RunReport report;
    try (DiscoveryEngine engine =
        engine(storage, source).addSignalProcessor(new Masker()).build()) {
      report =
          engine.discover(
              engine.profiles().save(Fixtures.profile("acme", "p", Company.of("Acme"))).id());
    }

    assertThat(storage.signals().find("acme", SignalKey.of("feed", "a")))
        .get()
        .extracting(Signal::title)
        .isEqualTo("Acme [X] plan and [X] deal");
    assertThat(storage.signals().find("acme", SignalKey.of("feed", "b"))).isEmpty();
    assertThat(storage.signals().find("acme", SignalKey.of("feed", "c"))).isPresent();
    assertThat(report.redactions()).isEqualTo(Map.of("X", 2));
    assertThat(report.recordsRejected()).isEqualTo(1);
    assertThat(report.summary()).contains("redacted: 2 X");
    assertThat(report.errors()).noneMatch(e -> e.contains("secret"));
  }

  @Test
  void aProcessorIsSkippedForTenantsItsPredicateRefuses() {
    Storage storage = InMemoryStorage.create();
    ScriptedSource source = ScriptedSource.feed("feed").publish(signal("a", "Acme secret"));
    RunReport acme;
    RunReport other;
    try (DiscoveryEngine engine =
        engine(storage, source)
            .addSignalProcessor(new Masker(), tenant -> tenant.equals("acme"))
            .build()) {
      acme =
          engine.discover(
              engine.profiles().save(Fixtures.profile("acme", "p", Company.of("Acme"))).id());
      other =
          engine.discover(
              engine.profiles().save(Fixtures.profile("other", "p", Company.of("Acme"))).id());
    }

    assertThat(storage.signals().find("acme", SignalKey.of("feed", "a")))
        .get()
        .extracting(Signal::title)
        .isEqualTo("Acme [X]");
    assertThat(storage.signals().find("other", SignalKey.of("feed", "a")))
        .get()
        .extracting(Signal::title)
        .isEqualTo("Acme secret");
    assertThat(acme.redactions()).containsEntry("X", 1);
    assertThat(other.redactions()).isEmpty();
    assertThat(other.summary()).doesNotContain("redacted");
  }

  @Test
  void theSharedCacheHoldsProcessedSignalsOnly() {
    Storage storage = InMemoryStorage.create();
    ScriptedSource source =
        ScriptedSource.feed("feed").sharedAcrossTenants().publish(signal("a", "Acme secret"));
    RunReport other;
    try (DiscoveryEngine engine =
        engine(storage, source)
            .addSignalProcessor(new Masker(), tenant -> tenant.equals("acme"))
            .build()) {
      engine.discover(
          engine.profiles().save(Fixtures.profile("acme", "p", Company.of("Acme"))).id());
      other =
          engine.discover(
              engine.profiles().save(Fixtures.profile("other", "p", Company.of("Acme"))).id());
    }

    // The second tenant's run was answered from the cache, which never held the raw title.
    assertThat(source.calls()).isEqualTo(1);
    assertThat(other.sources().get(0).cacheHits()).isEqualTo(1);
    assertThat(storage.signals().find("other", SignalKey.of("feed", "a")))
        .get()
        .extracting(Signal::title)
        .isEqualTo("Acme [X]");
  }

  @Test
  void aRefreshedSignalIsProcessedBeforeItIsStored() {
    Storage storage = InMemoryStorage.create();
    ScriptedSource source = ScriptedSource.feed("feed").publish(signal("a", "Acme plan"));
    RunReport refresh;
    try (DiscoveryEngine engine =
        engine(storage, source).addSignalProcessor(new Masker()).build()) {
      engine.discover(
          engine.profiles().save(Fixtures.profile("acme", "p", Company.of("Acme"))).id());
      source.publish(signal("a", "Acme secret plan"));
      refresh = engine.refresh("acme");
    }

    assertThat(refresh.signalsChanged()).isEqualTo(1);
    assertThat(refresh.redactions()).isEqualTo(Map.of("X", 1));
    assertThat(storage.signals().find("acme", SignalKey.of("feed", "a")))
        .get()
        .extracting(Signal::title)
        .isEqualTo("Acme [X] plan");
  }

  /** Records the tenant of every call; its tenant-less form must not be used by a run. */
  private static final class TenantRecorder implements SignalProcessor {
    final List<String> tenants = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
      return "tenants";
    }

    @Override
    public Signal process(Signal signal, ObjIntConsumer<String> counts) {
      throw new AssertionError("the run must call the tenant form");
    }

    @Override
    public Signal process(String tenant, Signal signal, ObjIntConsumer<String> counts) {
      tenants.add(tenant);
      return signal;
    }
  }

  @Test
  void processorsGetTheRunsTenantAndTheReadingTenantForTheSharedCache() {
    Storage storage = InMemoryStorage.create();
    ScriptedSource source =
        ScriptedSource.feed("feed").sharedAcrossTenants().publish(signal("a", "Acme plan"));
    TenantRecorder recorder = new TenantRecorder();
    try (DiscoveryEngine engine =
        engine(storage, source)
            .addSignalProcessor(recorder, tenant -> !tenant.equals("lab"))
            .build()) {
      for (String tenant : List.of("acme", "other", "lab")) {
        engine.discover(
            engine.profiles().save(Fixtures.profile(tenant, "p", Company.of("Acme"))).id());
      }
    }

    // "other" was answered from the cache that "acme" filled; "lab" has the processor off.
    assertThat(source.calls()).isEqualTo(1);
    assertThat(recorder.tenants).containsExactly("acme", "other");
    assertThat(storage.signals().find("lab", SignalKey.of("feed", "a"))).isPresent();
  }
}
