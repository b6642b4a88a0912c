package io.github.discoverysdk.records;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.schedule.CronExpression;
import io.github.discoverysdk.support.Require;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A named incremental job over a system of record, run by the engine's scheduling at its cron times
 * ({@code DiscoveryEngine.Builder.addRecordJob}). Three kinds:
 *
 * <ul>
 *   <li>{@link #tracking}: reads the rows changed since its watermark, updates each record's state,
 *       records the conversions of its {@link TransitionRule}s and keeps queues current;
 *   <li>{@link #newRecords}: reads rows since its watermark (typically on a {@code created_at}
 *       column) and adds the records not yet tracked, with score 0 and their queue; records already
 *       tracked are skipped;
 *   <li>{@link #aging}: walks every record of its type in key order, a batch per transaction,
 *       resuming after the last committed batch if a run stopped; recomputes the record's {@link
 *       DerivedField}s and moves the records whose queue the new values change (reason {@code
 *       "derived fields changed"}), then takes records out of their queue once they have been in it
 *       longer than {@link Builder#maxQueueAge} (reason {@code "aged out"}).
 * </ul>
 *
 * <p>Every kind computes the job's {@link DerivedField}s when it writes a record, so that a
 * record's state is the same whichever job wrote it last. A record is moved by the aging job only
 * when the rules give its new state another queue than its old state: a record aged out of a queue
 * stays out until its state (or a derived field) crosses into another queue.
 *
 * <p>Immutable and thread-safe; build it with the builder, whose setters validate at once and name
 * the setting.
 *
 * <pre>{@code
 * RecordJob.tracking("acme", "unsigned-conversions", users)
 *     .cron("30 * * * *")
 *     .addTransition(new TransitionRule("signed", States.isNot("status", "signed"),
 *         States.is("status", "signed"), "signed", 1.0))
 *     .addQueue(new QueueRule("unsigned_users", States.is("status", "unsigned")))
 *     .build();
 * }</pre>
 */
public final class RecordJob {
  /** What a job does with the rows it reads. */
  public enum Kind {
    /** Tracks state changes, conversions and queues. */
    TRACKING,
    /** Adds records not yet tracked; skips the others. */
    NEW_RECORDS,
    /**
     * Recomputes derived fields, re-applies the queue rules and drops queue entries past an age;
     * reads no source.
     */
    AGING
  }

  private final String tenant;
  private final String name;
  private final Kind kind;
  private final Optional<RecordSource> source;
  private final String type;
  private final String cronText;
  private final CronExpression cron;
  private final ZoneId zone;
  private final int batchSize;
  private final int maxPerRun;
  private final Duration safetyWindow;
  private final Duration lease;
  private final Duration timeout;
  private final Duration maxQueueAge;
  private final List<TransitionRule> transitions;
  private final List<QueueRule> queues;
  private final List<DerivedField> derived;

  private RecordJob(Builder b) {
    this.tenant = b.tenant;
    this.name = b.name;
    this.kind = b.kind;
    this.source = Optional.ofNullable(b.source);
    this.type = b.type;
    this.cronText = b.cronText;
    this.cron = b.cron;
    this.zone = b.zone;
    this.batchSize = b.batchSize;
    this.maxPerRun = b.maxPerRun;
    this.safetyWindow = b.safetyWindow;
    this.lease = b.lease;
    this.timeout = b.timeout;
    this.maxQueueAge = b.maxQueueAge;
    this.transitions = List.copyOf(b.transitions);
    this.queues = List.copyOf(b.queues);
    this.derived = List.copyOf(b.derived);
  }

  /** A job that tracks state changes of {@code source}'s rows. */
  public static Builder tracking(String tenant, String name, RecordSource source) {
    return new Builder(tenant, name, Kind.TRACKING, Objects.requireNonNull(source, "source"));
  }

  /** A job that adds the rows of {@code source} not tracked yet. */
  public static Builder newRecords(String tenant, String name, RecordSource source) {
    return new Builder(tenant, name, Kind.NEW_RECORDS, Objects.requireNonNull(source, "source"));
  }

  /**
   * A job that recomputes the derived fields of the records of {@code type}, re-applies its queue
   * rules to them and drops the queue entries past an age.
   */
  public static Builder aging(String tenant, String name, String type) {
    Builder b = new Builder(tenant, name, Kind.AGING, null);
    b.type = RecordChecks.name("job " + name + ": type", type);
    return b;
  }

  public String tenant() {
    return tenant;
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** The source it reads; empty for an aging job. */
  public Optional<RecordSource> source() {
    return source;
  }

  /** The type of the records it tracks; by default the source's id. */
  public String type() {
    return type;
  }

  /** Its cron expression, as given. */
  public String cron() {
    return cronText;
  }

  CronExpression cronExpression() {
    return cron;
  }

  /** The zone its cron is read in; UTC by default. */
  public ZoneId zone() {
    return zone;
  }

  /** Rows per page and per transaction; 100 by default. */
  public int batchSize() {
    return batchSize;
  }

  /**
   * The most rows one run reads; the rest wait for the next run. 10,000 by default. An aging job
   * walks all its records, bounded by its {@link #timeout()} only.
   */
  public int maxPerRun() {
    return maxPerRun;
  }

  /**
   * How far before its watermark each run starts reading again, so that a row committed late with
   * an older timestamp (replica lag, a long transaction) is still seen; 5 minutes by default.
   */
  public Duration safetyWindow() {
    return safetyWindow;
  }

  /** How long a run holds the job's lease, so that one engine of several runs it; 10 minutes. */
  public Duration lease() {
    return lease;
  }

  /** After this, by the engine's clock, a run stops after its current page; 30 s by default. */
  public Duration timeout() {
    return timeout;
  }

  /** How long an aging job leaves a record in a queue; 30 days by default. */
  public Duration maxQueueAge() {
    return maxQueueAge;
  }

  public List<TransitionRule> transitions() {
    return transitions;
  }

  public List<QueueRule> queues() {
    return queues;
  }

  /** The time-based fields it computes into each record's state, in declaration order. */
  public List<DerivedField> derived() {
    return derived;
  }

  @Override
  public String toString() {
    return "RecordJob[" + tenant + "/" + name + ", " + kind + ", " + cronText + "]";
  }

  /** Builds a {@link RecordJob}. Not thread-safe. */
  public static final class Builder {
    private final String tenant;
    private final String name;
    private final Kind kind;
    private final RecordSource source;
    private String type;
    private String cronText = "0 * * * *";
    private CronExpression cron = CronExpression.parse(cronText);
    private ZoneId zone = ZoneOffset.UTC;
    private int batchSize = 100;
    private int maxPerRun = 10_000;
    private Duration safetyWindow = Duration.ofMinutes(5);
    private Duration lease = Duration.ofMinutes(10);
    private Duration timeout = Duration.ofSeconds(30);
    private Duration maxQueueAge = Duration.ofDays(30);
    private final List<TransitionRule> transitions = new ArrayList<>();
    private final List<QueueRule> queues = new ArrayList<>();
    private final List<DerivedField> derived = new ArrayList<>();

    private Builder(String tenant, String name, Kind kind, RecordSource source) {
      this.tenant = RecordChecks.tenant(tenant);
      this.name = RecordChecks.name("job name", name);
      this.kind = kind;
      this.source = source;
      if (source != null) {
        this.type = RecordChecks.name("job " + name + ": type (the source id)", source.id());
      }
    }

    /** The record type, when several sources feed one type; default the source's id. */
    public Builder type(String type) {
      this.type = RecordChecks.name("job " + name + ": type", type);
      return this;
    }

    /**
     * When it runs: a five-field cron expression ({@code "15 * * * *"}: hourly at :15).
     *
     * @throws ValidationException naming the job and {@code cron} if it is invalid
     */
    public Builder cron(String expression) {
      Objects.requireNonNull(expression, "cron");
      try {
        this.cron = CronExpression.parse(expression);
      } catch (ValidationException e) {
        throw new ValidationException("job " + name + ": cron: " + e.getMessage(), e);
      }
      this.cronText = expression;
      return this;
    }

    /** The zone its cron is read in. */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    public Builder batchSize(int batchSize) {
      if (batchSize < 1 || batchSize > RecordStore.MAX_KEYS) {
        throw new ValidationException(
            "job "
                + name
                + ": batchSize must be 1 to "
                + RecordStore.MAX_KEYS
                + ", was "
                + batchSize);
      }
      this.batchSize = batchSize;
      return this;
    }

    public Builder maxPerRun(int maxPerRun) {
      if (maxPerRun < 1) {
        throw new ValidationException(
            "job " + name + ": maxPerRun must be positive, was " + maxPerRun);
      }
      this.maxPerRun = maxPerRun;
      return this;
    }

    public Builder safetyWindow(Duration window) {
      this.safetyWindow = Require.notNegative("job " + name + ": safetyWindow", window);
      return this;
    }

    public Builder lease(Duration lease) {
      this.lease = Require.positive("job " + name + ": lease", lease);
      return this;
    }

    public Builder timeout(Duration timeout) {
      this.timeout = Require.positive("job " + name + ": timeout", timeout);
      return this;
    }

    public Builder maxQueueAge(Duration age) {
      this.maxQueueAge = Require.positive("job " + name + ": maxQueueAge", age);
      return this;
    }

    public Builder addTransition(TransitionRule rule) {
      transitions.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    public Builder addQueue(QueueRule rule) {
      queues.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * Adds a time-based field, stored in each record's state under {@code name}: {@code
     * derive("hours_unsigned", (r, now) -> ...)}.
     */
    public Builder derive(String fieldName, DerivedField.Formula formula) {
      return addDerived(new DerivedField(fieldName, formula));
    }

    /** Adds a time-based field; see {@link DerivedField}. */
    public Builder addDerived(DerivedField field) {
      Objects.requireNonNull(field, "field");
      for (DerivedField d : derived) {
        if (d.name().equals(field.name())) {
          throw new ValidationException(
              "job " + name + ": derived: two fields are named " + field.name());
        }
      }
      derived.add(field);
      return this;
    }

    /**
     * @throws ValidationException if two transition rules share a name, or an aging job has neither
     *     a queue rule to name its queues nor a derived field
     */
    public RecordJob build() {
      Set<String> names = new HashSet<>();
      for (TransitionRule r : transitions) {
        if (!names.add(r.name())) {
          throw new ValidationException(
              "job " + name + ": transitions: two rules are named " + r.name());
        }
      }
      if (kind == Kind.AGING && queues.isEmpty() && derived.isEmpty()) {
        throw new ValidationException(
            "job "
                + name
                + ": queues: an aging job needs the queue rules whose queues it ages, or derived"
                + " fields to recompute");
      }
      if (kind != Kind.TRACKING && !transitions.isEmpty()) {
        throw new ValidationException(
            "job " + name + ": transitions: only a tracking job records transitions");
      }
      return new RecordJob(this);
    }
  }
}
