package io.github.discoverysdk;

import static io.github.discoverysdk.access.Permission.*;

import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.access.Scope;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.model.RecordJobHealth;
import io.github.discoverysdk.recordjobs.Records;
import io.github.discoverysdk.records.Conversion;
import io.github.discoverysdk.records.QueueChange;
import io.github.discoverysdk.records.QueueQuery;
import io.github.discoverysdk.records.RecordJob;
import io.github.discoverysdk.records.TrackedRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Tracking of a system of record as one principal sees it ({@link SecuredEngine#records()}): the
 * jobs and their health, the queues of its own records (or its team's, or all), conversions, and
 * running a job by hand. A tracked record belongs to its owner column's user. Each call needs the
 * permission its documentation names. Immutable and thread-safe.
 */
public final class SecuredRecords {
  private final Records records;
  private final Guard guard;
  private final Principal principal;
  private final Actor actor;
  private final String tenant;

  SecuredRecords(EngineParts parts, Principal principal, Actor actor) {
    this.records = parts.records();
    this.guard = parts.guard();
    this.principal = principal;
    this.actor = actor;
    this.tenant = principal.tenant();
  }

  /** The tenant's record jobs. Needs {@code HEALTH_READ}. */
  public List<RecordJob> jobs() {
    guard.require(principal, actor, HEALTH_READ, tenant, "tenant", tenant);
    return records.jobs(tenant);
  }

  /** The health of each of the tenant's record jobs. Needs {@code HEALTH_READ}. */
  public List<RecordJobHealth> health() {
    guard.require(principal, actor, HEALTH_READ, tenant, "tenant", tenant);
    return records.health(tenant);
  }

  /** Runs a job now ({@link Records#run}). Needs {@code RUN} over the whole tenant. */
  public RecordJobHealth run(String job) {
    guard.requireTenantWide(principal, actor, RUN, tenant, "record-job", String.valueOf(job));
    return records.run(tenant, job);
  }

  /** Backfills a job ({@link Records#backfill}). Needs {@code RUN} over the whole tenant. */
  public RecordJobHealth backfill(String job) {
    guard.requireTenantWide(principal, actor, RUN, tenant, "record-job", String.valueOf(job));
    return records.backfill(tenant, job);
  }

  /**
   * A page of a queue ({@link Records#queue}). Needs {@code FEED_READ}; without it over the whole
   * tenant, the query must name an owner in the principal's scope (itself, or for {@link
   * Scope#TEAM} a member of its teams).
   */
  public List<TrackedRecord> queue(QueueQuery query) {
    Objects.requireNonNull(query, "query");
    Scope scope = guard.require(principal, actor, FEED_READ, tenant, "queue", query.queue());
    if (scope != Scope.TENANT) {
      String owner =
          query
              .owner()
              .orElseThrow(
                  () ->
                      guard.deny(
                          principal,
                          actor,
                          FEED_READ,
                          "queue",
                          query.queue(),
                          "a whole queue needs FEED_READ over the whole tenant: name an owner"));
      if (!guard.covers(principal, scope, new Guard.Owner(owner, Optional.empty()))) {
        throw guard.deny(
            principal,
            actor,
            FEED_READ,
            "queue",
            query.queue(),
            "owner " + owner + " out of scope");
      }
    }
    return records.queue(tenant, query);
  }

  /** The tenant's conversions. Needs {@code ANALYTICS_READ} over the whole tenant. */
  public List<Conversion> conversions(long afterSequence, int limit) {
    guard.requireTenantWide(principal, actor, ANALYTICS_READ, tenant, "tenant", tenant);
    return records.conversions(tenant, afterSequence, limit);
  }

  /** The queue changes of one record. Needs {@code FEED_READ} over the whole tenant. */
  public List<QueueChange> queueChanges(String type, String key, int limit) {
    guard.requireTenantWide(principal, actor, FEED_READ, tenant, "record", String.valueOf(key));
    return records.queueChanges(tenant, type, key, limit);
  }
}
