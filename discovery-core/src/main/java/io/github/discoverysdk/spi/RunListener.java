package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.RunProgress;
import io.github.discoverysdk.model.RunReport;
import java.util.List;

/**
 * Hears of every finished run (discovery, refresh, warm start) once its report is stored, of its
 * progress and of the outbox's deliveries: for metrics, dashboards and progress displays.
 * Registered with {@code DiscoveryEngine.Builder.addRunListener}. Called on the run's thread, in
 * the order registered; it should return quickly. An exception it throws is logged and ignored: a
 * listener never fails a run. Implementations must be thread-safe, since runs of several tenants
 * may finish at once.
 */
@FunctionalInterface
public interface RunListener {
  /** Called once per run, after its report was stored. */
  void onRunFinished(RunReport report);

  /**
   * Called as a run works: at the start of each stage ({@code done} 0) and after each step of it,
   * possibly from the run's worker threads. The default ignores it.
   */
  default void onProgress(RunProgress progress) {}

  /**
   * Called after each of the run's transactions commits, with the opportunities it wrote (new,
   * updated and changed), possibly from the run's worker threads: what a search index or a cache
   * takes in, never before the data is stored. Work that rolled back is never reported. A crash
   * between the commit and this call loses the call, so a listener that keeps a copy needs a way to
   * catch up (as {@code SearchSync.reconcile} does). The default ignores it.
   */
  default void onCommitted(String tenant, List<Opportunity> written) {}

  /**
   * Called after each attempt to deliver an outbox entry (during a run or a host's {@code
   * dispatch()}), on the delivering thread: for delivery metrics per sink. The default ignores it.
   */
  default void onDelivery(DeliveryEvent event) {}
}
