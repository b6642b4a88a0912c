package io.github.discoverysdk;

import io.github.discoverysdk.lifecycle.LifecyclePolicy;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.OutcomeListener;
import io.github.discoverysdk.spi.PushRule;
import io.github.discoverysdk.spi.Scorer;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceBudget;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.WarmStarter;
import io.github.discoverysdk.support.Require;
import io.github.discoverysdk.temporal.TemporalPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The setters of {@link DiscoveryEngine.Builder}, with their defaults and the checks each makes at
 * once; the checks across settings are made by {@link EngineSettings} on {@code build()}.
 *
 * <p>Why a superclass: the public name of the builder stays {@code DiscoveryEngine.Builder}, which
 * must be declared inside {@code DiscoveryEngine.java}, while its twenty-odd setters live here so
 * that the engine's file stays a short facade. The class is package-private and sealed to that one
 * subclass, so it is no API of its own: javadoc shows its methods as the builder's, and each
 * returns the {@code DiscoveryEngine.Builder} it was called on. Not thread-safe.
 */
abstract sealed class EngineBuilder extends SubsystemBuilder permits DiscoveryEngine.Builder {
  private Storage storage;
  private final List<SignalSource> sources = new ArrayList<>();
  private Scorer scorer;
  private Clock clock = Clock.systemUTC();
  private ExecutorService executor;
  private int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  private final List<AlertSink> alertSinks = new ArrayList<>();
  private final List<OpportunitySink> opportunitySinks = new ArrayList<>();
  private final List<OutcomeListener> outcomeListeners = new ArrayList<>();
  private Supplier<String> ids = () -> UUID.randomUUID().toString();
  private TemporalPolicy temporalPolicy = TemporalPolicy.defaults();
  private Duration backfillWindow = Duration.ofDays(90);
  private int fetchLimit = 500;
  private int maxRecordsPerQuery = 50_000;
  private LifecyclePolicy lifecycle = LifecyclePolicy.defaults();
  private Duration sharedCacheTtl = Duration.ofHours(24);
  private final Map<String, SourceBudget> budgets = new HashMap<>();
  private Enricher enricher;
  private final Map<String, List<PushRule>> pushRules = new HashMap<>();
  private int maxDeliveryAttempts = 8;
  private CredentialStore credentials = CredentialStore.none();
  private WarmStarter warmStarter;
  private boolean collectTracking;
  private Duration trackingRetention = Duration.ofDays(180);
  private Duration closeTimeout = Duration.ofSeconds(30);

  EngineBuilder() {}

  /** Where everything is kept. Required: {@code InMemoryStorage.create()} to try things out. */
  public DiscoveryEngine.Builder storage(Storage storage) {
    this.storage = Objects.requireNonNull(storage, "storage");
    return self();
  }

  /** Adds a source; ids must be unique. */
  public DiscoveryEngine.Builder addSource(SignalSource source) {
    Objects.requireNonNull(source, "source");
    String id = source.id();
    if (id == null || id.isBlank()) {
      throw new ValidationException("source id must not be blank: " + source.getClass().getName());
    }
    for (SignalSource s : sources) {
      if (s.id().equals(id)) {
        throw new ValidationException("a source with id '" + id + "' is already registered");
      }
    }
    sources.add(source);
    return self();
  }

  /** How opportunities are scored. Required: {@code Scoring.defaults()} from discovery-scoring. */
  public DiscoveryEngine.Builder scorer(Scorer scorer) {
    this.scorer = Objects.requireNonNull(scorer, "scorer");
    return self();
  }

  /** The only source of time. Default {@link Clock#systemUTC()}. */
  public DiscoveryEngine.Builder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /**
   * Runs fetches on the host's executor instead of the engine's own daemon threads. The engine
   * never shuts it down.
   */
  public DiscoveryEngine.Builder executor(ExecutorService executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    return self();
  }

  /** Size of the engine's own pool when no executor is given. Default min(4, processors). */
  public DiscoveryEngine.Builder threads(int threads) {
    if (threads < 1) {
      throw new ValidationException("threads must be positive, was " + threads);
    }
    this.threads = threads;
    return self();
  }

  /** Adds a sink that alerts are delivered to, through the outbox; ids must be unique. */
  public DiscoveryEngine.Builder addAlertSink(AlertSink sink) {
    alertSinks.add(Objects.requireNonNull(sink, "sink"));
    return self();
  }

