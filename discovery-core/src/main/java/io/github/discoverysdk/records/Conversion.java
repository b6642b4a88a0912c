package io.github.discoverysdk.records;

import io.github.discoverysdk.ValidationException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A declared transition of one record, detected once: unique per (tenant, type, key, rule, change).
 * Immutable and thread-safe.
 *
 * @param tenant the owner of the record
 * @param type the record's type
 * @param key the record's key
 * @param rule the {@link TransitionRule#name()} that matched
 * @param change the record's {@link TrackedRecord#version()} that holds the new state: with the
 *     rule and the key, the conversion's identity, so that re-reading the change adds nothing
 * @param conversionType the rule's conversion type
 * @param value the rule's value
 * @param from the state before
 * @param to the state after
 * @param sourceAt the timestamp of the row version that showed the change
 * @param detectedAt when the engine detected it
 * @param sequence the store's insertion number, for keyset reads; 0 before it is stored
 */
public record Conversion(
    String tenant,
    String type,
    String key,
    String rule,
    long change,
    String conversionType,
    double value,
    Map<String, String> from,
    Map<String, String> to,
    Instant sourceAt,
    Instant detectedAt,
    long sequence) {
  public Conversion {
    RecordChecks.tenant(tenant);
    RecordChecks.name("record type", type);
    RecordChecks.key("record key", key);
    RecordChecks.name("rule", rule);
    RecordChecks.name("conversionType", conversionType);
    if (change < 1) {
      throw new ValidationException("change must be positive, was " + change);
    }
    if (!Double.isFinite(value)) {
      throw new ValidationException("value must be finite, was " + value);
    }
    from = Map.copyOf(from);
    to = Map.copyOf(to);
    Objects.requireNonNull(sourceAt, "sourceAt");
    Objects.requireNonNull(detectedAt, "detectedAt");
  }

  /** A stable id: {@code type/key/rule/change}, the same every time the change is detected. */
  public String id() {
    return type + "/" + key + "/" + rule + "/" + change;
  }

  /** This conversion with the sequence the store gave it. */
  public Conversion withSequence(long newSequence) {
    return new Conversion(
        tenant,
        type,
        key,
        rule,
        change,
        conversionType,
        value,
        from,
        to,
        sourceAt,
        detectedAt,
        newSequence);
  }
}
