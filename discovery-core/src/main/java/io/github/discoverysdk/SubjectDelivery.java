package io.github.discoverysdk;

import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.reconcile.FindingOutbox;
import io.github.discoverysdk.session.SessionExportOutbox;
import io.github.discoverysdk.spi.Storage;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link OutboxDispatcher}'s branch for the entries that are not about an opportunity ({@link
 * DeliveryKind#aboutOpportunity()} false): a session export is sent through {@link
 * SessionExportOutbox}, and its export ends in the transaction that marks the entry sent, or as
 * failed once the entry is dead; a reconciliation finding is sent through {@link FindingOutbox}.
 * The dispatcher keeps the claim, the retries and the backoff. Thread-safe.
 */
final class SubjectDelivery {
  private static final Logger log = LoggerFactory.getLogger(SubjectDelivery.class);

  private final Storage storage;
  private final SessionExportOutbox sessionExports;
  private final FindingOutbox findings;

  SubjectDelivery(Storage storage, SessionExportOutbox sessionExports, FindingOutbox findings) {
    this.storage = storage;
    this.sessionExports = sessionExports;
    this.findings = findings;
  }

  /**
   * Sends one claimed entry.
   *
   * @param failed records a failed attempt and returns the error if the entry is now dead
   * @param sent the entry marked sent, to save
   * @return 1 if it was sent, else 0
   */
  int deliver(
      OutboxEntry entry,
      BiFunction<OutboxEntry, Exception, Optional<String>> failed,
      UnaryOperator<OutboxEntry> sent) {
    if (entry.kind() == DeliveryKind.RECONCILE_FINDING) {
      return finding(entry, failed, sent);
    }
    if (entry.kind() != DeliveryKind.SESSION_EXPORT) {
      failed.apply(
          entry, new SinkException("no delivery of kind " + entry.kind() + " is registered", true));
      return 0;
    }
    Optional<String> recordId;
    try {
      recordId = sessionExports.send(entry);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      failed.apply(entry, e).ifPresent(why -> sessionExports.dead(entry, why));
      return 0;
    }
    try {
      storage.inTransaction(
          tx -> {
            tx.outbox().save(sent.apply(entry));
            recordId.ifPresent(id -> sessionExports.sent(entry, id));
            return null;
          });
    } catch (ConcurrentUpdateException e) {
      // Another dispatcher marked it after this one's claim expired: its word stands.
      log.debug("outbox entry {} was updated elsewhere: {}", entry.id(), e.getMessage());
    }
    return 1;
  }

  private int finding(
      OutboxEntry entry,
      BiFunction<OutboxEntry, Exception, Optional<String>> failed,
      UnaryOperator<OutboxEntry> sent) {
    try {
      findings.send(entry);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      failed.apply(entry, e);
      return 0;
    }
    try {
      storage.outbox().save(sent.apply(entry));
    } catch (ConcurrentUpdateException e) {
      log.debug("outbox entry {} was updated elsewhere: {}", entry.id(), e.getMessage());
    }
    return 1;
  }
}
