package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.model.TeamStatus;
import io.github.discoverysdk.spi.OpportunityStore;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.ForwardingOpportunityStore;
import io.github.discoverysdk.storage.ForwardingStorage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Writers racing for one row do not see each other: feedback, team status changes and the archiving
 * of two overlapping runs are re-applied after a lost version race, so every call succeeds and both
 * runs end SUCCEEDED. The same on every storage.
 */
class ContentionTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:30:00Z");
  private static final String TENANT = "acme";
  private static final int THREADS = 8;

  private static final Scorer SCORER =
      input -> {
        double best = 100 * input.matches().stream().mapToDouble(Match::confidence).max().orElse(0);
        double total = Math.round(best * 100) / 100.0;
        return Score.builder()
            .total(total)
            .strength(SignalStrength.MEDIUM)
            .addFactors(ScoreFactor.of("match", total, 1.0, total, "best match"))
            .build();
      };

  private static int perThread() {
    return Math.max(5, Integer.getInteger("discovery.test.contendedUpdates", 400) / 40);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"memory", "h2", "postgres", "mariadb"})
  void eightThreadsOfFeedbackAndTeamStatusOnOneOpportunityAllSucceed(String store)
      throws Exception {
    try (TestDatabase db = database(store)) {
      Storage storage = storage(db);
      MutableClock clock = MutableClock.at(T0);
      ScriptedSource news = ScriptedSource.feed("news").publish(signal("n-0", T0));
      try (DiscoveryEngine engine = engine(storage, news, clock)) {
        Profile p = engine.profiles().save(profile());
        engine.discover(p.id());
        Opportunity o = onlyOpportunity(engine, p);
        Team team = engine.teams().create(TENANT, "deal desk", "ann", "bob");
        engine.teams().share(o.id(), team.id(), "ann");
        int each = perThread();

        List<Object> failures =
            concurrently(
                t -> {
                  for (int i = 0; i < each; i++) {
                    engine.feedback(o.id(), i % 2 == 0 ? Feedback.save() : Feedback.actioned());
                    engine
                        .teams()
                        .setStatus(
                            o.id(),
                            team.id(),
                            t % 2 == 0 ? "ann" : "bob",
                            i % 2 == 0 ? TeamStatus.WORKING : TeamStatus.NEW);
                  }
                });

        assertThat(failures).as("calls refused").isEmpty();
        assertThat(engine.feedbackOf(o.id())).hasSize(THREADS * each);
        assertThat(engine.findOpportunity(o.id()).orElseThrow().version())
            .as("one version per feedback, none overwritten")
            .isEqualTo(o.version() + THREADS * each);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"memory", "h2", "postgres", "mariadb"})
  void twoOverlappingRunsArchivingTheSameOpportunitiesBothSucceed(String store) throws Exception {
    try (TestDatabase db = database(store)) {
      Storage plain = storage(db);
      // Both runs list the candidates before either archives one; in memory, where transactions
      // run one at a time, they simply follow each other.
      CyclicBarrier listed = new CyclicBarrier(2);
      AtomicInteger lists = new AtomicInteger();
      Storage storage = db == null ? plain : meetingAfterListing(plain, listed, lists);
      MutableClock clock = MutableClock.at(T0);
      ScriptedSource news = ScriptedSource.feed("news");
      for (int i = 0; i < 20; i++) {
        news.publish(signal("n-" + i, T0.minus(Duration.ofDays(2))));
      }
      try (DiscoveryEngine engine = engine(storage, news, clock)) {
        Profile p = engine.profiles().save(profile());
        lists.set(2); // no meeting in the first run
        assertThat(engine.discover(p.id()).opportunitiesNew()).isEqualTo(20);
        lists.set(0);
        clock.advance(Duration.ofDays(40));

        List<RunReport> reports = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
          List<Future<RunReport>> runs = new ArrayList<>();
          for (int i = 0; i < 2; i++) {
            runs.add(pool.submit(() -> engine.discover(p.id())));
          }
          for (Future<RunReport> run : runs) {
            reports.add(run.get(5, TimeUnit.MINUTES));
          }
        } finally {
          pool.shutdownNow();
        }

        assertThat(reports)
            .allSatisfy(
                r -> {
                  assertThat(r.errors()).isEmpty();
                  assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
                });
        assertThat(reports.stream().mapToInt(RunReport::opportunitiesArchived).sum())
            .as("each archived once")
            .isEqualTo(20);
        assertThat(
                engine.feed(FeedQuery.forProfile(p.id()).limit(50).build()).items().stream()
                    .map(Opportunity::status)
                    .distinct())
            .containsExactly(OpportunityStatus.ARCHIVED);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "postgres", "mariadb"})
  void aConflictNamesTheStoredVersionAndTheStaleOne(String store) throws Exception {
    try (TestDatabase db = database(store)) {
      Storage storage = storage(db);
      MutableClock clock = MutableClock.at(T0);
      ScriptedSource news = ScriptedSource.feed("news").publish(signal("n-0", T0));
      try (DiscoveryEngine engine = engine(storage, news, clock)) {
        Profile p = engine.profiles().save(profile());
        engine.discover(p.id());
        Opportunity o = onlyOpportunity(engine, p);
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
          Throwable thrown =
              org.assertj.core.api.Assertions.catchThrowable(
                  () ->
                      storage.inTransaction(
                          tx -> {
                            // Read inside the transaction (MariaDB takes its snapshot here), then
                            // another connection moves the row on and commits.
                            Opportunity seen = tx.opportunities().find(o.id()).orElseThrow();
                            try {
                              other
                                  .submit(
                                      () ->
                                          storage
                                              .opportunities()
                                              .save(
                                                  Opportunity.builder()
                                                      .from(seen)
                                                      .status(OpportunityStatus.SAVED)
                                                      .build()))
                                  .get(5, TimeUnit.MINUTES);
                            } catch (Exception e) {
                              throw new IllegalStateException(e);
                            }
                            return tx.opportunities()
                                .save(
                                    Opportunity.builder()
                                        .from(seen)
                                        .status(OpportunityStatus.ACTIONED)
                                        .build());
                          }));

          assertThat(thrown)
              .isInstanceOf(io.github.discoverysdk.ConcurrentUpdateException.class)
              .hasMessageContaining("is at version " + (o.version() + 1) + ", not " + o.version());
        } finally {
          other.shutdownNow();
        }
      }
    }
  }

  /** A storage whose first two archive listings wait for each other inside their transactions. */
  private static Storage meetingAfterListing(
      Storage storage, CyclicBarrier listed, AtomicInteger lists) {
    return new ForwardingStorage(storage) {
      @Override
      protected Storage wrapTransaction(Storage tx) {
        return new ForwardingStorage(tx) {
          @Override
          public OpportunityStore opportunities() {
            return new ForwardingOpportunityStore(super.opportunities()) {
              @Override
              public List<Opportunity> listBefore(
                  String tenant, Instant before, Set<OpportunityStatus> excluded, int limit) {
                List<Opportunity> found = super.listBefore(tenant, before, excluded, limit);
                if (lists.incrementAndGet() <= 2) {
                  try {
                    listed.await(5, TimeUnit.MINUTES);
                  } catch (Exception e) {
                    throw new IllegalStateException("the other run never listed", e);
                  }
                }
                return found;
              }
            };
          }
        };
      }
    };
  }

  @FunctionalInterface
  private interface Task {
    void run(int thread) throws Exception;
  }

  /** Runs {@code task} on {@link #THREADS} threads started together; what they threw. */
  private static List<Object> concurrently(Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await(5, TimeUnit.MINUTES);
                  task.run(thread);
                  return null;
                }));
      }
      List<Object> failures = new ArrayList<>();
      for (Future<?> f : futures) {
        try {
          f.get(5, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
          failures.add(e.getCause());
        }
      }
      return failures;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Opportunity onlyOpportunity(DiscoveryEngine engine, Profile p) {
    List<Opportunity> items = engine.feed(FeedQuery.forProfile(p.id()).limit(5).build()).items();
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  private static io.github.discoverysdk.model.Signal signal(String id, Instant at) {
    return Fixtures.signal(
        "news",
        id,
        SignalType.FUNDING,
        "Stripe raises " + id,
        at,
        OrganizationMention.of("Stripe", OrganizationRole.SUBJECT));
  }

  private static DiscoveryEngine engine(Storage storage, ScriptedSource news, MutableClock clock) {
    return DiscoveryEngine.builder()
        .allowSystemCalls()
        .storage(storage)
        .addSource(news)
        .scorer(SCORER)
        .clock(clock)
        .build();
  }

  private static Profile profile() {
    return Profile.builder()
        .tenant(TENANT)
        .id(ProfileId.of(TENANT, "p"))
        .owner("u")
        .name("Stripe watch")
        .addWatchlist(Company.of("Stripe"))
        .build();
  }

  private static Storage storage(TestDatabase db) {
    return db == null
        ? InMemoryStorage.create()
        : JdbcStorage.builder().dataSource(db.dataSource()).build();
  }

  private static TestDatabase database(String store) throws Exception {
    return switch (store) {
      case "memory" -> null;
      case "h2" -> TestDatabase.h2();
      case "postgres" -> TestDatabase.postgres();
      case "mariadb" -> TestDatabase.mariaDb();
      default -> throw new IllegalArgumentException(store);
    };
  }
}
