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
 * }
 * }</pre>
 *
 * <p>The suite only checks what holds for any source: a stable id, the plan of a profile, fetches
 * that stay within the source's id, cursors that make fetches incremental, and fetches that may run
 * concurrently. Not thread-safe itself (JUnit creates one instance per test).
 */
public abstract class SignalSourceContract {
  /** The tenant the suite's fetches are made for. */
  protected static final String TENANT = "contract-tenant";

  /** The instant {@link #clock()} stands at by default. */
  protected static final Instant NOW = Instant.parse("2025-01-15T10:00:00Z");

  private static final int THREADS = 4;

  /** The source under test, fresh for each test and already prepared. */
  protected SignalSource source;

  /** A new source. Called before each test. */
  protected abstract SignalSource createSource();

  /** Seeds what the source will return; called before each test. The default does nothing. */
  protected void prepare(SignalSource source) throws Exception {}

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
