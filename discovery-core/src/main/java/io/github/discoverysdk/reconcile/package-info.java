/**
 * The reconciliation job: finds where what the outbox, the CRM, the search index, the tracked
 * signals and the review queue believe no longer agrees with storage, repairs what it safely can,
 * and reports every finding with a stable key. Start at {@link
 * io.github.discoverysdk.reconcile.Reconciliation}.
 */
package io.github.discoverysdk.reconcile;
