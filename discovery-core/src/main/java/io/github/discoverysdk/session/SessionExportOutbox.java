package io.github.discoverysdk.session;

import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.SinkException;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxSubject;
import io.github.discoverysdk.session.catalogue.Catalogue;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.support.Fields;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outbox's side of session exports, for the engine's dispatcher: it sends a {@link
 * DeliveryKind#SESSION_EXPORT} entry's session to its {@link SessionExportSink}, then ends the
 * tracked {@link SessionExport}, audited as {@code system:outbox}: {@link ExportStatus#SUCCESS}
 * with the record id once the entry is sent (in the transaction that marks it), {@link
 * ExportStatus#FAILED} with the error once it is dead. Hosts do not call it. Thread-safe.
 */
public final class SessionExportOutbox {
  /** The subject type of an export's outbox entry: {@code ("session_export", exportId)}. */
  public static final String SUBJECT = SessionExports.ENTITY;

  private static final Actor OUTBOX = Actor.system("outbox");

  private final Storage storage;
  private final Catalogue catalogue;
  private final Map<String, SessionExportSink> sinks = new LinkedHashMap<>();
  private final SessionExports exports;

  /** For the engine, which builds one per engine. */
  public SessionExportOutbox(
      Storage storage,
      Clock clock,
      AuditLog audit,
      Catalogue catalogue,
      List<SessionExportSink> sinks) {
    this.storage = storage;
    this.catalogue = catalogue;
    sinks.forEach(s -> this.sinks.put(s.id(), s));
    this.exports =
        new SessionExports(
            storage,
            clock,
            () -> {
              throw new IllegalStateException("the outbox creates no export");
            },
            audit,
            catalogue,
            SessionHooks.none());
  }

  /** The outbox entry of an export to {@code sinkId}, due at once. */
  static OutboxEntry entry(String id, SessionExport export, String sinkId) {
    return OutboxEntry.builder()
        .id(id)
        .tenant(export.tenant())
        .sinkId(sinkId)
        .kind(DeliveryKind.SESSION_EXPORT)
        .subject(OutboxSubject.of(SUBJECT, export.id()))
        .dedupeKey(
            "session-export:" + export.tenant() + ":" + export.sessionId() + ":" + export.id())
        .nextAttemptAt(export.createdAt())
        .createdAt(export.createdAt())
        .updatedAt(export.createdAt())
        .build();
  }

  /**
   * Sends the entry's session to its sink.
   *
   * @return the record id the sink gave, or empty when nothing is owed (the export ended already)
   * @throws SinkException permanent if the sink is not registered, or the export or its session no
   *     longer exists
   * @throws io.github.discoverysdk.ValidationException if the sink returned no valid record id
   * @throws Exception what the sink threw
   */
  public Optional<String> send(OutboxEntry entry) throws Exception {
    SessionExport export = export(entry);
    if (export.status() != ExportStatus.PENDING) {
      return Optional.empty();
    }
    SessionExportSink sink = sinks.get(entry.sinkId());
    if (sink == null) {
      throw new SinkException(
          "no session export sink '" + entry.sinkId() + "' is registered", true);
    }
    SessionView view;
    try {
      view = SessionRows.view(storage, catalogue, entry.tenant(), export.sessionId());
    } catch (NotFoundException e) {
      throw new SinkException("session " + export.sessionId() + " no longer exists", true, e);
    }
    String recordId = sink.export(entry.tenant(), view, catalogue);
    Fields.identifier("the record id that sink '" + sink.id() + "' returned", recordId, 100);
    return Optional.of(recordId);
  }

  /**
   * Ends the entry's export as a success with the record id, if it is still pending; call it in the
   * transaction that marks the entry sent.
   */
  public void sent(OutboxEntry entry, String recordId) {
    pending(entry)
        .ifPresent(
            e -> exports.succeeded(OUTBOX, e.tenant(), e.id(), e.version(), Optional.of(recordId)));
  }

  /** Ends the entry's export as a failure with {@code error}, if it is still pending. */
  public void dead(OutboxEntry entry, String error) {
    pending(entry).ifPresent(e -> exports.failed(OUTBOX, e.tenant(), e.id(), e.version(), error));
  }

  private Optional<SessionExport> pending(OutboxEntry entry) {
    return storage.inTransaction(
        tx ->
            subjectId(entry)
                .flatMap(id -> tx.sessions().findExport(entry.tenant(), id))
                .filter(e -> e.status() == ExportStatus.PENDING));
  }

  private SessionExport export(OutboxEntry entry) throws SinkException {
    return subjectId(entry)
        .flatMap(id -> storage.sessions().findExport(entry.tenant(), id))
        .orElseThrow(
            () ->
                new SinkException(
                    "the session export of outbox entry " + entry.id() + " no longer exists",
                    true));
  }

  private static Optional<String> subjectId(OutboxEntry entry) {
    return entry.subject().filter(s -> s.type().equals(SUBJECT)).map(OutboxSubject::id);
  }
}
