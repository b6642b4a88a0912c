package io.github.discoverysdk;

import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.reconcile.ReconcileReport;
import io.github.discoverysdk.reconcile.Reconciliation;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code runDue()}'s reconciliation: each tenant is reconciled once its last reconciliation is
 * {@code every} old, remembered as a watermark under {@link #SOURCE} so that every engine sharing
 * the store agrees; the job's own lease keeps two engines from reconciling a tenant at once.
 * Without a period nothing runs. A failing tenant is logged and the others go on. Thread-safe.
 */
final class ReconcileDue implements Runnable {
  /** Watermark "source" under which the engine remembers each tenant's last reconciliation. */
  static final String SOURCE = "_engine.reconcile";

  private static final Logger log = LoggerFactory.getLogger(ReconcileDue.class);

  private final Storage storage;
  private final Clock clock;
  private final Reconciliation job;
  private final Optional<Duration> every;

  ReconcileDue(Storage storage, Clock clock, Reconciliation job, Optional<Duration> every) {
    this.storage = storage;
    this.clock = clock;
    this.job = job;
    this.every = every;
  }

  @Override
  public void run() {
    if (every.isEmpty()) {
      return;
    }
    for (String tenant : storage.profiles().tenants()) {
      try {
        runIfDue(tenant, every.get());
      } catch (RuntimeException e) {
        log.warn("scheduled reconcile of tenant {} failed: {}", tenant, e.toString());
      }
    }
  }

  private void runIfDue(String tenant, Duration period) {
    Instant now = clock.instant();
    Optional<Instant> last =
        storage
            .sourceState()
            .findWatermark(tenant, SOURCE, "last")
            .map(w -> Instant.ofEpochMilli(Long.parseLong(w.cursor())));
    if (last.isPresent() && now.isBefore(last.get().plus(period))) {
      return;
    }
    ReconcileReport report = job.run(tenant);
    if (report.ran()) {
      storage
          .sourceState()
          .saveWatermark(
              Watermark.builder()
                  .tenant(tenant)
                  .sourceId(SOURCE)
                  .queryKey("last")
                  .cursor(Long.toString(now.toEpochMilli()))
                  .updatedAt(now)
                  .build());
    }
  }
}
