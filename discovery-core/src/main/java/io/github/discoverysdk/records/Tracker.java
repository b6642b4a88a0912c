package io.github.discoverysdk.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The pure part of a job's page: given the rows read and the records stored for their keys, what to
 * write. No I/O, no clock of its own, so that the same inputs always give the same writes: a page
 * read again after a crash produces the same record versions, hence the same conversion identities,
 * which the store adds only once. Stateless and thread-safe.
 */
public final class Tracker {
  /** The writes one page makes, and its counts. */
  public record Result(
      List<TrackedRecord> records,
      List<Conversion> conversions,
      List<QueueChange> queueChanges,
      int examined,
      int newRecords,
      int rejected) {}

  private Tracker() {}

  /** The queue the rules put {@code state} in: the first matching rule's, or none. */
  public static Optional<String> queueOf(List<QueueRule> rules, Map<String, String> state) {
    for (QueueRule r : rules) {
      if (r.when().test(state)) {
        return Optional.of(r.queue());
      }
    }
    return Optional.empty();
  }

  /** {@code state} without the job's derived fields: the state columns read from the source. */
  public static Map<String, String> sourceState(RecordJob job, Map<String, String> state) {
    if (job.derived().isEmpty()) {
      return state;
    }
    Map<String, String> source = new LinkedHashMap<>(state);
    for (DerivedField d : job.derived()) {
      source.remove(d.name());
    }
    return source;
  }

  /**
   * The record's source state with the job's derived fields computed at {@code now}; a field whose
   * formula gives {@code null} is absent.
   */
  public static Map<String, String> withDerived(RecordJob job, TrackedRecord record, Instant now) {
    if (job.derived().isEmpty()) {
      return record.state();
    }
    Map<String, String> source = sourceState(job, record.state());
    TrackedRecord base =
        new TrackedRecord(
            record.tenant(),
            record.type(),
            record.key(),
            source,
            record.queue(),
            record.owner(),
            record.score(),
            record.activityAt(),
            record.queuedAt(),
            record.sourceUpdatedAt(),
            record.firstSeenAt(),
            record.changedAt(),
            record.version());
    Map<String, String> state = new LinkedHashMap<>(source);
    for (DerivedField d : job.derived()) {
      String value = d.formula().value(base, now);
      if (value != null) {
        state.put(d.name(), value);
      }
    }
    return Map.copyOf(state);
  }

  /**
   * The writes of one batch of an aging {@code job}: each record's derived fields recomputed at
   * {@code now}; a record moved to the queue its new state gives when that differs from the queue
   * its old state gave (reason {@code "derived fields changed"}); then a record in its queue longer
   * than the job's {@code maxQueueAge} taken out of it ({@code "aged out"}). Records nothing
   * changes are not written. Their {@code changedAt} moves only when their queue does, so that a
   * recomputed field does not make a record look recently active.
   */
  public static Result age(RecordJob job, List<TrackedRecord> batch, Instant now) {
    Instant cutoff = now.minus(job.maxQueueAge());
    Set<String> aged = job.queues().stream().map(QueueRule::queue).collect(Collectors.toSet());
    List<TrackedRecord> records = new ArrayList<>();
    List<QueueChange> changes = new ArrayList<>();
    for (TrackedRecord r : batch) {
      Map<String, String> state = withDerived(job, r, now);
      Optional<String> before = queueOf(job.queues(), r.state());
      Optional<String> after = queueOf(job.queues(), state);
      Optional<String> queue = r.queue();
      Optional<Instant> queuedAt = r.queuedAt();
      String reason = null;
      if (!after.equals(before) && !after.equals(r.queue())) {
        queue = after;
        queuedAt = after.map(q -> now);
        reason = "derived fields changed";
      } else if (queue.isPresent()
          && aged.contains(queue.get())
          && queuedAt.map(at -> at.isBefore(cutoff)).orElse(false)) {
        queue = Optional.empty();
        queuedAt = Optional.empty();
        reason = "aged out";
      }
      if (reason == null && state.equals(r.state())) {
        continue;
      }
      if (reason != null) {
        changes.add(
            new QueueChange(r.tenant(), r.type(), r.key(), r.queue(), queue, reason, now, 0));
      }
      records.add(
          new TrackedRecord(
              r.tenant(),
              r.type(),
              r.key(),
              state,
              queue,
              r.owner(),
              r.score(),
              r.activityAt(),
              queuedAt,
              r.sourceUpdatedAt(),
              r.firstSeenAt(),
              reason == null ? r.changedAt() : now,
              r.version()));
    }
    return new Result(records, List.of(), changes, batch.size(), 0, 0);
  }

