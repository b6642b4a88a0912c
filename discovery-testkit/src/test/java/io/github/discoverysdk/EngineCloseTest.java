package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Closing the engine while it works (test plan INC-5, clean shutdown): {@code close()} waits for
 * the runs in progress, refuses new ones with a clear error, and a host that closes its storage
 * right after {@code close()} returns loses nothing and sends nothing twice, over several bounces.
 */
class EngineCloseTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final ProfileId PROFILE = ProfileId.of("acme", "p1");
  private static final int SIGNALS = 30;
  private static final int PAGE = 10;

  private final InMemoryStorage memory = InMemoryStorage.create();
  private final MutableClock clock = MutableClock.at(T0);
  private final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();

  /** A feed of {@value #SIGNALS} signals naming Stripe. */
  private static ScriptedSource feed() {
    ScriptedSource feed = ScriptedSource.feed("news");
    for (int i = 0; i < SIGNALS; i++) {
      feed.publish(
          Fixtures.signal(
              "news",
              "n-" + i,
              SignalType.NEWS,
              "Stripe news " + i,
              T0.minusSeconds(600L - i),
              OrganizationMention.of("Stripe", OrganizationRole.SUBJECT)));
    }
    return feed;
  }

  /** An alert sink that counts deliveries per opportunity and runs a hook on each. */
  private final class Counting implements AlertSink {
    volatile Runnable onDeliver = () -> {};

    @Override
    public String id() {
      return "slack";
    }

    @Override
    public void deliver(Alert alert) {
      onDeliver.run();
      delivered
          .computeIfAbsent(alert.opportunity().signalKey().externalId(), k -> new AtomicInteger())
          .incrementAndGet();
    }
  }

  /** {@link #memory} as a host's storage that can be closed: every later call fails. */
  private static Storage closable(Storage storage, AtomicBoolean closed) {
    return (Storage)
        Proxy.newProxyInstance(
            Storage.class.getClassLoader(),
            new Class<?>[] {Storage.class},
            (proxy, method, args) -> {
              if (closed.get()) {
                throw new StorageException("the host closed its storage");
              }
              try {
                return method.invoke(storage, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private DiscoveryEngine engine(Storage storage, ScriptedSource feed, Counting sink) {
    return builder(storage, feed, sink).build();
  }

  private DiscoveryEngine.Builder builder(Storage storage, ScriptedSource feed, Counting sink) {
    return DiscoveryEngine.builder()
        .allowSystemCalls()
        .storage(storage)
        .addSource(feed)
        .scorer(Scoring.defaults())
        .clock(clock)
        .addAlertSink(sink)
        .fetchLimit(PAGE)
        .closeTimeout(Duration.ofSeconds(30));
  }

  /** One page per run, so that every bounce finds work (and alerts) left to do. */
  private DiscoveryEngine onePagePerRun(Storage storage, ScriptedSource feed, Counting sink) {
    return builder(storage, feed, sink).maxRecordsPerQuery(PAGE).build();
  }

  private static Profile profile() {
    return Profile.builder()
        .tenant("acme")
        .id(PROFILE)
        .owner("u")
        .name("p1")
        .addWatchlist(Company.of("Stripe"))
        .build();
  }

  @Test
  void closeWaitsForTheRunInProgressAndThenRefusesNewWork() throws Exception {
    ScriptedSource feed = feed();
    Counting sink = new Counting();
    DiscoveryEngine engine = engine(memory, feed, sink);
    engine.profiles().save(profile());
    CountDownLatch fetching = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    feed.onFetch(
        () -> {
          fetching.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });

    CompletableFuture<RunReport> run =
        CompletableFuture.supplyAsync(() -> engine.discover(PROFILE));
    assertThat(fetching.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(engine::close);
    awaitRefusal(engine);

    // Closed to new work, but the run in progress still holds close() back (for the page it is
    // on: the source has two more, which it leaves to the next run), however long it
    // takes (the pause only gives a close() that would not wait the time to return).
    sleep(200);
    assertThat(closing).isNotDone();
    release.countDown();
    closing.get(30, TimeUnit.SECONDS);

    RunReport report = run.get(30, TimeUnit.SECONDS);
    assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(report.opportunitiesNew()).isEqualTo(PAGE);
    assertThat(delivered).hasSize(PAGE);
    assertThatThrownBy(engine::dispatch)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("this discovery engine is closed");
    assertThatThrownBy(() -> engine.refresh("acme")).isInstanceOf(IllegalStateException.class);
    // Reading still works, and closing again is harmless.
    assertThat(engine.feed(FeedQuery.forProfile(PROFILE).build()).items()).hasSize(PAGE);
    engine.close();
  }

  @Test
  void bouncingTheEngineMidRunLosesNothingAndSendsNothingTwice() throws Exception {
    memory.profiles().save(profile());
    for (int bounce = 0; bounce < 3; bounce++) {
      AtomicBoolean storageClosed = new AtomicBoolean();
      Counting sink = new Counting();
      DiscoveryEngine engine = onePagePerRun(closable(memory, storageClosed), feed(), sink);
      // The host shuts down while the run delivers its first alert: it closes the engine, then
      // its storage. The delivery waits a moment for that, as a slow webhook would.
      AtomicBoolean first = new AtomicBoolean(true);
      sink.onDeliver =
          () -> {
            if (first.getAndSet(false)) {
              CompletableFuture.runAsync(
                  () -> {
                    engine.close();
                    storageClosed.set(true);
                  });
              awaitRefusal(engine);
              for (int i = 0; i < 20 && !storageClosed.get(); i++) {
                sleep(10);
              }
            }
          };

      RunReport report = engine.discover(PROFILE);

      assertThat(report.status()).as("bounce %d", bounce).isEqualTo(RunStatus.SUCCEEDED);
      awaitTrue(storageClosed);
    }

    // A last start finishes the feed and drains the outbox.
    DiscoveryEngine last = onePagePerRun(memory, feed(), new Counting());
    RunReport report;
    do {
      report = last.discover(PROFILE);
    } while (report.signalsFetched() > 0);
    last.dispatch();
    last.close();

    assertThat(delivered).hasSize(SIGNALS);
    assertThat(delivered.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(memory.outbox().list("acme", 1_000))
        .hasSize(SIGNALS)
        .allSatisfy(e -> assertThat(e.status()).isEqualTo(OutboxStatus.SENT));
  }

  @Test
  void aNegativeCloseTimeoutIsRefused() {
    assertThatThrownBy(
            () -> DiscoveryEngine.builder().allowSystemCalls().closeTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("closeTimeout");
  }

  /** Waits until the engine refuses a new run, which shows that close() has begun. */
  private static void awaitRefusal(DiscoveryEngine engine) {
    for (int i = 0; i < 1_000; i++) {
      try {
        engine.runDue("nobody");
      } catch (IllegalStateException closed) {
        return;
      }
      sleep(10);
    }
    throw new AssertionError("the engine did not start closing within 10 s");
  }

  private static void awaitTrue(AtomicBoolean flag) {
    for (int i = 0; i < 1_000 && !flag.get(); i++) {
      sleep(10);
    }
    assertThat(flag).isTrue();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
