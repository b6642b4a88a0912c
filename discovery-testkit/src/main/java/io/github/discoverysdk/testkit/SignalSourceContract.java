package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SignalSource} must have. A connector proves it by extending this
 * class, seeding its fake backend (WireMock, a scripted timeline) in {@link #prepare}:
 *
 * <pre>{@code
 * class GreenhouseJobsTest extends SignalSourceContract {
 *   @Override
 *   protected SignalSource createSource() {
 *     return GreenhouseJobs.create(wireMock.baseUrl());
 *   }
 *
 *   @Override
 *   protected void prepare(SignalSource source) {
 *     wireMock.stubFor(get("/boards/acme/jobs").willReturn(okJson(JOBS)));
 *   }
 *
 *   @Override
 *   protected SourceQuery prepareBacklog(int records) {
 *     wireMock.stubFor(get("/boards/acme/jobs").willReturn(okJson(board(records))));
 *     return SourceQuery.all();
 *   }
 * }
 * }</pre>
 *
 * <p>The suite only checks what holds for any source: a stable id, the plan of a profile, fetches
 * that stay within the source's id, cursors that make fetches incremental, a backlog longer than
 * the fetch limit delivered whole by following {@link SourceResult#more()} (seeded by {@link
 * #prepareBacklog}), and fetches that may run concurrently. Not thread-safe itself (JUnit creates
 * one instance per test).
 */
public abstract class SignalSourceContract {
  /** The tenant the suite's fetches are made for. */
  protected static final String TENANT = "contract-tenant";

  /** The instant {@link #clock()} stands at by default. */
  protected static final Instant NOW = Instant.parse("2025-01-15T10:00:00Z");

  private static final int THREADS = 4;

  /** The fetch limit of the backlog test, and its backlog: three limits' worth. */
  private static final int PAGE_LIMIT = 5;

  private static final int BACKLOG = 3 * PAGE_LIMIT;

  /** The source under test, fresh for each test and already prepared. */
  protected SignalSource source;

  /** A new source. Called before each test. */
  protected abstract SignalSource createSource();

  /** Seeds what the source will return; called before each test. The default does nothing. */
  protected void prepare(SignalSource source) throws Exception {}

  /**
   * Seeds the source's backend, in the real API's shape, so that {@code query} holds exactly {@code
   * records} distinct records, more than one fetch limit, then returns that query. Called after
   * {@link #prepare} by {@link #aBacklogOfSeveralFetchLimitsIsDeliveredWholeAndOnce}, which then
   * fetches with a small limit while the source reports {@link SourceResult#more()}.
   *
   * <p>Every source should implement it. A source that truly cannot hold more than one page for a
   * query (say one record per query) opts out by calling {@link Assumptions#abort(String)} with the
   * reason, as the refresh test does for sources without refresh. The default aborts with a note
   * that the hook is missing, so that a suite that does not implement it shows the test as skipped,
   * never as passed.
   *
   * @param records how many records the backlog must hold
   * @return the query that reads the backlog
   */
  protected SourceQuery prepareBacklog(int records) throws Exception {
    return Assumptions.abort(
        getClass().getName() + " does not implement prepareBacklog(int): paging is untested");
  }

  /** The clock of the fetches' context; by default fixed at {@link #NOW} in UTC. */
  protected Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  /**
   * A profile whose plan the suite fetches; by default one watching {@code Acme (acme.com)}.
   * Override it when the source's data concerns other companies.
   */
  protected Profile profile() {
    return Fixtures.profile(TENANT, "Contract", Company.of("Acme", "acme.com"));
  }

  /** The context of the suite's fetches. */
  protected SourceContext context() {
    return TestSourceContext.of(clock(), TENANT);
  }

  @BeforeEach
  void createAndPrepareSource() throws Exception {
    source = createSource();
    assertThat(source).as("createSource()").isNotNull();
    prepare(source);
  }

  @Test
  void theIdIsNonBlankAndStable() {
    String id = source.id();

    assertThat(id).isNotBlank();
    assertThat(source.id()).isEqualTo(id);
    assertThat(createSource().id()).isEqualTo(id);
  }

  @Test
  void theCapabilitiesAreDeclared() {
    SourceCapabilities capabilities = source.capabilities();

    assertThat(capabilities).isNotNull();
    assertThat(capabilities.queryMode()).isNotNull();
    assertThat(capabilities.costPerCall()).isGreaterThanOrEqualTo(0.0);
  }

  @Test
  void aProfileWithAWatchlistGetsAtLeastOneQuery() {
    assertThat(source.plan(profile())).isNotEmpty().doesNotContainNull();
  }

  @Test
  void theFirstFetchOfEachPlannedQuerySucceedsWithSignalsOfThisSource() throws Exception {
    for (SourceQuery query : plan()) {
      SourceResult result = source.fetch(firstRequest(query), context());

      assertThat(result).as("result of %s", query).isNotNull();
      assertThat(result.signals())
          .as("signals of %s", query)
          .allSatisfy(s -> assertThat(s.key().sourceId()).isEqualTo(source.id()));
    }
  }

  @Test
  void fetchingFromTheReturnedCursorReturnsNothingAlreadyReturned() throws Exception {
    for (SourceQuery query : plan()) {
      SourceResult first = source.fetch(firstRequest(query), context());
      if (first.nextCursor().isEmpty()) {
        continue; // the source keeps no position for this query: nothing to check
      }
      Set<String> seen = versions(first.signals());

      SourceResult second =
          source.fetch(
              SourceRequest.builder().query(query).cursor(first.nextCursor()).build(), context());

      assertThat(versions(second.signals()))
          .as("signals returned again for %s after cursor %s", query, first.nextCursor().get())
          .doesNotContainAnyElementsOf(seen);
    }
  }

  @Test
  void aBacklogOfSeveralFetchLimitsIsDeliveredWholeAndOnce() throws Exception {
    SourceQuery query = prepareBacklog(BACKLOG);
    Set<String> delivered = new HashSet<>();
    Optional<String> cursor = Optional.empty();
    SourceResult page;
    int pages = 0;
    do {
      page =
          source.fetch(
              SourceRequest.builder().query(query).cursor(cursor).limit(PAGE_LIMIT).build(),
              context());
      pages++;
      assertThat(page.signals()).as("page %d", pages).hasSizeLessThanOrEqualTo(PAGE_LIMIT);
      for (Signal s : page.signals()) {
        assertThat(s.key().sourceId()).isEqualTo(source.id());
        assertThat(delivered.add(s.key().externalId()))
            .as("record %s delivered again on page %d", s.key().externalId(), pages)
            .isTrue();
      }
      if (page.more()) {
        assertThat(page.signals()).as("page %d says more but is empty", pages).isNotEmpty();
      }
      Optional<String> previous = cursor; // an empty next cursor keeps the previous one
      cursor = page.nextCursor().or(() -> previous);
      assertThat(pages)
          .as("pages needed for %d records with limit %d", BACKLOG, PAGE_LIMIT)
          .isLessThanOrEqualTo(BACKLOG / PAGE_LIMIT + 1);
    } while (page.more());

    assertThat(delivered).as("records delivered of the backlog").hasSize(BACKLOG);
    assertThat(pages).as("pages").isGreaterThanOrEqualTo(BACKLOG / PAGE_LIMIT);
    assertThat(cursor).as("cursor after the last page").isPresent();
    SourceResult after =
        source.fetch(
            SourceRequest.builder().query(query).cursor(cursor).limit(PAGE_LIMIT).build(),
            context());
    assertThat(after.signals()).as("fetched again after the last page").isEmpty();
    assertThat(after.more()).isFalse();
  }

  @Test
  void concurrentFetchesSucceed() throws Exception {
    List<SourceQuery> queries = plan();

    List<Concurrently.Outcome<SourceResult>> outcomes =
        Concurrently.run(
            THREADS,
            i -> () -> source.fetch(firstRequest(queries.get(i % queries.size())), context()));

    assertThat(outcomes)
        .allSatisfy(
            o -> {
              assertThat(o.failure()).isNull();
              assertThat(o.value().signals())
                  .allSatisfy(s -> assertThat(s.key().sourceId()).isEqualTo(source.id()));
            });
  }

  @Test
  void refreshingAFetchedSignalReturnsTheSameKeyWhenSupported() throws Exception {
    Assumptions.assumeTrue(source.capabilities().supportsRefresh(), "refresh not supported");
    Optional<Signal> fetched = firstFetchedSignal();
    Assumptions.assumeTrue(fetched.isPresent(), "no signal to refresh");
    Signal signal = fetched.get();

    Optional<Signal> refreshed = source.refresh(signal.key(), context());

    assertThat(refreshed).hasValueSatisfying(s -> assertThat(s.key()).isEqualTo(signal.key()));
  }

  private Optional<Signal> firstFetchedSignal() throws Exception {
    for (SourceQuery query : plan()) {
      List<Signal> signals = source.fetch(firstRequest(query), context()).signals();
      if (!signals.isEmpty()) {
        return Optional.of(signals.get(0));
      }
    }
    return Optional.empty();
  }

  private List<SourceQuery> plan() {
    List<SourceQuery> queries = new ArrayList<>(source.plan(profile()));
    assertThat(queries).as("plan of %s", profile().name()).isNotEmpty();
    return queries;
  }

  private static SourceRequest firstRequest(SourceQuery query) {
    return SourceRequest.builder().query(query).build();
  }

  /** Each signal as key plus content hash: a signal returned again unchanged has the same one. */
  private static Set<String> versions(List<Signal> signals) {
    return signals.stream().map(s -> s.key() + "#" + s.contentHash()).collect(Collectors.toSet());
  }
}
