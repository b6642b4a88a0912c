package io.github.discoverysdk.storage;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.records.Conversion;
import io.github.discoverysdk.records.JobState;
import io.github.discoverysdk.records.QueueChange;
import io.github.discoverysdk.records.QueueQuery;
import io.github.discoverysdk.records.RecordStore;
import io.github.discoverysdk.records.TrackedRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The system-of-record tracking state of an {@link InMemoryStorage}: records, conversions, queue
 * changes and job states, each keyed by tenant. Its data lives here rather than in {@link
 * MemoryState}, but every write goes through the state's transaction and undo log, so a rollback
 * restores it with everything else. Thread-safe: every method runs under the state's lock.
 */
final class MemoryRecordStore implements RecordStore {
  private final MemoryState state;

  /** Per (tenant, type): records by key, in key order for queue pages. */
  private final Map<TypeKey, TreeMap<String, TrackedRecord>> records = new HashMap<>();

  private final Map<String, List<Conversion>> conversions = new HashMap<>();
  private final Set<ConversionKey> conversionKeys = new HashSet<>();
  private final Map<String, List<QueueChange>> queueChanges = new HashMap<>();
  private final Map<JobKey, JobState> jobs = new HashMap<>();
  private long sequence;

  MemoryRecordStore(MemoryState state) {
    this.state = state;
  }

  private record TypeKey(String tenant, String type) {}

  private record ConversionKey(String tenant, String type, String key, String rule, long change) {
    static ConversionKey of(Conversion c) {
      return new ConversionKey(c.tenant(), c.type(), c.key(), c.rule(), c.change());
    }
  }

  private record JobKey(String tenant, String job) {}

  private static String tenant(String tenant) {
    return Tenants.check("tenant", tenant);
  }

  private static void sameTenant(String tenant, String other, String what) {
    if (!tenant.equals(other)) {
      throw new ValidationException(what + " of tenant " + other + " passed for tenant " + tenant);
    }
  }

  @Override
  public Map<String, TrackedRecord> find(String tenant, String type, Collection<String> keys) {
    tenant(tenant);
    Objects.requireNonNull(type, "type");
    List<String> wanted = List.copyOf(keys);
    if (wanted.size() > MAX_KEYS) {
      throw new ValidationException(
          "keys must be at most " + MAX_KEYS + " per call, was " + wanted.size());
    }
    return state.read(
        () -> {
          TreeMap<String, TrackedRecord> byKey = records.get(new TypeKey(tenant, type));
          Map<String, TrackedRecord> out = new LinkedHashMap<>();
          if (byKey != null) {
            for (String k : wanted) {
              TrackedRecord r = byKey.get(k);
              if (r != null) {
                out.put(k, r);
              }
            }
          }
          return Map.copyOf(out);
        });
  }

  @Override
  public List<TrackedRecord> saveAll(String tenant, List<TrackedRecord> batch) {
    tenant(tenant);
    List<TrackedRecord> list = List.copyOf(batch);
    Set<String> distinct = new HashSet<>();
    for (TrackedRecord r : list) {
      sameTenant(tenant, r.tenant(), "record " + r.key());
      if (!distinct.add(r.type() + "\u0000" + r.key())) {
        throw new ValidationException(
            "record " + r.type() + "/" + r.key() + " is twice in the batch");
      }
    }
    return state.write(
        () -> {
          for (TrackedRecord r : list) {
            TreeMap<String, TrackedRecord> byKey = records.get(new TypeKey(tenant, r.type()));
            TrackedRecord stored = byKey == null ? null : byKey.get(r.key());
            MemoryState.checkVersion(
                "record", r.type() + "/" + r.key(), r.version(), stored, TrackedRecord::version);
          }
          List<TrackedRecord> saved = new ArrayList<>(list.size());
          for (TrackedRecord r : list) {
            TreeMap<String, TrackedRecord> byKey = records.get(new TypeKey(tenant, r.type()));
            if (byKey == null) {
              byKey = new TreeMap<>();
              records.put(new TypeKey(tenant, r.type()), byKey);
            }
            TrackedRecord next = r.withVersion(r.version() + 1);
            state.put(byKey, r.key(), next);
            saved.add(next);
          }
          return List.copyOf(saved);
        });
  }

