package io.github.discoverysdk;

import io.github.discoverysdk.reconcile.FindingSink;
import io.github.discoverysdk.reconcile.ReconcileListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The builder's settings of the reconciliation job: the sinks its findings are alerted to, its
 * listeners, and how often {@code runDue()} runs it per tenant (empty: only when called).
 * Immutable; the sinks and listeners are the host's.
 */
record ReconcileSettings(
    List<FindingSink> findingSinks, List<ReconcileListener> listeners, Optional<Duration> every) {
  ReconcileSettings {
    findingSinks = List.copyOf(findingSinks);
    listeners = List.copyOf(listeners);
  }
}
