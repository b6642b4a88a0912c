package io.github.discoverysdk.records;

import java.time.Instant;
import java.util.Objects;

/**
 * A time-based field of a tracked record, such as the hours a requirement has been outstanding: a
 * name and a pure function of the record (its source state, its timestamps) and the engine's time.
 * Jobs that declare it ({@link RecordJob.Builder#derive}) store its value in the record's state
 * under {@code name}, next to the state columns, so that {@link QueueRule}s and {@link
 * TransitionRule}s can test it: tracking and new-record jobs compute it whenever they write a
 * record, and the aging job recomputes it for every record of its type, moving the records whose
 * queue the new value changes. Declare the same derived fields on every job of one record type, so
 * that a record's state is the same whichever job wrote it last. Immutable; the function must be
 * pure and thread-safe.
 *
 * @param name the state key it is stored under (at most 100 characters); it must not be the name of
 *     a state column, whose value it would hide
 * @param formula computes its value
 */
public record DerivedField(String name, Formula formula) {
  /** Computes a derived field's value. */
  @FunctionalInterface
  public interface Formula {
    /**
     * The value at {@code now}, or {@code null} to leave the field absent.
     *
     * @param record the record with its source state only (no derived field)
     * @param now the engine's time
     */
    String value(TrackedRecord record, Instant now);
  }

  public DerivedField {
    RecordChecks.name("derived field", name);
    Objects.requireNonNull(formula, "formula");
  }

  /**
   * The whole hours from a timestamp of the record to {@code now} (0 if it is later), as text; for
   * example {@code hoursSince("hours_unsigned", r -> Optional.of(r.firstSeenAt()))}. Absent when
   * the timestamp is.
   */
  public static DerivedField hoursSince(
      String name, java.util.function.Function<TrackedRecord, java.util.Optional<Instant>> from) {
    Objects.requireNonNull(from, "from");
    return new DerivedField(
        name,
        (record, now) ->
            from.apply(record)
                .map(
                    at ->
                        String.valueOf(Math.max(0, java.time.Duration.between(at, now).toHours())))
                .orElse(null));
  }
}
