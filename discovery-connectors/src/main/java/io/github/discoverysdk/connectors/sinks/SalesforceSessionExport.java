package io.github.discoverysdk.connectors.sinks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.session.ExportFormat;
import io.github.discoverysdk.session.Note;
import io.github.discoverysdk.session.Response;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.SessionExportSink;
import io.github.discoverysdk.session.SessionView;
import io.github.discoverysdk.session.catalogue.Catalogue;
import io.github.discoverysdk.session.catalogue.Question;
import io.github.discoverysdk.spi.Secret;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Exports discovery sessions to Salesforce as a Task with the key answers and notes, through the
 * HTTP code of a {@link SalesforceSink} (its token, instance URL, retries and breaker): the Task is
 * upserted by the sink's external id field under the key {@code discovery-session:{tenant}:{id}},
 * so every export of a session, and every retry after a timeout, writes the same record.
 *
 * <p>A {@link SessionExportSink}: register it with {@code
 * DiscoveryEngine.Builder.addSessionExportSink} and export with {@code
 * sessions().exports().exportTo(actor, tenant, sessionId, "salesforce")} (or {@code
 * as(principal).sessions().exportTo}). The export goes through the engine's outbox: it is tracked
 * as a {@code SessionExport} of format {@link ExportFormat#SALESFORCE}, pending until the Task is
 * written, then success with the Task's Salesforce id; a timeout, a 429 or a 5xx left after the
 * toolkit's own retries is retried by the outbox with backoff, and a refusal (400, 401, 403) makes
 * the entry dead and the export failed with the error. Its id is the {@link SalesforceSink}'s.
 * Immutable and thread-safe.
 */
public final class SalesforceSessionExport implements SessionExportSink {
  private final SalesforceSink sink;

  private SalesforceSessionExport(SalesforceSink sink) {
    this.sink = sink;
  }

  /** An export through {@code sink}'s token, instance and HTTP settings, with its id. */
  public static SalesforceSessionExport using(SalesforceSink sink) {
    return new SalesforceSessionExport(Objects.requireNonNull(sink, "sink"));
  }

  /** The Task's external id of a session. */
  public static String externalId(String tenant, String sessionId) {
    return "discovery-session:" + tenant + ":" + sessionId;
  }

  @Override
  public String id() {
    return sink.id();
  }

  /** {@link ExportFormat#SALESFORCE}. */
  @Override
  public ExportFormat format() {
    return ExportFormat.SALESFORCE;
  }

  /**
   * Upserts the session's Task by its external id.
   *
   * @return the Task's Salesforce id
   * @throws DeliveryException typed by what failed; {@link DeliveryException#permanent()} when
   *     retrying cannot help (a refusal, missing credentials)
   * @throws InterruptedException if interrupted while waiting to retry
   */
  @Override
  public String export(String tenant, SessionView view, Catalogue catalogue)
      throws DeliveryException, InterruptedException {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(view, "view");
    Objects.requireNonNull(catalogue, "catalogue");
    String[] recordId = new String[1];
    SinkSupport.delivering(
        sink.id(),
        () -> {
          Secret token = sink.token(tenant);
          recordId[0] =
              sink.upsertRecord(
                  tenant,
                  token,
                  "Task",
                  externalId(tenant, view.session().id()),
                  task(catalogue, view));
        });
    return recordId[0];
  }

  @Override
  public String toString() {
    return "SalesforceSessionExport[" + sink.id() + "]";
  }

  private static ObjectNode task(Catalogue catalogue, SessionView view) {
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
          catalogue.question(r.questionId()).map(Question::text).orElse(r.questionId());
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
