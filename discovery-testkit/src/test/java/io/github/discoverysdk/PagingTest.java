package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.SourceStats;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.SourceStateStore;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.ForwardingSourceStateStore;
import io.github.discoverysdk.storage.ForwardingStorage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A query pages through a source's backlog within one run, each page committed on its own. */
class PagingTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:30:00Z");

  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStorage memory = InMemoryStorage.create();
  private final List<DiscoveryEngine> engines = new ArrayList<>();

  @AfterEach
  void close() {
    engines.forEach(DiscoveryEngine::close);
  }

  private DiscoveryEngine.Builder builder(Storage storage, ScriptedSource source) {
    return DiscoveryEngine.builder()
        .allowSystemCalls()
        .storage(storage)
        .addSource(source)
        .scorer(Scoring.defaults())
        .clock(clock)
        .fetchLimit(500);
  }

  private DiscoveryEngine start(DiscoveryEngine.Builder b) {
    DiscoveryEngine engine = b.build();
    engines.add(engine);
    return engine;
  }

  private ScriptedSource backlog(int records) {
    ScriptedSource feed = ScriptedSource.feed("news");
    for (int i = 0; i < records; i++) {
      feed.publish(
          Signal.builder()
              .key(SignalKey.of("news", "n-" + i))
              .type(SignalType.FUNDING)
              .title("Stripe raises round " + i)
              .publishedAt(T0.minusSeconds(records - i))
              .observedAt(T0.minusSeconds(records - i))
              .addOrganizations(OrganizationMention.of("Stripe", OrganizationRole.SUBJECT))
              .build());
    }
    return feed;
  }

  private static Profile profile(String tenant) {
    return Profile.builder()
        .tenant(tenant)
        .id(ProfileId.of(tenant, "p"))
        .owner("u")
        .name("p")
        .addWatchlist(Company.of("Stripe"))
        .build();
  }

  private List<Opportunity> feed(DiscoveryEngine engine, ProfileId id) {
    List<Opportunity> all = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      FeedQuery.Builder q = FeedQuery.forProfile(id).limit(FeedQuery.MAX_LIMIT);
      cursor.ifPresent(q::cursor);
      var page = engine.feed(q.build());
      all.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor.isPresent());
    return all;
  }

  private static List<String> cursors(ScriptedSource source) {
    return source.requests().stream().map(r -> r.cursor().orElse("")).toList();
  }

  @Test
  void aTenThousandRecordBacklogDrainsInOneDiscover() {
    ScriptedSource news = backlog(10_000);
    DiscoveryEngine engine = start(builder(memory, news));
    Profile p = engine.profiles().save(profile("acme"));

    RunReport run = engine.discover(p.id());

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.queriesExecuted()).isEqualTo(1);
    assertThat(run.signalsFetched()).isEqualTo(10_000);
    assertThat(run.opportunitiesNew()).isEqualTo(10_000);
    assertThat(news.calls()).isEqualTo(20);
    assertThat(news.requests()).allSatisfy(r -> assertThat(r.limit()).isEqualTo(500));
    assertThat(memory.sourceState().findWatermark("acme", "news", "all"))
        .map(Watermark::cursor)
        .contains("10000");
    assertThat(feed(engine, p.id())).hasSize(10_000);

    RunReport again = engine.discover(p.id());
    assertThat(again.signalsFetched()).isZero();
    assertThat(again.opportunitiesNew()).isZero();
  }

  @Test
  void aFailureOnTheThirdPagesCommitKeepsTwoPagesAndTheNextRunContinuesFromTheThird() {
    AtomicInteger watermarksUntilFailure = new AtomicInteger(2);
    Storage flaky =
        new ForwardingStorage(memory) {
          @Override
          protected Storage wrapTransaction(Storage tx) {
            return new ForwardingStorage(tx) {
              @Override
              public SourceStateStore sourceState() {
                return new ForwardingSourceStateStore(super.sourceState()) {
                  @Override
                  public void saveWatermark(Watermark w) {
                    if (w.sourceId().equals("news")
                        && watermarksUntilFailure.getAndDecrement() == 0) {
                      throw new StorageException("disk full");
                    }
                    super.saveWatermark(w);
                  }
                };
              }
            };
          }
        };
    ScriptedSource news = backlog(2_000);
    DiscoveryEngine engine = start(builder(flaky, news));
    Profile p = engine.profiles().save(profile("acme"));

    RunReport failed = engine.discover(p.id());

    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.errors())
        .anyMatch(e -> e.contains("page 3") && e.contains("disk full") && e.contains("kept"));
    assertThat(failed.signalsNew()).isEqualTo(1_000);
    assertThat(failed.opportunitiesNew()).isEqualTo(1_000);
    assertThat(memory.sourceState().findWatermark("acme", "news", "all"))
        .map(Watermark::cursor)
        .contains("1000");
    assertThat(memory.signals().find("acme", SignalKey.of("news", "n-999"))).isPresent();
    assertThat(memory.signals().find("acme", SignalKey.of("news", "n-1000"))).isEmpty();
    assertThat(feed(engine, p.id())).hasSize(1_000);

    RunReport resumed = engine.discover(p.id());

    assertThat(resumed.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(cursors(news)).containsExactly("", "500", "1000", "1000", "1500");
    assertThat(resumed.signalsNew()).isEqualTo(1_000);
    assertThat(resumed.opportunitiesNew()).isEqualTo(1_000);
    List<Opportunity> all = feed(engine, p.id());
    assertThat(all).hasSize(2_000);
    assertThat(new HashSet<>(all.stream().map(Opportunity::signalKey).toList())).hasSize(2_000);
  }

  @Test
  void theBoundStopsPagingAndTheNextRunContinues() {
    ScriptedSource news = backlog(2_500);
    DiscoveryEngine engine = start(builder(memory, news).maxRecordsPerQuery(1_000));
    Profile p = engine.profiles().save(profile("acme"));

    RunReport first = engine.discover(p.id());
    assertThat(first.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(first.signalsFetched()).isEqualTo(1_000);
    assertThat(memory.sourceState().findWatermark("acme", "news", "all"))
        .map(Watermark::cursor)
        .contains("1000");

    assertThat(engine.discover(p.id()).signalsFetched()).isEqualTo(1_000);
    assertThat(engine.discover(p.id()).signalsFetched()).isEqualTo(500);
    assertThat(cursors(news)).containsExactly("", "500", "1000", "1500", "2000");
    assertThat(feed(engine, p.id())).hasSize(2_500);
  }

  @Test
  void theSharedCacheAnswersEveryPageForTheNextTenant() {
    ScriptedSource news = backlog(1_200).sharedAcrossTenants();
    DiscoveryEngine engine = start(builder(memory, news));
    Profile a = engine.profiles().save(profile("tenant-a"));
    Profile b = engine.profiles().save(profile("tenant-b"));

    RunReport first = engine.discover(a.id());
    assertThat(first.signalsFetched()).isEqualTo(1_200);
    assertThat(news.calls()).isEqualTo(3);

    RunReport second = engine.discover(b.id());

    assertThat(news.calls()).as("every page came from the cache").isEqualTo(3);
    SourceStats stats = second.sources().get(0);
    assertThat(stats.calls()).isEqualTo(3);
    assertThat(stats.cacheHits()).isEqualTo(3);
    assertThat(second.signalsFetched()).isEqualTo(1_200);
    assertThat(second.opportunitiesNew()).isEqualTo(1_200);
    assertThat(memory.sourceState().findWatermark("tenant-b", "news", "all"))
        .map(Watermark::cursor)
        .contains("1200");
  }

  @Test
  void aBoundBelowOnePageIsRefusedWithWhatToFix() {
    assertThatThrownBy(() -> DiscoveryEngine.builder().allowSystemCalls().maxRecordsPerQuery(0))
        .isInstanceOf(ValidationException.class)
        .hasMessage("maxRecordsPerQuery must be positive, was 0");
    assertThatThrownBy(
            () -> builder(memory, backlog(1)).fetchLimit(500).maxRecordsPerQuery(100).build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("maxRecordsPerQuery must be at least fetchLimit (500), was 100");
  }
}
