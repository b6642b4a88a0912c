package io.github.discoverysdk.session;

import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.spi.Storage;
import java.util.Map;
import java.util.Optional;

/** The audit entry of a session change, written in the change's transaction. Stateless. */
final class SessionAudit {
  private SessionAudit() {}

  static void record(
      AuditLog audit,
      Storage tx,
      Actor actor,
      String tenant,
      String type,
      String id,
      AuditAction action,
      Map<String, String> before,
      Map<String, String> after) {
    audit.record(
        tx.audit(),
        actor,
        tenant,
        type,
        id,
        action,
        AuditLog.diff(before, after),
        Optional.empty());
  }
}
