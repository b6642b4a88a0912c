package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.SourceStateStore;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.ForwardingSourceStateStore;
import io.github.discoverysdk.storage.ForwardingStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The database path breaks during a run (test plan HTTP-9): the pool reaches PostgreSQL or MariaDB
 * through a {@link FaultProxy} that resets connections, goes down, or delays replies past the
 * driver's socket timeout. Each time the run fails or reports the failure, nothing is half
 * committed (opportunities and watermark are both there or both absent), the pool recovers by
 * itself, the next run ends where an unbroken run ends, and no connection is left borrowed.
 */
class DatabaseFaultTest {
  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
  private static final String TENANT = "acme";
  private static final ProfileId PROFILE = ProfileId.of(TENANT, "watcher");
  private static final int SIGNALS = 30;
  private static final int PAGE = 10;

  /** The fault for the commit of the next batch, taken when the batch writes its watermark. */
  private final AtomicReference<Runnable> nextBatchFault = new AtomicReference<>();

  private final AtomicReference<Runnable> armed = new AtomicReference<>();
  private TestDatabase database;
  private FaultProxy proxy;
  private HikariDataSource pool;
  private RecordingDataSource faulty;
  private JdbcStorage direct;
  private DiscoveryEngine engine;

  private void start(String server) throws Exception {
    database = server.equals("postgres") ? TestDatabase.postgres() : TestDatabase.mariaDb();
    InetSocketAddress address = database.server();
    proxy = new FaultProxy(address.getHostString(), address.getPort());
    pool = database.poolVia(proxy.port(), Duration.ofSeconds(2));
    faulty = new RecordingDataSource(pool);
    faulty.beforeCommit(
        () -> {
          Runnable fault = armed.getAndSet(null);
          if (fault != null) {
            fault.run();
          }
        });
    direct = JdbcStorage.builder().dataSource(database.dataSource()).build();
    ScriptedSource news = ScriptedSource.feed("news");
    for (int i = 0; i < SIGNALS; i++) {
      news.publish(
          Fixtures.signal(
              "news",
              "n-" + i,
              SignalType.NEWS,
              "Stripe news " + i,
              T0.minusSeconds(60L * (SIGNALS - i)),
              OrganizationMention.of("Stripe", OrganizationRole.SUBJECT)));
    }
    engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(armingOnWatermark(JdbcStorage.builder().dataSource(faulty).build()))
            .addSource(news)
            .scorer(in -> Fixtures.score(60))
            .clock(MutableClock.at(T0))
            .threads(1)
            .fetchLimit(PAGE)
            .build();
    engine
        .profiles()
        .save(
            Profile.builder()
                .tenant(TENANT)
                .id(PROFILE)
                .owner("o")
                .name("Watcher")
                .addWatchlist(Company.of("Stripe"))
                .build());
  }

  /**
   * Arms the next batch's fault when a batch of the news feed writes its watermark, just before its
   * commit (the engine's own bookkeeping, such as a new profile's backfill, is left alone).
   */
  private Storage armingOnWatermark(Storage storage) {
    return new ForwardingStorage(storage) {
      @Override
      protected Storage wrapTransaction(Storage tx) {
        return new ForwardingStorage(tx) {
          @Override
          public SourceStateStore sourceState() {
            return new ForwardingSourceStateStore(super.sourceState()) {
              @Override
              public void saveWatermark(Watermark watermark) {
                super.saveWatermark(watermark);
                if (watermark.sourceId().equals("news")) {
                  armed.set(nextBatchFault.getAndSet(null));
                }
              }
            };
          }
        };
      }
    };
  }

