package io.github.discoverysdk.model;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One delivery owed to a sink, written in the same transaction as the change that caused it, and
 * dispatched with retries until it is SENT or DEAD. Its {@link #dedupeKey()} is unique per (tenant,
 * sink): the same alert or push is enqueued once, and sinks deduplicate redeliveries on it.
 *
 * <p>An entry is about an opportunity ({@link #opportunityId()}) when its {@link #kind()} is {@link
 * DeliveryKind#aboutOpportunity() about one} (alerts, pushes, escalations), and about another
 * {@link #subject()} otherwise (a session export, say): exactly one of the two is present.
 * Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface OutboxEntry {
  String id();

  String tenant();

  String sinkId();

  DeliveryKind kind();

  /** The opportunity the entry is about; present exactly for the kinds about one. */
  Optional<OpportunityId> opportunityId();

  /**
   * What an entry of a kind not about an opportunity is about ({@code ("session_export", id)});
   * present exactly for those kinds.
   */
  Optional<OutboxSubject> subject();

  String dedupeKey();

  @Value.Default
  default OutboxStatus status() {
    return OutboxStatus.PENDING;
  }

  /** Attempts made so far. */
  @Value.Default
  default int attempts() {
    return 0;
  }

  /** Not to be attempted before this (backoff, quiet hours, digest time). */
  Instant nextAttemptAt();

  /** Why the last attempt failed, or why the entry is dead. */
  Optional<String> lastError();

  Instant createdAt();

  Instant updatedAt();

  /** 0 for an entry never stored; incremented by storage on every write. */
  @Value.Default
  default long version() {
    return 0;
  }

  @Value.Check
  default void check() {
    Checks.notBlank("outbox.id", id());
    Tenants.check("outbox.tenant", tenant());
    Checks.notBlank("outbox.sinkId", sinkId());
    Checks.notBlank("outbox.dedupeKey", dedupeKey());
    Checks.maxLength("outbox.dedupeKey", dedupeKey(), 1_000);
    if (kind().aboutOpportunity() != opportunityId().isPresent()
        || opportunityId().isPresent() == subject().isPresent()) {
      throw new io.github.discoverysdk.ValidationException(
          "an outbox entry of kind "
              + kind()
              + (kind().aboutOpportunity()
                  ? " needs an opportunityId and no subject"
                  : " needs a subject and no opportunityId"));
    }
    opportunityId()
        .filter(o -> !o.tenant().equals(tenant()))
        .ifPresent(
            o -> {
              throw new io.github.discoverysdk.ValidationException(
                  "outbox entry of tenant " + tenant() + " names opportunity " + o);
            });
    if (attempts() < 0) {
      throw new io.github.discoverysdk.ValidationException(
          "outbox.attempts must not be negative, was " + attempts());
    }
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableOutboxEntry.Builder {}
}
