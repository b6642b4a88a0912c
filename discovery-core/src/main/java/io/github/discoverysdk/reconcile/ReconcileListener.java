package io.github.discoverysdk.reconcile;

/**
 * Hears of what the {@link Reconciliation} job finds: to raise alerts, count metrics or page
 * someone. Deduplicate on {@link Finding#key()}: a drift the job cannot repair is found again by
 * every run. Called on the job's thread, in the order registered; it should return quickly and be
 * thread-safe (tenants may be reconciled at once). An exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface ReconcileListener {
  /** Called once per finding, as soon as it is found (and repaired, if it could be). */
  void onFinding(Finding finding);

  /** Called once per tenant run, with its report, also when the lease was held elsewhere. */
  default void onFinished(ReconcileReport report) {}
}