  /**
   * Adds a sink that opportunities are pushed to ({@link DiscoveryEngine.Builder#pushWhen}, {@link
   * DiscoveryEngine#push}), through the outbox; ids must be unique.
   */
  public DiscoveryEngine.Builder addOpportunitySink(OpportunitySink sink) {
    opportunitySinks.add(Objects.requireNonNull(sink, "sink"));
    return self();
  }

  /**
   * Adds a listener called on every feedback, inside its transaction: a listener that throws rolls
   * the feedback back. See {@link OutcomeListener}.
   */
  public DiscoveryEngine.Builder addOutcomeListener(OutcomeListener listener) {
    outcomeListeners.add(Objects.requireNonNull(listener, "listener"));
    return self();
  }

  /**
   * Gives every newly inserted profile the opportunities of similar profiles of its tenant, so that
   * it has a feed before its first run; for example {@code WarmStart.defaults()} of {@code
   * discovery-scoring}. Default none. See {@link DiscoveryEngine#warmStart}.
   */
  public DiscoveryEngine.Builder warmStarter(WarmStarter warmStarter) {
    this.warmStarter = Objects.requireNonNull(warmStarter, "warmStarter");
    return self();
  }

  /**
   * Records which accounts and signals each profile tracks, for anonymous "others are tracking
   * this" figures across tenants ({@code CollectiveIntelligence} of {@code discovery-scoring}).
   * Default off. This is the one place where tenants' data meet in storage: turn it on only if your
   * terms allow it, and show what is read back only through {@code CollectiveIntelligence}, which
   * hides every figure fewer than k tenants contribute to. What is recorded: the accounts on a
   * profile's watchlist when it is saved and at each of its discovery runs (at most one row per
   * profile, account and day), and the signal and account of an opportunity saved, actioned, won or
   * lost, in the feedback's transaction. Rows older than {@link
   * DiscoveryEngine.Builder#trackingRetention} are deleted by {@link DiscoveryEngine#runDue()} once
   * a day; deleting a profile deletes its rows.
   */
  public DiscoveryEngine.Builder collectTracking(boolean collect) {
    this.collectTracking = collect;
    return self();
  }

  /**
   * How long tracking observations are kept when {@link DiscoveryEngine.Builder#collectTracking} is
   * on. Default 180 days; at least one day.
   */
  public DiscoveryEngine.Builder trackingRetention(Duration retention) {
    Objects.requireNonNull(retention, "retention");
    if (retention.compareTo(Duration.ofDays(1)) < 0) {
      throw new ValidationException("trackingRetention must be at least 1 day, was " + retention);
    }
    this.trackingRetention = retention;
    return self();
  }

  /**
   * How long {@link DiscoveryEngine#close()} waits for runs in progress to end before it interrupts
   * them. Default 30 seconds; zero closes at once.
   *
   * @throws ValidationException if negative
   */
  public DiscoveryEngine.Builder closeTimeout(Duration timeout) {
    this.closeTimeout = Require.notNegative("closeTimeout", timeout);
    return self();
  }

  /** Generator of opportunity and run ids. Default random UUIDs. */
  public DiscoveryEngine.Builder idGenerator(Supplier<String> ids) {
    this.ids = Objects.requireNonNull(ids, "ids");
    return self();
  }

  /** When to reach out, and how urgent an event is. Default {@link TemporalPolicy#defaults()}. */
  public DiscoveryEngine.Builder temporalPolicy(TemporalPolicy policy) {
    this.temporalPolicy = Objects.requireNonNull(policy, "policy");
    return self();
  }

  /**
   * How far back stored signals are matched against a profile that is new or changed. Default 90
   * days.
   */
  public DiscoveryEngine.Builder backfillWindow(Duration window) {
    Objects.requireNonNull(window, "window");
    Require.notNegative("backfillWindow", window);
    this.backfillWindow = window;
    return self();
  }

