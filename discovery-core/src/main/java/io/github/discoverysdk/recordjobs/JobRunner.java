package io.github.discoverysdk.recordjobs;

import io.github.discoverysdk.DiscoveryException;
import io.github.discoverysdk.SourceException;
import io.github.discoverysdk.model.RecordJobHealth;
import io.github.discoverysdk.records.Conversion;
import io.github.discoverysdk.records.JobState;
import io.github.discoverysdk.records.RecordCursor;
import io.github.discoverysdk.records.RecordJob;
import io.github.discoverysdk.records.RecordRead;
import io.github.discoverysdk.records.RecordSource;
import io.github.discoverysdk.records.SourceRow;
import io.github.discoverysdk.records.TrackedRecord;
import io.github.discoverysdk.records.Tracker;
import io.github.discoverysdk.spi.OutcomeListener;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one record job once: page after page, each page in one transaction with the records' new
 * state, the conversions, the queue changes, the listeners' writes and the job's watermark, so that
 * a crash at any point resumes from the last committed page and detects nothing twice. Thread-safe:
 * it keeps no state; the job's lease keeps two runs of one job apart.
 */
final class JobRunner {
  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  /** Whether a run follows the job's watermark or walks its table from the start. */
  enum Mode {
    INCREMENTAL,
    BACKFILL
  }

  private final Storage storage;
  private final Clock clock;
  private final List<OutcomeListener> listeners;

  JobRunner(Storage storage, Clock clock, List<OutcomeListener> listeners) {
    this.storage = storage;
    this.clock = clock;
    this.listeners = List.copyOf(listeners);
  }

  /** What a run counted. */
  private static final class Counts {
    long examined;
    long added;
    long conversions;
    long queueChanges;
    long rejected;
    boolean reachedEnd;
    String next;
  }

  /**
   * Runs the job; returns its health after the run. A failure is recorded in the health and
   * rethrown, typed: {@link DiscoveryException} as it is, anything else as {@link SourceException}
   * naming the source.
   */
  RecordJobHealth run(RecordJob job, Mode mode, long window) {
    Instant started = clock.instant();
    Counts counts = new Counts();
    try {
      if (job.kind() == RecordJob.Kind.AGING) {
        age(job, started, counts);
      } else {
        read(job, mode, started, counts);
      }
    } catch (RuntimeException | Error e) {
      RuntimeException typed = typed(job, e);
      recordHealth(job, started, counts, mode, window, typed);
      throw typed;
    }
    return recordHealth(job, started, counts, mode, window, null);
  }

  private RuntimeException typed(RecordJob job, Throwable e) {
    if (e instanceof DiscoveryException d) {
      return d;
    }
    if (e instanceof Error err) {
      throw err;
    }
    return new SourceException(
        job.source().map(RecordSource::id).orElse(job.name()),
        "record job " + job.name() + " failed: " + e.getMessage(),
        e);
  }

  private void read(RecordJob job, Mode mode, Instant started, Counts counts) {
    RecordSource source = job.source().orElseThrow();
    Instant deadline = started.plus(job.timeout());
    JobState state = storage.records().findJob(job.tenant(), job.name()).orElse(null);
    JobState initial = state == null ? JobState.initial(job.tenant(), job.name()) : state;
    RecordCursor cursor = start(job, mode, initial);
    while (counts.examined < job.maxPerRun() && clock.instant().isBefore(deadline)) {
      int limit = (int) Math.min(job.batchSize(), job.maxPerRun() - counts.examined);
      List<SourceRow> rows = fetch(source, new RecordRead(cursor, limit));
      boolean end = rows.size() < limit;
      RecordCursor next = rows.isEmpty() ? cursor : rows.get(rows.size() - 1).cursor();
      // Caught up: the next run starts again a safety window before the last row read.
      RecordCursor mark = end ? RecordCursor.from(next.at()) : next;
      Counts page =
          storage.inTransaction(
              tx -> {
                Counts written = writePage(tx, job, rows);
                JobState current =
                    tx.records().findJob(job.tenant(), job.name()).orElse(initial.withVersion(0));
                JobState updated =
                    mode == Mode.INCREMENTAL
                        ? current.withWatermark(later(current, mark))
                        : backfill(current, mark, end);
                tx.records().saveJob(updated);
                return written;
              });
      // Counted once committed, so that a failed page adds nothing to the health.
      if (page.rejected > 0 && counts.rejected == 0) {
        log.warn(
            "record job {}: {} row(s) skipped: a key or owner longer than 200 characters (or an"
                + " empty owner) cannot be tracked",
            job.name(),
            page.rejected);
      }
      counts.added += page.added;
      counts.conversions += page.conversions;
      counts.queueChanges += page.queueChanges;
      counts.rejected += page.rejected;
      counts.examined += rows.size();
      cursor = next;
      if (end) {
        counts.reachedEnd = true;
        return;
      }
    }
  }

  private static RecordCursor start(RecordJob job, Mode mode, JobState state) {
    if (mode == Mode.BACKFILL) {
      return state.backfill().orElse(RecordCursor.start());
    }
    return state
        .watermark()
        .map(w -> w.key().isPresent() ? w : RecordCursor.from(w.at().minus(job.safetyWindow())))
        .orElse(RecordCursor.start());
  }

  /** The incremental watermark never moves back by the safety window's re-reads. */
  private static RecordCursor later(JobState state, RecordCursor mark) {
    Optional<RecordCursor> w = state.watermark();
    if (w.isPresent() && w.get().key().isEmpty() && mark.at().isBefore(w.get().at())) {
      return w.get();
    }
    return mark;
  }

