package io.github.discoverysdk.recordjobs;

import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.internal.Gate;
import io.github.discoverysdk.model.RecordJobHealth;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.records.Conversion;
import io.github.discoverysdk.records.JobState;
import io.github.discoverysdk.records.QueueChange;
import io.github.discoverysdk.records.QueueQuery;
import io.github.discoverysdk.records.RecordJob;
import io.github.discoverysdk.records.TrackedRecord;
import io.github.discoverysdk.schedule.CronExpression;
import io.github.discoverysdk.spi.OutcomeListener;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * System-of-record tracking, reached as {@code engine.records()}: the record jobs registered with
 * {@code DiscoveryEngine.Builder.addRecordJob}, run by the engine's scheduling ({@code runDue()},
 * so by a {@code DiscoveryScheduler}) at their cron times or here on demand; their health; the
 * queues they keep; the conversions they found. Every method that reads or changes a tenant's data
 * takes that tenant first. Thread-safe: the state lives in storage, and a lease per job and window
 * makes each window run once across every engine sharing the store.
 */
public final class Records {
  /** The recent-activity filter of {@link #queue} when the query sets none: 48 hours. */
  public static final Duration DEFAULT_ACTIVITY_WINDOW = Duration.ofHours(48);

  private final Storage storage;
  private final Clock clock;
  private final Map<String, Map<String, RecordJob>> jobs = new LinkedHashMap<>();
  private final JobRunner runner;
  private final String owner;
  private final Gate gate;