  /**
   * How long answers of public sources ({@link
   * io.github.discoverysdk.spi.SourceCapabilities#sharedAcrossTenants()}) are shared through the
   * storage's query cache with other profiles and tenants. Default 24 hours.
   */
  public DiscoveryEngine.Builder sharedCacheTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    Require.positive("sharedCacheTtl", ttl);
    this.sharedCacheTtl = ttl;
    return self();
  }

  /**
   * Enriches the companies of new and changed opportunities (an {@code EnrichmentWaterfall} of
   * several services from discovery-connectors, for example); what it finds is stored as {@link
   * io.github.discoverysdk.model.Opportunity#companyAttributes()}. A missing key or a failure is
   * reported in the run report, never fails the run. Default none.
   */
  public DiscoveryEngine.Builder enricher(Enricher enricher) {
    this.enricher = Objects.requireNonNull(enricher, "enricher");
    return self();
  }

  /**
   * Pushes every new or changed opportunity that {@code rule} accepts to the opportunity sink
   * {@code sinkId} (registered with {@link DiscoveryEngine.Builder#addOpportunitySink}), through
   * the outbox. An opportunity under review (PENDING_REVIEW, APPROVED, REJECTED) is not pushed: it
   * reaches a CRM when its card is activated.
   */
  public DiscoveryEngine.Builder pushWhen(String sinkId, PushRule rule) {
    Objects.requireNonNull(sinkId, "sinkId");
    pushRules
        .computeIfAbsent(sinkId, k -> new ArrayList<>())
        .add(Objects.requireNonNull(rule, "rule"));
    return self();
  }

  /** Attempts of a delivery before its outbox entry is DEAD. Default 8 (about 2 hours). */
  public DiscoveryEngine.Builder maxDeliveryAttempts(int attempts) {
    if (attempts < 1) {
      throw new ValidationException("maxDeliveryAttempts must be positive, was " + attempts);
    }
    this.maxDeliveryAttempts = attempts;
    return self();
  }

  /** Per-tenant API keys for enrichers and sources. Default {@link CredentialStore#none()}. */
  public DiscoveryEngine.Builder credentials(CredentialStore credentials) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    return self();
  }

  /** A daily budget per tenant for one source; see {@link SourceBudget}. */
  public DiscoveryEngine.Builder budget(String sourceId, SourceBudget budget) {
    Objects.requireNonNull(sourceId, "sourceId");
    budgets.put(sourceId, Objects.requireNonNull(budget, "budget"));
    return self();
  }

  /** Archiving, tracking and refresh limits. Default {@link LifecyclePolicy#defaults()}. */
  public DiscoveryEngine.Builder lifecyclePolicy(LifecyclePolicy policy) {
    this.lifecycle = Objects.requireNonNull(policy, "policy");
    return self();
  }

  /** Records asked of a source per fetch. Default 500. */
  public DiscoveryEngine.Builder fetchLimit(int limit) {
    if (limit < 1) {
      throw new ValidationException("fetchLimit must be positive, was " + limit);
    }
    this.fetchLimit = limit;
    return self();
  }

  /**
   * The most records one query fetches in one run: while a source reports more records ({@link
   * io.github.discoverysdk.spi.SourceResult#more()}), the run fetches the next page, committing
   * each page with its watermark, until a page reports no more or this many records were fetched;
   * the next run continues from there. Must be at least {@link DiscoveryEngine.Builder#fetchLimit}.
   * Default 50,000.
   */
  public DiscoveryEngine.Builder maxRecordsPerQuery(int records) {
    if (records < 1) {
      throw new ValidationException("maxRecordsPerQuery must be positive, was " + records);
    }
    this.maxRecordsPerQuery = records;
    return self();
  }

  /**
   * The settings as set so far, checked across each other.
   *
   * @throws ValidationException if storage or scorer is missing, or settings contradict each other
   */
  final EngineSettings settings() {
    return new EngineSettings(
        storage,
        sources,
        scorer,
        clock,
        Optional.ofNullable(executor),
        threads,
        alertSinks,
        opportunitySinks,
        outcomeListeners,
        ids,
        temporalPolicy,
        backfillWindow,
        fetchLimit,
        maxRecordsPerQuery,
        lifecycle,
        sharedCacheTtl,
        budgets,
        Optional.ofNullable(enricher),
        pushRules,
        maxDeliveryAttempts,
        credentials,
        Optional.ofNullable(warmStarter),
        collectTracking,
        trackingRetention,
        closeTimeout,
        accessPolicy(),
        systemCalls(),
        review(),
        auditViews(),
        recordJobs(),
        runListeners(),
        processors(),
        drafts(),
        searchIndex(),
        sessionCatalogue(),
        closedDeals(),
        sessionSettings(),
        reconcileSettings());
  }

  // Safe: the class is sealed to DiscoveryEngine.Builder.
  private DiscoveryEngine.Builder self() {
    return (DiscoveryEngine.Builder) this;
  }
}
