package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.Signal;
import java.util.Objects;
import java.util.function.ObjIntConsumer;
import java.util.function.Predicate;

/**
 * An ingestion processor: the run pipeline hands it every signal a source returned (fetched,
 * refreshed or read from the shared cache) before the signal is cached, stored, matched, logged or
 * delivered, and keeps what it returns instead. The SDK's default is the PII redactor of {@code
 * discovery-connectors} ({@code PiiRedactor}); processors run in the order they were added.
 *
 * <p>A processor is switched per tenant by {@link #enabledFor}: the pipeline skips it for a tenant
 * it answers {@code false} for. {@link #forTenants} wraps any processor with a tenant predicate.
 *
 * <p><b>Failures fail closed.</b> A processor that throws makes the pipeline reject the signal (it
 * is counted as a rejected record and neither stored nor matched), so that a signal it should have
 * cleaned is never stored as it came. The exception's message is not logged, only its class: it may
 * quote the text being processed.
 *
 * <p><b>Shared cache.</b> Answers of a source shared across tenants are cached after the processors
 * of the tenant whose run fetched them ran, and processed again when a run reads them back.
 * Processors should therefore be idempotent (a redacted text redacts to itself). A tenant for which
 * no processor is enabled caches what it fetched as it came: a host that must keep raw text out of
 * the shared cache enables its redactor for every tenant that reads shared sources.
 *
 * <p><b>Tenant.</b> The run pipeline calls {@link #process(String, Signal, ObjIntConsumer)} with
 * the run's tenant; a processor that needs it (per-tenant credentials, a cost ledger, a per-tenant
 * model) overrides that form, one that does not implements only {@link #process(Signal,
 * ObjIntConsumer)}, which the tenant form calls by default. A signal read back from the shared
 * cache is processed with the tenant of the run reading it, not the one that fetched it.
 *
 * <p>Implementations must be thread-safe: one run processes pages of different queries
 * concurrently, and runs of different tenants share the processor.
 */
public interface SignalProcessor {
  /** A stable id for logs and errors, for example {@code "pii"}. */
  String id();

  /**
   * Whether this processor runs for {@code tenant}'s signals. Default {@code true}.
   *
   * @param tenant the tenant of the run
   */
  default boolean enabledFor(String tenant) {
    return true;
  }

  /**
   * Returns the processed signal ({@code signal} itself when nothing changed), and reports what it
   * did through {@code counts}: one call per kind with how many were found, for example {@code
   * ("EMAIL", 2)}. The run report sums them in {@code RunReport.redactions()}.
   *
   * @param signal a signal as its source built it
   * @param counts takes a kind (a short upper-case word) and a positive count; thread-confined
   * @return the signal to cache, store and match; never null
   */
  Signal process(Signal signal, ObjIntConsumer<String> counts);

  /**
   * {@link #process(Signal, ObjIntConsumer)} for {@code tenant}'s run: what the run pipeline calls.
   * The default ignores the tenant; override it when processing needs the tenant.
   *
   * @param tenant the tenant of the run; for a signal read from the shared cache, the tenant
   *     reading it
   * @param signal a signal as its source built it
   * @param counts as for {@link #process(Signal, ObjIntConsumer)}
   * @return the signal to cache, store and match; never null
   */
  default Signal process(String tenant, Signal signal, ObjIntConsumer<String> counts) {
    return process(signal, counts);
  }

  /** {@code processor}, enabled only for the tenants {@code tenants} accepts (and its own). */
  static SignalProcessor forTenants(SignalProcessor processor, Predicate<String> tenants) {
    Objects.requireNonNull(processor, "processor");
    Objects.requireNonNull(tenants, "tenants");
    return new SignalProcessor() {
      @Override
      public String id() {
        return processor.id();
      }

      @Override
      public boolean enabledFor(String tenant) {
        return tenants.test(tenant) && processor.enabledFor(tenant);
      }

      @Override
      public Signal process(Signal signal, ObjIntConsumer<String> counts) {
        return processor.process(signal, counts);
      }

      @Override
      public Signal process(String tenant, Signal signal, ObjIntConsumer<String> counts) {
        return processor.process(tenant, signal, counts);
      }

      @Override
      public String toString() {
        return processor + " (some tenants)";
      }
    };
  }
}
