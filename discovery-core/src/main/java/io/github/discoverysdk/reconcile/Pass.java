package io.github.discoverysdk.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation of one tenant while it holds the lease: what the checks share, and what they
 * found. Used by one thread.
 */
final class Pass {
  private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

  final Reconciliation.Settings settings;
  final String tenant;
  final Instant now;
  private final List<Finding> findings = new ArrayList<>();
  private final List<Finding> alertable = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();

  Pass(Reconciliation.Settings settings, String tenant, Instant now) {
    this.settings = settings;
    this.tenant = tenant;
    this.now = now;
  }

  /** Records a finding, to be alerted through the outbox, and tells the listeners at once. */
  void found(Finding finding) {
    found(finding, true);
  }

  /**
   * Records a finding and tells the listeners at once; {@code alert} false keeps it out of the
   * outbox (a finding about a finding's own alert would otherwise alert again and again).
   */
  void found(Finding finding, boolean alert) {
    if (alert) {
      alertable.add(finding);
    }
    findings.add(finding);
    for (ReconcileListener l : settings.listeners()) {
      try {
        l.onFinding(finding);
      } catch (RuntimeException e) {
        log.warn("a reconcile listener failed on {}: {}", finding.key(), e.toString());
      }
    }
  }

  /** Notes a check that could not be made; the others go on. */
  void error(String what, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    String message = what + ": " + e.getClass().getSimpleName();
    errors.add(message);
    log.warn("reconcile of tenant {}: {}", tenant, message);
  }

  List<Finding> findings() {
    return findings;
  }

  /** The findings to alert through the outbox, in the order found. */
  List<Finding> alertable() {
    return alertable;
  }

  List<String> errors() {
    return errors;
  }
}