  /**
   * @param jobs the registered jobs; names must be unique per tenant
   * @param listeners hear each conversion in its transaction
   * @param owner this engine's id, the owner of the leases it takes
   * @param gate the engine's gate: {@link #run} and {@link #backfill} go through it, so that
   *     closing the engine waits for them, and {@link #runDue()} starts no further job once it is
   *     closed
   */
  public Records(
      Storage storage,
      Clock clock,
      List<RecordJob> jobs,
      List<OutcomeListener> listeners,
      String owner,
      Gate gate) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.clock = Objects.requireNonNull(clock, "clock");
    for (RecordJob j : jobs) {
      Map<String, RecordJob> ofTenant =
          this.jobs.computeIfAbsent(j.tenant(), t -> new LinkedHashMap<>());
      if (ofTenant.putIfAbsent(j.name(), j) != null) {
        throw new ValidationException(
            "record job " + j.name() + " of tenant " + j.tenant() + " is registered twice");
      }
    }
    this.runner = new JobRunner(storage, clock, listeners);
    this.owner = Objects.requireNonNull(owner, "owner");
    this.gate = Objects.requireNonNull(gate, "gate");
  }

  /** The tenant's registered jobs, in the order they were added. */
  public List<RecordJob> jobs(String tenant) {
    Tenants.check("tenant", tenant);
    return List.copyOf(jobs.getOrDefault(tenant, Map.of()).values());
  }

  private RecordJob job(String tenant, String name) {
    Tenants.check("tenant", tenant);
    Objects.requireNonNull(name, "job");
    RecordJob job = jobs.getOrDefault(tenant, Map.of()).get(name);
    if (job == null) {
      throw new NotFoundException("tenant " + tenant + " has no record job " + name);
    }
    return job;
  }

  /**
   * Runs a job now, whatever its cron says: from its watermark, at most {@link
   * RecordJob#maxPerRun()} rows. Returns its health after the run, or its last health when another
   * engine holds its lease.
   *
   * @throws NotFoundException if the tenant has no such job
   * @throws IllegalStateException if the engine is closed
   * @throws io.github.discoverysdk.DiscoveryException typed, after recording it in the job's
   *     health, if the run fails: {@code ValidationException} naming the setting for a declared
   *     column that is missing, {@code SourceException} naming the source for a failing read
   */
  public RecordJobHealth run(String tenant, String name) {
    return runLeased(job(tenant, name), JobRunner.Mode.INCREMENTAL, 0, "records:" + name);
  }

  /**
   * Walks the job's whole table from its backfill watermark, in batches, until the end or {@link
   * RecordJob#timeout()}; call it again to resume. Records seen for the first time are added with
   * score 0; a record whose state changed is tracked as a run would, and a conversion already
   * recorded is never recorded again. When the backfill reaches the end, a job that never ran
   * incrementally starts from there.
   */
  public RecordJobHealth backfill(String tenant, String name) {
    RecordJob job = job(tenant, name);
    if (job.kind() == RecordJob.Kind.AGING) {
      throw new ValidationException("record job " + name + " is an aging job: it has no backfill");
    }
    return runLeased(job, JobRunner.Mode.BACKFILL, 0, "records:" + name);
  }

  private RecordJobHealth runLeased(RecordJob job, JobRunner.Mode mode, long window, String lease) {
    return gate.through(
        () -> {
          Instant now = clock.instant();
          if (!storage
              .sourceState()
              .tryLease(job.tenant(), lease, owner, now, now.plus(job.lease()))) {
            return health(job);
          }
          return runner.run(job, mode, window);
        });
  }

  /**
   * Runs every job of every tenant whose cron window opened since it last ran, once per window
   * across the engines sharing the store; a job missed during downtime runs once, not once per
   * missed window. A failing job is recorded in its health and does not stop the others. Called by
   * the engine's {@code runDue()}.
   *
   * @return the health of the jobs that ran
   */
  public List<RecordJobHealth> runDue() {
    List<RecordJobHealth> ran = new ArrayList<>();
    for (Map<String, RecordJob> ofTenant : jobs.values()) {
      for (RecordJob job : ofTenant.values()) {
        if (gate.isClosed()) {
          return List.copyOf(ran);
        }
        dueRun(job).ifPresent(ran::add);
      }
    }
    return List.copyOf(ran);
  }

  private Optional<RecordJobHealth> dueRun(RecordJob job) {
    Instant now = clock.instant();
    CronExpression cron = CronExpression.parse(job.cron());
    Optional<Instant> opened = cron.previous(now, job.zone());
    if (opened.isEmpty()) {
      return Optional.empty();
    }
    long window = opened.get().getEpochSecond();
    long last =
        storage.records().findJob(job.tenant(), job.name()).map(JobState::lastWindow).orElse(0L);
    if (last >= window) {
      return Optional.empty();
    }
    Instant until = cron.next(now, job.zone()).orElse(now.plus(job.lease()));
    String lease = "records:" + job.name() + ":" + window;
    if (!storage.sourceState().tryLease(job.tenant(), lease, owner, now, until)) {
      return Optional.empty();
    }
    try {
      return Optional.of(runner.run(job, JobRunner.Mode.INCREMENTAL, window));
    } catch (RuntimeException e) {
      // Recorded in the job's health and logged by the runner; the other jobs go on.
      return Optional.of(health(job));
    }
  }

  /** The health of each of the tenant's jobs, in the order they were added: the dashboard. */
  public List<RecordJobHealth> health(String tenant) {
    return jobs(tenant).stream().map(this::health).toList();
  }

  private RecordJobHealth health(RecordJob job) {
    return storage
        .records()
        .findJob(job.tenant(), job.name())
        .map(JobState::health)
        .orElse(RecordJobHealth.never(job.name()));
  }

  /**
   * A page of a queue in key order; continue with {@code query.after(lastKey)}. Without {@link
   * QueueQuery#activeSince()} only records active in the last {@link #DEFAULT_ACTIVITY_WINDOW} are
   * listed (active: their activity column, or else their last change); pass {@code
   * activeSince(Instant.EPOCH)} for all.
   */
  public List<TrackedRecord> queue(String tenant, QueueQuery query) {
    Tenants.check("tenant", tenant);
    Objects.requireNonNull(query, "query");
    QueueQuery q =
        query.activeSince().isPresent()
            ? query
            : query.activeSince(clock.instant().minus(DEFAULT_ACTIVITY_WINDOW));
    return storage.records().listQueue(tenant, q);
  }

  /** The tenant's conversions after {@code afterSequence} (0 for the first), oldest first. */
  public List<Conversion> conversions(String tenant, long afterSequence, int limit) {
    Tenants.check("tenant", tenant);
    if (limit < 1) {
      throw new ValidationException("limit must be positive, was " + limit);
    }
    return storage.records().listConversions(tenant, afterSequence, limit);
  }

  /** The queue changes of one record, oldest first: where it went and why. */
  public List<QueueChange> queueChanges(String tenant, String type, String key, int limit) {
    Tenants.check("tenant", tenant);
    if (limit < 1) {
      throw new ValidationException("limit must be positive, was " + limit);
    }
    return storage.records().listQueueChanges(tenant, type, key, limit);
  }
}
