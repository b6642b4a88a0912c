package io.github.discoverysdk.audit;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Writes audit entries: the one way the engine's parts record what they change. Call {@link
 * #record} with the transaction's storage view inside the change's transaction, so that the entry
 * commits or rolls back with it. Thread-safe.
 */
public final class AuditLog {
  private final Clock clock;
  private final boolean auditViews;

  /**
   * @param clock stamps the entries
   * @param auditViews whether {@link AuditAction#VIEW} entries are kept; when false, {@link #view}
   *     records nothing
   */
  public AuditLog(Clock clock, boolean auditViews) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.auditViews = auditViews;
  }

  /** Whether views are audited. */
  public boolean auditsViews() {
    return auditViews;
  }

  /**
   * Appends one entry to {@code store}: call it with the transaction's {@code tx.audit()}.
   *
   * @param changes the changed fields; see {@link #diff}
   * @param reason why, if the actor said; cut to {@link AuditEntry#MAX_REASON} only by refusing
   *     longer ones (a {@code ValidationException} rolls the change back)
   */
  public AuditEntry record(
      AuditStore store,
      Actor actor,
      String tenant,
      String entityType,
      String entityId,
      AuditAction action,
      List<FieldChange> changes,
      Optional<String> reason) {
    return store
        .append(List.of(entry(actor, tenant, entityType, entityId, action, changes, reason)))
        .get(0);
  }

  /**
   * The entry {@link #record} would append, stamped now but not appended: for a batch of entries
   * appended with one {@code store.append} in the change's transaction.
   */
  public AuditEntry entry(
      Actor actor,
      String tenant,
      String entityType,
      String entityId,
      AuditAction action,
      List<FieldChange> changes,
      Optional<String> reason) {
    return AuditEntry.builder()
        .tenant(tenant)
        .actor(actor.id())
        .context(actor.context())
        .entityType(entityType)
        .entityId(entityId)
        .action(action)
        .changes(changes)
        .reason(reason)
        .at(clock.instant())
        .build();
  }

  /** Records a view if views are audited; returns whether it did. */
  public boolean view(
      AuditStore store, Actor actor, String tenant, String entityType, String entityId) {
    if (!auditViews) {
      return false;
    }
    record(
        store, actor, tenant, entityType, entityId, AuditAction.VIEW, List.of(), Optional.empty());
    return true;
  }

  /**
   * The fields whose values differ between {@code before} and {@code after} (field name → value as
   * text; a missing or null value is absent), sorted by field name. Pass an empty map as {@code
   * before} for a creation and as {@code after} for a deletion.
   */
  public static List<FieldChange> diff(Map<String, String> before, Map<String, String> after) {
    List<FieldChange> changes = new ArrayList<>();
    TreeSet<String> fields = new TreeSet<>(before.keySet());
    fields.addAll(after.keySet());
    for (String f : fields) {
      String b = before.get(f);
      String a = after.get(f);
      if (!Objects.equals(b, a)) {
        changes.add(FieldChange.of(f, b, a));
      }
    }
    return List.copyOf(changes);
  }
}
