package io.github.discoverysdk.run;

import io.github.discoverysdk.SourceException;
import io.github.discoverysdk.matching.ProfileIndex;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunProgress;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.spi.RunListener;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.Storage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What every stage of one run shares: the engine's settings, the tenant, the run's id and start,
 * the profiles in scope and the index of all enabled profiles, and the run's errors. The errors
 * list and the warn-once set are thread-safe (fetches run concurrently); the profiles are set once,
 * before any stage runs.
 */
final class RunContext {
  /** The engine's logger name, so that a host's log configuration keeps working. */
  static final Logger log = LoggerFactory.getLogger("io.github.discoverysdk.DiscoveryEngine");

  final RunPipeline.Config config;
  final String tenant;
  final List<Profile> scope;
  final String runId;
  final Instant startedAt;

  /** Time spent processing, matching, scoring and storing, summed over the run's threads. */
  final StageTimes times = new StageTimes();

  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final Set<String> warnedOnce = ConcurrentHashMap.newKeySet();
  private volatile Map<ProfileId, Profile> profilesById = Map.of();
  private volatile ProfileIndex index;
  private volatile Optional<Function<Opportunity, Score>> adjustment = Optional.empty();

  RunContext(RunPipeline.Config config, String tenant, List<Profile> scope) {
    this.config = config;
    this.tenant = tenant;
    this.scope = List.copyOf(scope);
    this.runId = config.ids().get();
    this.startedAt = config.clock().instant();
  }

  /**
   * Tells the run listeners where the run stands; a listener that throws is logged once and
   * ignored. Called from any of the run's threads.
   */
  void progress(RunProgress.Stage stage, int done, int total, Optional<String> source) {
    if (config.runListeners().isEmpty()) {
      return;
    }
    RunProgress p = new RunProgress(runId, tenant, stage, done, total, source, now());
    for (RunListener listener : config.runListeners()) {
      try {
        listener.onProgress(p);
      } catch (RuntimeException e) {
        if (firstTime("progress listener failed")) {
          log.warn("run {}: a run listener failed on progress: {}", runId, e.toString());
        }
      }
    }
  }

  /**
   * Tells the run listeners what a committed transaction wrote; a listener that throws is logged
   * once and ignored. Called from any of the run's threads, after the commit.
   */
  void committed(List<Opportunity> written) {
    if (written.isEmpty()) {
      return;
    }
    for (RunListener listener : config.runListeners()) {
      try {
        listener.onCommitted(tenant, written);
      } catch (RuntimeException e) {
        if (firstTime("commit listener failed")) {
          log.warn("run {}: a run listener failed on a commit: {}", runId, e.toString());
        }
      }
    }
  }

  Storage storage() {
    return config.storage();
  }

  Instant now() {
    return config.clock().instant();
  }

  /** Loads the tenant's enabled profiles and brings the engine's index of them up to date. */
  void loadProfiles() {
    Map<ProfileId, Profile> all = new LinkedHashMap<>();
    for (Profile p : storage().profiles().list(tenant)) {
      if (p.enabled()) {
        all.put(p.id(), p);
      }
    }
    profilesById = all;
    index = config.indexes().reconcile(tenant, all.values());
    loadAdjustment();
  }

  /** Reads the tenant's score adjustment (its ICP) once for the run; without it, none. */
  private void loadAdjustment() {
    try {
      adjustment = config.output().adjuster().forRun(tenant);
    } catch (RuntimeException e) {
      // Scores stay the scorer's for this run, as they would without an ICP; the chain and the
      // next run apply the fit.
      error("reading the tenant's ICP failed; scores are the scorer's", e);
    }
  }

  /**
   * The opportunity with the score the run stores: the scorer's, adjusted for the tenant (the ICP
   * fit) when it has an adjustment; the opportunity itself when nothing changes.
   */
  Opportunity adjusted(Opportunity o) {
    Optional<Function<Opportunity, Score>> a = adjustment;
    if (a.isEmpty()) {
      return o;
    }
    Score score = a.get().apply(o);
    return score.equals(o.score()) ? o : Opportunity.builder().from(o).score(score).build();
  }

  /** An enabled profile of the tenant, or null. */
  Profile profile(ProfileId id) {
    return profilesById.get(id);
  }

  /** The index of every enabled profile of the tenant; null before {@link #loadProfiles()}. */
  ProfileIndex index() {
    return index;
  }

  /** Puts the run's id and tenant (and a source, when given) in the MDC of this thread. */
  MdcScope mdc(String sourceId) {
    MDC.put("discovery.run", runId);
    MDC.put("discovery.tenant", tenant);
    if (sourceId != null) {
      MDC.put("discovery.source", sourceId);
    }
    return () -> {
      MDC.remove("discovery.run");
      MDC.remove("discovery.tenant");
      if (sourceId != null) {
        MDC.remove("discovery.source");
      }
    };
  }

  /** Closes an MDC scope without a checked exception. */
  interface MdcScope extends AutoCloseable {
    @Override
    void close();
  }

  List<String> errors() {
    return errors;
  }

  boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** Records an error of the run and warns about it (outside hot loops only). */
  void error(String message, RuntimeException e) {
    errors.add(message + ": " + e.getMessage());
    log.warn("run {}: {}: {}", runId, message, e.toString());
  }

  /** Records an error in the report without logging (the caller logged, or will once). */
  void addError(String message) {
    errors.add(message);
  }

  /** Whether this is the first time this run meets {@code what}: warn then, debug after. */
  boolean firstTime(String what) {
    return warnedOnce.add(what);
  }

  /** A source failed at something: reported, warned once per source per run, then debug. */
  void sourceFailed(SignalSource source, String what, Exception cause) {
    SourceException e = new SourceException(source.id(), what + ": " + cause.getMessage(), cause);
    errors.add(e.getMessage());
    if (firstTime("fail:" + source.id())) {
      log.warn(
          "run {}: {} (further failures of this source this run at debug)", runId, e.getMessage());
    } else {
      log.debug("run {}: {}", runId, e.getMessage(), e);
    }
  }
}
