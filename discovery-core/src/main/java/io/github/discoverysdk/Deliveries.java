package io.github.discoverysdk;

import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.audit.FieldChange;
import io.github.discoverysdk.internal.Gate;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.run.RunPipeline;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The host's side of the outbox: pushing an opportunity to a sink on request, dispatching every
 * tenant's due entries, and listing a tenant's outbox. Delivery itself is {@link
 * OutboxDispatcher}'s. Pushing and dispatching go through the engine's gate. Documented on the
 * {@link DiscoveryEngine} methods of the same names. Thread-safe.
 */
final class Deliveries {
  private final Storage storage;
  private final Clock clock;
  private final Supplier<String> ids;
  private final Gate gate;
  private final List<OpportunitySink> opportunitySinks;
  private final OutboxDispatcher dispatcher;
  private final AuditLog audit;

  Deliveries(
      Storage storage,
      Clock clock,
      Supplier<String> ids,
      Gate gate,
      List<OpportunitySink> opportunitySinks,
      OutboxDispatcher dispatcher,
      AuditLog audit) {
    this.audit = audit;
    this.storage = storage;
    this.clock = clock;
    this.ids = ids;
    this.gate = gate;
    this.opportunitySinks = opportunitySinks;
    this.dispatcher = dispatcher;
  }

  boolean push(Actor actor, OpportunityId id, String sinkId) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sinkId, "sinkId");
    return gate.through(() -> queuePush(actor, id, sinkId));
  }

  private boolean queuePush(Actor actor, OpportunityId id, String sinkId) {
    if (opportunitySinks.stream().noneMatch(s -> s.id().equals(sinkId))) {
      throw new ValidationException("no opportunity sink has the id '" + sinkId + "'");
    }
    Opportunity o =
        storage
            .opportunities()
            .find(id)
            .orElseThrow(() -> new NotFoundException("no opportunity " + id));
    Instant now = clock.instant();
    boolean queued =
        storage.inTransaction(
            tx -> {
              boolean added = tx.outbox().enqueue(pushEntry(o, id, sinkId, now));
              if (added) {
                audit.record(
                    tx.audit(),
                    actor,
                    o.tenant(),
                    Opportunities.ENTITY,
                    id.value(),
                    AuditAction.PUSH,
                    List.of(FieldChange.of("sink", null, sinkId)),
                    Optional.empty());
              }
              return added;
            });
    dispatcher.dispatch(o.tenant());
    return queued;
  }

  private OutboxEntry pushEntry(Opportunity o, OpportunityId id, String sinkId, Instant now) {
    return OutboxEntry.builder()
        .id(ids.get())
        .tenant(o.tenant())
        .sinkId(sinkId)
        .kind(DeliveryKind.PUSH)
        .opportunityId(id)
        .dedupeKey(RunPipeline.pushKey(o))
        .nextAttemptAt(now)
        .createdAt(now)
        .updatedAt(now)
        .build();
  }

  int dispatch() {
    return gate.through(
        () -> {
          int sent = 0;
          // Tenants with due entries but no profile (sessions exported to a CRM) count too.
          java.util.SortedSet<String> tenants =
              new java.util.TreeSet<>(storage.profiles().tenants());
          tenants.addAll(storage.outbox().tenantsWithDue(clock.instant()));
          for (String tenant : tenants) {
            if (gate.isClosed()) {
              break;
            }
            sent += dispatcher.dispatch(tenant);
          }
          return sent;
        });
  }

  /** Delivers one tenant's due entries unless the engine is closing; returns how many were sent. */
  int dispatchIfOpen(String tenant) {
    int[] sent = new int[1];
    gate.ifOpen(() -> sent[0] = dispatcher.dispatch(tenant));
    return sent[0];
  }

  List<OutboxEntry> outbox(String tenant, int limit) {
    Checks.tenant(tenant);
    Checks.limit(limit);
    return storage.outbox().list(tenant, limit);
  }
}