  @Override
  public List<Boolean> addConversions(String tenant, List<Conversion> batch) {
    tenant(tenant);
    List<Conversion> list = List.copyOf(batch);
    list.forEach(c -> sameTenant(tenant, c.tenant(), "conversion " + c.id()));
    return state.write(
        () -> {
          List<Boolean> added = new ArrayList<>(list.size());
          for (Conversion c : list) {
            ConversionKey key = ConversionKey.of(c);
            if (!conversionKeys.add(key)) {
              added.add(false);
              continue;
            }
            List<Conversion> all = conversions.computeIfAbsent(tenant, t -> new ArrayList<>());
            all.add(c.withSequence(++sequence));
            state.onRollback(
                () -> {
                  conversionKeys.remove(key);
                  all.remove(all.size() - 1);
                });
            added.add(true);
          }
          return List.copyOf(added);
        });
  }

  @Override
  public List<Conversion> listConversions(String tenant, long afterSequence, int limit) {
    tenant(tenant);
    MemoryState.checkLimit(limit);
    return state.read(
        () ->
            conversions.getOrDefault(tenant, List.of()).stream()
                .filter(c -> c.sequence() > afterSequence)
                .limit(limit)
                .toList());
  }

  @Override
  public void addQueueChanges(String tenant, List<QueueChange> batch) {
    tenant(tenant);
    List<QueueChange> list = List.copyOf(batch);
    list.forEach(c -> sameTenant(tenant, c.tenant(), "queue change of " + c.key()));
    state.write(
        () -> {
          List<QueueChange> all = queueChanges.computeIfAbsent(tenant, t -> new ArrayList<>());
          for (QueueChange c : list) {
            all.add(c.withSequence(++sequence));
            state.onRollback(() -> all.remove(all.size() - 1));
          }
          return null;
        });
  }

  @Override
  public List<QueueChange> listQueueChanges(String tenant, String type, String key, int limit) {
    tenant(tenant);
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(key, "key");
    MemoryState.checkLimit(limit);
    return state.read(
        () ->
            queueChanges.getOrDefault(tenant, List.of()).stream()
                .filter(c -> c.type().equals(type) && c.key().equals(key))
                .limit(limit)
                .toList());
  }

  @Override
  public List<TrackedRecord> listRecords(
      String tenant, String type, Optional<String> afterKey, int limit) {
    tenant(tenant);
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(afterKey, "afterKey");
    MemoryState.checkLimit(limit);
    return state.read(
        () -> {
          TreeMap<String, TrackedRecord> byKey = records.get(new TypeKey(tenant, type));
          if (byKey == null) {
            return List.of();
          }
          Map<String, TrackedRecord> from =
              afterKey.isPresent() ? byKey.tailMap(afterKey.get(), false) : byKey;
          return from.values().stream().limit(limit).toList();
        });
  }

  @Override
  public List<TrackedRecord> listQueue(String tenant, QueueQuery query) {
    tenant(tenant);
    Objects.requireNonNull(query, "query");
    return state.read(
        () -> {
          TreeMap<String, TrackedRecord> byKey = records.get(new TypeKey(tenant, query.type()));
          if (byKey == null) {
            return List.of();
          }
          Map<String, TrackedRecord> from =
              query.afterKey().isPresent() ? byKey.tailMap(query.afterKey().get(), false) : byKey;
          List<TrackedRecord> out = new ArrayList<>();
          for (TrackedRecord r : from.values()) {
            if (out.size() == query.limit()) {
              break;
            }
            if (!r.queue().equals(Optional.of(query.queue()))
                || (query.owner().isPresent() && !r.owner().equals(query.owner()))) {
              continue;
            }
            Instant active = r.activityAt().orElse(r.changedAt());
            if (query.activeSince().isPresent() && active.isBefore(query.activeSince().get())) {
              continue;
            }
            out.add(r);
          }
          return List.copyOf(out);
        });
  }

  @Override
  public Optional<JobState> findJob(String tenant, String job) {
    tenant(tenant);
    Objects.requireNonNull(job, "job");
    return state.read(() -> Optional.ofNullable(jobs.get(new JobKey(tenant, job))));
  }

  @Override
  public JobState saveJob(JobState job) {
    Objects.requireNonNull(job, "job");
    return state.write(
        () -> {
          JobKey key = new JobKey(job.tenant(), job.job());
          JobState stored = jobs.get(key);
          MemoryState.checkVersion(
              "record job", job.job(), job.version(), stored, JobState::version);
          JobState saved = job.withVersion(job.version() + 1);
          state.put(jobs, key, saved);
          return saved;
        });
  }
}
