package io.github.discoverysdk.records;

import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Puts a record whose state matches {@code when} in {@code queue}. A job's queue rules are tried in
 * order and the first that matches wins; a record no rule matches is in no queue. Immutable; the
 * predicate must be pure and thread-safe.
 *
 * @param queue the queue's name (at most 100 characters)
 * @param when the states that belong in it
 */
public record QueueRule(String queue, Predicate<Map<String, String>> when) {
  public QueueRule {
    RecordChecks.name("queue", queue);
    Objects.requireNonNull(when, "when");
  }
}