  /**
   * The writes of one page of {@code job}.
   *
   * @param stored the tenant's tracked records of the job's type for the page's keys
   * @param rows the page, in the source's order
   * @param now the engine's time
   */
  public static Result apply(
      RecordJob job, Map<String, TrackedRecord> stored, List<SourceRow> rows, Instant now) {
    // One row per key: the latest version read.
    Map<String, SourceRow> latest = new LinkedHashMap<>();
    for (SourceRow r : rows) {
      latest.merge(r.key(), r, (a, b) -> b.updatedAt().isBefore(a.updatedAt()) ? a : b);
    }
    List<TrackedRecord> records = new ArrayList<>();
    List<Conversion> conversions = new ArrayList<>();
    List<QueueChange> changes = new ArrayList<>();
    int added = 0;
    int rejected = 0;
    String tenant = job.tenant();
    String type = job.type();
    boolean queues = !job.queues().isEmpty();
    for (SourceRow row : latest.values()) {
      if (row.key().length() > RecordChecks.MAX_KEY
          || row.owner().map(o -> o.isEmpty() || o.length() > RecordChecks.MAX_KEY).orElse(false)) {
        rejected++; // cannot be stored; skipped so that it never stops the rows after it
        continue;
      }
      TrackedRecord old = stored.get(row.key());
      if (old == null) {
        Map<String, String> state =
            withDerived(
                job,
                new TrackedRecord(
                    tenant,
                    type,
                    row.key(),
                    row.state(),
                    Optional.empty(),
                    row.owner(),
                    0.0,
                    row.activityAt(),
                    Optional.empty(),
                    row.updatedAt(),
                    now,
                    now,
                    0),
                now);
        Optional<String> queue = queueOf(job.queues(), state);
        records.add(
            new TrackedRecord(
                tenant,
                type,
                row.key(),
                state,
                queue,
                row.owner(),
                0.0,
                row.activityAt(),
                queue.map(q -> now),
                row.updatedAt(),
                now,
                now,
                0));
        if (queue.isPresent()) {
          changes.add(
              new QueueChange(
                  tenant, type, row.key(), Optional.empty(), queue, "new record", now, 0));
        }
        added++;
        continue;
      }
      if (job.kind() == RecordJob.Kind.NEW_RECORDS
          || row.updatedAt().isBefore(old.sourceUpdatedAt())) {
        continue; // tracked already, or an older version of the row than the one stored
      }
      boolean stateChanged = !sourceState(job, old.state()).equals(row.state());
      Optional<String> owner = row.owner().or(old::owner);
      Optional<Instant> activity = row.activityAt().or(old::activityAt);
      if (!stateChanged && owner.equals(old.owner()) && activity.equals(old.activityAt())) {
        continue; // read again (safety window, re-run): nothing new
      }
      Map<String, String> state =
          withDerived(
              job,
              new TrackedRecord(
                  tenant,
                  type,
                  row.key(),
                  row.state(),
                  old.queue(),
                  owner,
                  old.score(),
                  activity,
                  old.queuedAt(),
                  row.updatedAt(),
                  old.firstSeenAt(),
                  now,
                  old.version()),
              now);
      Optional<String> queue = queues ? queueOf(job.queues(), state) : old.queue();
      Optional<Instant> queuedAt = old.queuedAt();
      if (!queue.equals(old.queue())) {
        queuedAt = queue.map(q -> now);
        changes.add(
            new QueueChange(tenant, type, row.key(), old.queue(), queue, "state changed", now, 0));
      }
      long change = old.version() + 1;
      if (stateChanged) {
        for (TransitionRule rule : job.transitions()) {
          if (rule.matches(old.state(), state)) {
            conversions.add(
                new Conversion(
                    tenant,
                    type,
                    row.key(),
                    rule.name(),
                    change,
                    rule.conversionType(),
                    rule.value(),
                    old.state(),
                    state,
                    row.updatedAt(),
                    now,
                    0));
          }
        }
      }
      records.add(
          new TrackedRecord(
              tenant,
              type,
              row.key(),
              state,
              queue,
              owner,
              old.score(),
              activity,
              queuedAt,
              row.updatedAt(),
              old.firstSeenAt(),
              now,
              old.version()));
    }
    return new Result(records, conversions, changes, rows.size(), added, rejected);
  }
}