  /** A backfill that reached the end gives the incremental runs their start, if they had none. */
  private static JobState backfill(JobState state, RecordCursor mark, boolean end) {
    JobState s = state.withBackfill(mark);
    if (end) {
      s = s.withHealth(withBackfillDone(s.health()));
      if (s.watermark().isEmpty()) {
        s = s.withWatermark(RecordCursor.from(mark.at()));
      }
    }
    return s;
  }

  private static RecordJobHealth withBackfillDone(RecordJobHealth h) {
    return new RecordJobHealth(
        h.job(),
        h.lastRunAt(),
        h.examined(),
        h.newRecords(),
        h.conversions(),
        h.queueChanges(),
        h.processingTime(),
        h.errors(),
        h.lastError(),
        true);
  }

  private static List<SourceRow> fetch(RecordSource source, RecordRead request) {
    try {
      return source.read(request);
    } catch (DiscoveryException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceException(source.id(), "interrupted", e);
    } catch (Exception e) {
      throw new SourceException(source.id(), "read failed: " + e.getMessage(), e);
    }
  }

  /** Writes one page's changes in {@code tx}; returns what it wrote. */
  private Counts writePage(Storage tx, RecordJob job, List<SourceRow> rows) {
    Counts written = new Counts();
    if (rows.isEmpty()) {
      return written;
    }
    List<String> keys = rows.stream().map(SourceRow::key).distinct().toList();
    var stored = tx.records().find(job.tenant(), job.type(), keys);
    Tracker.Result result = Tracker.apply(job, stored, rows, clock.instant());
    tx.records().saveAll(job.tenant(), result.records());
    written.conversions = deliver(tx, job, result.conversions());
    if (!result.queueChanges().isEmpty()) {
      tx.records().addQueueChanges(job.tenant(), result.queueChanges());
    }
    written.added = result.newRecords();
    written.queueChanges = result.queueChanges().size();
    written.rejected = result.rejected();
    return written;
  }

  /**
   * Adds the conversions and tells the listeners of those that are new, in this transaction;
   * returns how many were new.
   */
  private int deliver(Storage tx, RecordJob job, List<Conversion> conversions) {
    if (conversions.isEmpty()) {
      return 0;
    }
    List<Boolean> added = tx.records().addConversions(job.tenant(), conversions);
    int fresh = 0;
    for (int i = 0; i < conversions.size(); i++) {
      if (added.get(i)) {
        fresh++;
        for (OutcomeListener l : listeners) {
          l.onConversion(conversions.get(i), tx);
        }
      }
    }
    return fresh;
  }

  /**
   * Walks the records of the job's type in key order, a batch per transaction that also saves the
   * last key done in the job's watermark, so that a run stopped by a crash or its timeout resumes
   * after its last committed batch and moves no record twice. A finished walk leaves a watermark
   * without a key: the next run starts from the first key.
   */
  private void age(RecordJob job, Instant now, Counts counts) {
    Instant deadline = now.plus(job.timeout());
    JobState initial =
        storage
            .records()
            .findJob(job.tenant(), job.name())
            .orElse(JobState.initial(job.tenant(), job.name()));
    Optional<String> after = initial.watermark().flatMap(RecordCursor::key);
    while (clock.instant().isBefore(deadline)) {
      Optional<String> from = after;
      Counts page =
          storage.inTransaction(
              tx -> {
                List<TrackedRecord> batch =
                    tx.records().listRecords(job.tenant(), job.type(), from, job.batchSize());
                Tracker.Result result = Tracker.age(job, batch, now);
                tx.records().saveAll(job.tenant(), result.records());
                if (!result.queueChanges().isEmpty()) {
                  tx.records().addQueueChanges(job.tenant(), result.queueChanges());
                }
                boolean end = batch.size() < job.batchSize();
                JobState current =
                    tx.records().findJob(job.tenant(), job.name()).orElse(initial.withVersion(0));
                tx.records()
                    .saveJob(
                        current.withWatermark(
                            end
                                ? RecordCursor.from(now)
                                : RecordCursor.after(now, batch.get(batch.size() - 1).key())));
                Counts written = new Counts();
                written.examined = batch.size();
                written.queueChanges = result.queueChanges().size();
                written.reachedEnd = end;
                written.next = end ? null : batch.get(batch.size() - 1).key();
                return written;
              });
      counts.examined += page.examined;
      counts.queueChanges += page.queueChanges;
      if (page.reachedEnd) {
        counts.reachedEnd = true;
        return;
      }
      after = Optional.of(page.next);
    }
  }

  private RecordJobHealth recordHealth(
      RecordJob job, Instant started, Counts c, Mode mode, long window, RuntimeException failure) {
    Duration took = Duration.between(started, clock.instant());
    try {
      return storage.inTransaction(
          tx -> {
            JobState state =
                tx.records()
                    .findJob(job.tenant(), job.name())
                    .orElse(JobState.initial(job.tenant(), job.name()));
            RecordJobHealth before = state.health();
            RecordJobHealth health =
                new RecordJobHealth(
                    job.name(),
                    Optional.of(started),
                    c.examined,
                    c.added,
                    c.conversions,
                    c.queueChanges,
                    took,
                    failure == null ? 0 : before.errors() + 1,
                    failure == null
                        ? Optional.empty()
                        : Optional.of(String.valueOf(failure.getMessage())),
                    before.backfillDone());
            JobState next = state.withHealth(health);
            if (failure == null && window > next.lastWindow()) {
              next = next.withLastWindow(window);
            }
            return tx.records().saveJob(next).health();
          });
    } catch (RuntimeException e) {
      if (failure != null) {
        failure.addSuppressed(e);
        return RecordJobHealth.never(job.name());
      }
      throw e;
    } finally {
      if (failure != null) {
        log.warn(
            "record job {} of tenant {} failed: {}",
            job.name(),
            job.tenant(),
            failure.getMessage());
      }
    }
  }
}