  @AfterEach
  void stop() throws Exception {
    if (engine != null) {
      engine.close();
    }
    if (pool != null) {
      pool.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "mariadb"})
  void aResetBeforeTheCommitReachesTheServerCommitsNothing(String server) throws Exception {
    start(server);
    nextBatchFault.set(proxy::resetAll);

    RunReport broken = engine.discover(PROFILE);

    assertThat(nextBatchFault).hasNullValue();
    assertThat(broken.status()).isNotEqualTo(RunStatus.SUCCEEDED);
    assertThat(broken.errors()).isNotEmpty();
    assertThat(stored()).as("stored after %s", broken.errors()).hasSize(0);
    assertThat(watermark()).isEmpty();
    endsLikeAnUnbrokenRun();
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "mariadb"})
  void aCommitWhoseReplyIsLostIsWholeAndTheNextRunGoesOnFromIt(String server) throws Exception {
    start(server);
    nextBatchFault.set(
        () -> {
          // The commit reaches the server and is carried out, but its reply is held back until
          // the batch can be seen from another connection, and then the connection is reset.
          proxy.replyLatency(Duration.ofSeconds(30));
          CompletableFuture.runAsync(
              () -> {
                awaitStored(PAGE);
                proxy.resetAll();
                proxy.replyLatency(Duration.ZERO);
              });
        });

    RunReport broken = engine.discover(PROFILE);

    assertThat(nextBatchFault).hasNullValue();
    // The engine could not know that its batch was committed, and says it failed; the batch and
    // its watermark were committed together, so the next run goes on after them.
    assertThat(broken.errors()).isNotEmpty();
    assertThat(stored()).hasSize(PAGE);
    assertThat(watermark()).isPresent();
    endsLikeAnUnbrokenRun();
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "mariadb"})
  void anUnreachableDatabaseFailsTheRunTypedAndItsReturnIsPickedUp(String server) throws Exception {
    start(server);
    proxy.down(true);

    assertThatThrownBy(() -> engine.discover(PROFILE)).isInstanceOf(StorageException.class);

    proxy.down(false);
    assertThat(stored()).isEmpty();
    endsLikeAnUnbrokenRun();
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "mariadb"})
  void repliesSlowerThanTheSocketTimeoutFailCleanly(String server) throws Exception {
    start(server);
    // The commit waits four seconds in the proxy, twice the socket timeout; then the network is
    // well again. Whether the commit still reached the server is the server's to say.
    nextBatchFault.set(
        () -> {
          proxy.latency(Duration.ofSeconds(4));
          CompletableFuture.runAsync(
              () -> proxy.latency(Duration.ZERO),
              CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS));
        });

    RunReport broken = engine.discover(PROFILE);

    assertThat(broken.errors()).isNotEmpty();
    List<Opportunity> kept = stored();
    assertThat(kept.isEmpty() ? watermark().isEmpty() : watermark().isPresent()).isTrue();
    endsLikeAnUnbrokenRun();
  }

  /** After the fault: runs until nothing is fetched, then checks the state of an unbroken run. */
  private void endsLikeAnUnbrokenRun() {
    nextBatchFault.set(null);
    RunReport last;
    int runs = 0;
    do {
      last = engine.discover(PROFILE);
      assertThat(last.status()).as("run %d after the fault", runs).isEqualTo(RunStatus.SUCCEEDED);
      runs++;
    } while (last.signalsFetched() > 0 && runs < 10);

    List<Opportunity> all = stored();
    assertThat(all).hasSize(SIGNALS);
    assertThat(all.stream().map(o -> o.signalKey().externalId()).distinct()).hasSize(SIGNALS);
    assertThat(watermark()).isPresent();
    assertThat(pool.getHikariPoolMXBean().getActiveConnections())
        .as("connections still borrowed")
        .isZero();
    assertThat(proxy.openConnections()).isLessThanOrEqualTo(pool.getMaximumPoolSize());
  }

  private void awaitStored(int count) {
    for (int i = 0; i < 200 && stored().size() < count; i++) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private List<Opportunity> stored() {
    return direct
        .opportunities()
        .feed(FeedQuery.forProfile(PROFILE).limit(FeedQuery.MAX_LIMIT).build())
        .items();
  }

  /** The feed's watermark: a feed source is fetched with the one query "all". */
  private Optional<Watermark> watermark() {
    return direct.sourceState().findWatermark(TENANT, "news", "all");
  }
}
