package io.github.discoverysdk.connectors.sinks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.session.ExportFormat;
import io.github.discoverysdk.session.Note;
import io.github.discoverysdk.session.Response;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.SessionExport;
import io.github.discoverysdk.session.SessionView;
import io.github.discoverysdk.session.Sessions;
import io.github.discoverysdk.session.catalogue.Question;
import io.github.discoverysdk.spi.Secret;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Exports a discovery session to Salesforce as a Task with its key answers and notes, through the
 * HTTP code of a {@link SalesforceSink} (its token, instance URL, retries and breaker): the Task is
 * upserted by the sink's external id field under the key {@code discovery-session:{tenant}:{id}},
 * so every export of a session, and every retry after a timeout, writes the same record. Each
 * export is tracked as a {@link SessionExport} of format {@link ExportFormat#SALESFORCE}: pending
 * before the request, then success with the Salesforce record id, or failed with the error.
 * Immutable and thread-safe.
 */
public final class SalesforceSessionExport {
  private final SalesforceSink sink;

  private SalesforceSessionExport(SalesforceSink sink) {
    this.sink = sink;
  }

  /** An export through {@code sink}'s token, instance and HTTP settings. */
  public static SalesforceSessionExport using(SalesforceSink sink) {
    return new SalesforceSessionExport(Objects.requireNonNull(sink, "sink"));
  }

  /** The Task's external id of a session. */
  public static String externalId(String tenant, String sessionId) {
    return "discovery-session:" + tenant + ":" + sessionId;
  }

  /**
   * Writes the session as a Task and tracks the export. A failure of Salesforce (after the
   * toolkit's retries) is recorded on the export and returned, not thrown: export again to retry,
   * which updates the same Task.
   *
   * @return the export, {@code SUCCESS} with the Task's id or {@code FAILED} with the error
   * @throws io.github.discoverysdk.NotFoundException if there is no such session
   * @throws InterruptedException if interrupted while waiting to retry
   */
  public SessionExport export(Sessions sessions, Actor actor, String tenant, String sessionId)
      throws InterruptedException {
    Objects.requireNonNull(sessions, "sessions");
    SessionView view = sessions.view(tenant, sessionId);
    SessionExport pending =
        sessions.exports().start(actor, tenant, sessionId, ExportFormat.SALESFORCE);
    try {
      Secret token = sink.token(tenant);
      String recordId =
          sink.upsertRecord(
              tenant, token, "Task", externalId(tenant, sessionId), task(sessions, view));
      return sessions
          .exports()
          .succeeded(actor, tenant, pending.id(), pending.version(), Optional.of(recordId));
    } catch (ConnectorException e) {
      return sessions
          .exports()
          .failed(actor, tenant, pending.id(), pending.version(), e.getMessage());
    }
  }

  private static ObjectNode task(Sessions sessions, SessionView view) {
    Session s = view.session();
    ObjectNode body = SinkSupport.JSON.createObjectNode();
    body.put(
        "Subject",
        SinkSupport.truncate(
            "Discovery session: " + s.accountName() + " (" + s.vertical() + ")", 255));
    body.put("Status", s.completedAt().isPresent() ? "Completed" : "In Progress");
    body.put("Priority", "Normal");
    body.put(
        "ActivityDate",
        LocalDate.ofInstant(s.completedAt().orElse(s.updatedAt()), ZoneOffset.UTC).toString());
    StringBuilder d = new StringBuilder("Key answers:\n");
    for (Response r : view.responses()) {
      String question =
          sessions.catalogue().question(r.questionId()).map(Question::text).orElse(r.questionId());
      d.append("- ").append(question).append(' ').append(answer(r)).append('\n');
    }
    if (!view.notes().isEmpty()) {
      d.append("Notes:\n");
      for (Note n : view.notes()) {
        d.append("- [").append(n.type()).append("] ").append(n.text()).append('\n');
      }
    }
    d.append("Session ").append(s.id()).append(" by ").append(s.owner());
    body.put("Description", SinkSupport.truncate(d.toString(), 32_000));
    return body;
  }

  private static String answer(Response r) {
    var a = r.answer();
    switch (a.type()) {
      case VENDOR_MULTI:
        java.util.List<String> all = new java.util.ArrayList<>(a.selected());
        all.addAll(a.freeForm());
        return String.join(", ", all);
      case SIZING:
        return a.sizing().toString();
      default:
        return a.value();
    }
  }
}
