package io.github.discoverysdk.session;

import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.session.catalogue.Catalogue;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Exports of sessions ({@link Sessions#exports()}), each tracked as a {@link SessionExport}: it is
 * recorded {@link ExportStatus#PENDING} before the document is written, then {@link
 * ExportStatus#SUCCESS} or {@link ExportStatus#FAILED} with the error, each step audited (entity
 * type {@code "session_export"}). An export to another system (Salesforce, a CRM) goes through the
 * outbox ({@link #exportTo}), so that a retry never duplicates it; a host that writes elsewhere on
 * its own starts an export with {@link #start} and ends it with {@link #succeeded} or {@link
 * #failed}. Thread-safe.
 */
public final class SessionExports {
  /** The audit entity type of an export. */
  public static final String ENTITY = "session_export";

  private final Storage storage;
  private final Clock clock;
  private final Supplier<String> ids;
  private final AuditLog audit;
  private final Catalogue catalogue;
  private final Map<String, SessionExportSink> sinks = new LinkedHashMap<>();
  private final Consumer<String> dispatch;

  SessionExports(
      Storage storage,
      Clock clock,
      Supplier<String> ids,
      AuditLog audit,
      Catalogue catalogue,
      SessionHooks hooks) {
    this.storage = storage;
    this.clock = clock;
    this.ids = ids;
    this.audit = audit;
    this.catalogue = catalogue;
    hooks.exportSinks().forEach(s -> sinks.put(s.id(), s));
    this.dispatch = hooks.dispatch();
  }

  /**
   * Exports the session to a registered {@link SessionExportSink} through the outbox: in one
   * transaction the export is recorded {@link ExportStatus#PENDING} (in the sink's {@link
   * SessionExportSink#format()}, audited) and an outbox entry of kind {@code SESSION_EXPORT} is
   * enqueued, keyed by tenant, session and export; then the tenant's due entries are delivered. The
   * dispatcher retries a failed attempt with backoff, and ends the export {@link
   * ExportStatus#SUCCESS} with the record id the sink gave, or {@link ExportStatus#FAILED} with the
   * error once the entry is dead (a permanent error, or too many attempts). Each call is a new
   * export; the sink writes the same record for every export of a session.
   *
   * @return the export as it is after the first attempt: SUCCESS, FAILED, or PENDING while retried
   * @throws ValidationException if no session export sink has the id {@code sinkId}
   * @throws NotFoundException if there is no such session
   */
  public SessionExport exportTo(Actor actor, String tenant, String sessionId, String sinkId) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(sinkId, "sinkId");
    SessionExportSink sink = sinks.get(sinkId);
    if (sink == null) {
      throw new ValidationException(
          "no session export sink has the id '" + sinkId + "'; registered: " + sinks.keySet());
    }
    SessionExport pending =
        storage.inTransaction(
            tx -> {
              SessionExport e = start(actor, tenant, sessionId, sink.format());
              tx.outbox().enqueue(SessionExportOutbox.entry(ids.get(), e, sinkId));
              return e;
            });
    dispatch.accept(tenant);
    return storage.sessions().findExport(tenant, pending.id()).orElse(pending);
  }

  /**
   * Writes the session as JSON or CSV and tracks the export. A failure to write the document is
   * recorded on the export ({@link ExportStatus#FAILED}) and returned with empty content.
   *
   * @throws ValidationException for {@link ExportFormat#SALESFORCE} and {@link ExportFormat#SINK},
   *     which go through {@link #exportTo}
   * @throws NotFoundException if there is no such session
   */
  public ExportResult export(Actor actor, String tenant, String sessionId, ExportFormat format) {
    Objects.requireNonNull(format, "format");
    if (format == ExportFormat.SALESFORCE || format == ExportFormat.SINK) {
      throw new ValidationException(
          "format " + format + " is written by a session export sink: call exportTo");
    }
    SessionExport pending = start(actor, tenant, sessionId, format);
    String content;
    try {
      SessionView view = SessionRows.view(storage, catalogue, tenant, sessionId);
      content =
          format == ExportFormat.JSON
              ? SessionDocuments.json(catalogue, view)
              : SessionDocuments.csv(catalogue, view);
    } catch (RuntimeException e) {
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      return new ExportResult(failed(actor, tenant, pending.id(), pending.version(), error), "");
    }
    return new ExportResult(
        succeeded(actor, tenant, pending.id(), pending.version(), Optional.empty()), content);
  }

  /** Records a new export of the session, {@link ExportStatus#PENDING}. */
  public SessionExport start(Actor actor, String tenant, String sessionId, ExportFormat format) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(format, "format");
    return storage.inTransaction(
        tx -> {
          SessionRows.get(tx, tenant, sessionId);
          SessionExport e =
              tx.sessions()
                  .saveExport(
                      SessionExport.builder()
                          .tenant(tenant)
                          .sessionId(sessionId)
                          .id(ids.get())
                          .format(format)
                          .createdAt(clock.instant())
                          .build());
          record(tx, actor, e, AuditAction.CREATE, Map.of());
          return e;
        });
  }

  /**
   * Ends a pending export as a success, with the record id the target gave if any.
   *
   * @throws ValidationException if the export is not pending
   */
  public SessionExport succeeded(
      Actor actor, String tenant, String exportId, long version, Optional<String> recordId) {
    Objects.requireNonNull(recordId, "recordId");
    return end(actor, tenant, exportId, version, ExportStatus.SUCCESS, Optional.empty(), recordId);
  }

  /**
   * Ends a pending export as a failure, keeping the error (cut to {@link SessionExport#MAX_ERROR}).
   *
   * @throws ValidationException if the export is not pending
   */
  public SessionExport failed(
      Actor actor, String tenant, String exportId, long version, String error) {
    Objects.requireNonNull(error, "error");
    String cut =
        error.length() > SessionExport.MAX_ERROR
            ? error.substring(0, SessionExport.MAX_ERROR)
            : error;
    return end(
        actor,
        tenant,
        exportId,
        version,
        ExportStatus.FAILED,
        Optional.of(cut.isBlank() ? "failed" : cut),
        Optional.empty());
  }

  private SessionExport end(
      Actor actor,
      String tenant,
      String exportId,
      long version,
      ExportStatus status,
      Optional<String> error,
      Optional<String> recordId) {
    Objects.requireNonNull(actor, "actor");
    return storage.inTransaction(
        tx -> {
          SessionExport stored = find(tx, tenant, exportId);
          if (stored.status() != ExportStatus.PENDING) {
            throw new ValidationException(
                "export "
                    + exportId
                    + " is "
                    + stored.status()
                    + ": only a pending export can end");
          }
          SessionRows.stale("export", exportId, stored.version(), version);
          SessionExport saved =
              tx.sessions()
                  .saveExport(
                      SessionExport.builder()
                          .from(stored)
                          .status(status)
                          .error(error)
                          .exportedAt(clock.instant())
                          .salesforceRecordId(recordId)
                          .build());
          record(tx, actor, saved, AuditAction.UPDATE, fields(stored));
          return saved;
        });
  }

  /** The exports of a session, oldest first. */
  public List<SessionExport> list(String tenant, String sessionId) {
    SessionRows.get(storage, tenant, sessionId);
    return storage.sessions().exports(tenant, sessionId);
  }

  /** The export, if the tenant has it. */
  public Optional<SessionExport> find(String tenant, String exportId) {
    return storage.sessions().findExport(tenant, exportId);
  }

  private static SessionExport find(Storage tx, String tenant, String exportId) {
    Objects.requireNonNull(exportId, "exportId");
    return tx.sessions()
        .findExport(tenant, exportId)
        .orElseThrow(
            () -> new NotFoundException("no export " + exportId + " for tenant " + tenant));
  }

  private void record(
      Storage tx, Actor actor, SessionExport e, AuditAction action, Map<String, String> before) {
    SessionAudit.record(
        audit,
        tx,
        actor,
        e.tenant(),
        ENTITY,
        e.sessionId() + "/" + e.id(),
        action,
        before,
        fields(e));
  }

  private static Map<String, String> fields(SessionExport e) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("format", e.format().name());
    f.put("status", e.status().name());
    e.error().ifPresent(v -> f.put("error", v));
    e.exportedAt().ifPresent(v -> f.put("exportedAt", v.toString()));
    e.salesforceRecordId().ifPresent(v -> f.put("salesforceRecordId", v));
    return f;
  }
}
