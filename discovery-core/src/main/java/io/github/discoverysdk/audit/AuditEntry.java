package io.github.discoverysdk.audit;

import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.support.Fields;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One audited action: who did what to which entity, when, why, from where, and which fields
 * changed. Entries are append-only: no API updates or deletes them. {@link #sequence()} is 0 until
 * {@link AuditStore#append} stores the entry and assigns the next number of the store; it orders
 * entries and pages through them. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface AuditEntry {
  /** Longest reason kept. */
  int MAX_REASON = 4_000;

  /** Assigned by the store on append, increasing; 0 before. */
  @Value.Default
  default long sequence() {
    return 0;
  }

  String tenant();

  /** The host user id of the actor, or {@code "system:<part>"} for the engine's own work. */
  String actor();

  /** The kind of entity: {@code "profile"}, {@code "opportunity"}, {@code "account"}, … */
  String entityType();

  /** The entity's id within the tenant. */
  String entityId();

  AuditAction action();

  /** The fields that changed, in a stable order; empty for views, denials and deletes. */
  List<FieldChange> changes();

  Optional<String> reason();

  Instant at();

  @Value.Default
  default RequestContext context() {
    return RequestContext.none();
  }

  @Value.Check
  default void check() {
    Tenants.check("audit.tenant", tenant());
    Fields.identifier("audit.actor", actor(), 200);
    Fields.identifier("audit.entityType", entityType(), 40);
    Fields.identifier("audit.entityId", entityId(), 400);
    Fields.maxCount("audit.changes", changes(), 200);
    reason().ifPresent(r -> Fields.text("audit.reason", r, MAX_REASON));
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link AuditEntry}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableAuditEntry.Builder {
    @Override
    public AuditEntry build() {
      return Fields.build("AuditEntry", super::build);
    }
  }
}
