package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.model.AlertPreferences;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.OutboxStore;
import io.github.discoverysdk.spi.RunStore;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.TrackingObservation;
import io.github.discoverysdk.spi.TrackingStore;
import io.github.discoverysdk.storage.ForwardingOutboxStore;
import io.github.discoverysdk.storage.ForwardingRunStore;
import io.github.discoverysdk.storage.ForwardingStorage;
import io.github.discoverysdk.storage.ForwardingTrackingStore;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The run's writes of lifecycle events, outbox entries and tracking take one storage call per batch
 * (or per run), never one per signal or opportunity: the single-row methods are never called on the
 * run path, whatever the number of signals.
 */
class RunWritesInBatchesTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final int SIGNALS = 25;

  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStorage memory = InMemoryStorage.create();
  private final ScriptedSource events = ScriptedSource.feed("events");
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private DiscoveryEngine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private void count(String method) {
    calls.computeIfAbsent(method, k -> new AtomicInteger()).incrementAndGet();
  }

  private int calls(String method) {
    return calls.getOrDefault(method, new AtomicInteger()).get();
  }

  /** Counts the single and batch writes of the three stores, in and outside transactions. */
  private Storage counting(Storage storage) {
    return new ForwardingStorage(storage) {
      @Override
      protected Storage wrapTransaction(Storage tx) {
        return counting(tx);
      }

      @Override
      public RunStore runs() {
        return new ForwardingRunStore(super.runs()) {
          @Override
          public void addLifecycleEvent(LifecycleEvent event) {
            count("addLifecycleEvent");
            super.addLifecycleEvent(event);
          }

          @Override
          public void addLifecycleEvents(List<LifecycleEvent> events) {
            count("addLifecycleEvents");
            super.addLifecycleEvents(events);
          }
        };
      }

      @Override
      public OutboxStore outbox() {
        return new ForwardingOutboxStore(super.outbox()) {
          @Override
          public boolean enqueue(OutboxEntry entry) {
            count("enqueue");
            return super.enqueue(entry);
          }

          @Override
          public List<Boolean> enqueueAll(List<OutboxEntry> entries) {
            count("enqueueAll");
            return super.enqueueAll(entries);
          }
        };
      }

      @Override
      public TrackingStore tracking() {
        return new ForwardingTrackingStore(super.tracking()) {
          @Override
          public void record(TrackingObservation observation) {
            count("record");
            super.record(observation);
          }

          @Override
          public void recordAll(List<TrackingObservation> observations) {
            count("recordAll");
            super.recordAll(observations);
          }
        };
      }
    };
  }

  private static final class Sink implements AlertSink {
    @Override
    public String id() {
      return "slack";
    }

    @Override
    public void deliver(Alert alert) {}
  }

  private Signal summit(int i, Instant start) {
    return Signal.builder()
        .key(SignalKey.of("events", "s" + i))
        .type(SignalType.EVENT)
        .title("Payments Summit " + i)
        .publishedAt(T0.minus(Duration.ofDays(1)))
        .observedAt(clock.instant())
        .event(EventDetails.builder().start(start).build())
        .addOrganizations(OrganizationMention.of("Stripe", OrganizationRole.SPONSOR))
        .build();
  }

  @Test
  void aRunWritesItsEventsDeliveriesAndTrackingWithOneCallEachNeverOnePerItem() {
    engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(counting(memory))
            .addSource(events)
            .scorer(Scoring.defaults())
            .clock(clock)
            .addAlertSink(new Sink())
            .pushWhen("crm", (o, p) -> true)
            .addOpportunitySink(
                new io.github.discoverysdk.spi.OpportunitySink() {
                  @Override
                  public String id() {
                    return "crm";
                  }

                  @Override
                  public void accept(io.github.discoverysdk.model.Opportunity o, Profile p) {}
                })
            .collectTracking(true)
            .build();
    Profile p =
        engine
            .profiles()
            .save(
                Profile.builder()
                    .tenant("acme")
                    .id(ProfileId.of("acme", "p1"))
                    .owner("u")
                    .name("p1")
                    .addWatchlist(Company.of("Stripe"), Company.of("Adyen"), Company.of("Klarna"))
                    .alerts(AlertPreferences.defaults())
                    .build());
    assertThat(calls("recordAll")).as("the save records the watchlist with one call").isEqualTo(1);

    IntStream.range(0, SIGNALS)
        .forEach(i -> events.publish(summit(i, T0.plus(Duration.ofDays(10)))));
    engine.discover(p.id());

    // An alert and a push per new opportunity, enqueued with one call for the page.
    assertThat(memory.outbox().list("acme", 1_000)).hasSize(2 * SIGNALS);
    assertThat(calls("enqueueAll")).isEqualTo(1);

    // Every summit moves: one lifecycle event each, written with one call, and updates alerted.
    clock.advance(Duration.ofDays(1));
    IntStream.range(0, SIGNALS)
        .forEach(i -> events.publish(summit(i, T0.plus(Duration.ofDays(20)))));
    engine.discover(p.id());

    assertThat(memory.runs().listLifecycleEvents("acme", SignalKey.of("events", "s7")))
        .singleElement()
        .satisfies(e -> assertThat(e.changes()).isNotEmpty());
    assertThat(calls("addLifecycleEvents")).isEqualTo(1);
    assertThat(calls("enqueueAll")).isEqualTo(2);
    // The next day's run recorded the watchlist again, once for the run.
    assertThat(calls("recordAll")).isEqualTo(2);
    assertThat(memory.tracking().list(T0, 100)).hasSize(6);

    assertThat(calls("addLifecycleEvent")).isZero();
    assertThat(calls("enqueue")).isZero();
    assertThat(calls("record")).isZero();
  }
}
