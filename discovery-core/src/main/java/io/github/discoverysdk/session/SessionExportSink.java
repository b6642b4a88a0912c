package io.github.discoverysdk.session;

import io.github.discoverysdk.session.catalogue.Catalogue;

/**
 * Writes a discovery session to another system (a CRM) as one record, for {@link
 * SessionExports#exportTo}: the engine records the export {@link ExportStatus#PENDING} and enqueues
 * an outbox entry in one transaction, and its outbox dispatcher calls {@link #export} with the
 * usual retries, backoff and dead letters, then ends the export {@link ExportStatus#SUCCESS} with
 * the record id, or {@link ExportStatus#FAILED} once the entry is dead.
 *
 * <p>Delivery is at least once: an attempt whose answer was lost (a timeout after the target wrote
 * the record) is made again, so an implementation must write idempotently, keyed by the session (an
 * upsert by an external id), so that a retry never creates a second record. Throw {@link
 * io.github.discoverysdk.SinkException} with {@code permanent} true when retrying cannot help (a
 * rejected payload, revoked credentials): the entry is then dead at once; any other exception is
 * retried. Registered with {@code DiscoveryEngine.Builder.addSessionExportSink}. Must be
 * thread-safe.
 */
public interface SessionExportSink {
  /** Unique among the engine's session export sinks. */
  String id();

  /** The format the exports of this sink are tracked as; {@link ExportFormat#SINK} by default. */
  default ExportFormat format() {
    return ExportFormat.SINK;
  }

  /**
   * Writes the session, idempotently by its id.
   *
   * @param tenant the session's tenant
   * @param view the session with its responses, notes and exports, as stored when sent
   * @param catalogue the engine's catalogue, for the questions' text
   * @return the id the target gave the record, at most 100 characters of letters, digits and {@code
   *     _ . : @ -}
   * @throws Exception a {@link io.github.discoverysdk.SinkException} saying whether retrying can
   *     help, or any other failure (retried)
   */
  String export(String tenant, SessionView view, Catalogue catalogue) throws Exception;
}
