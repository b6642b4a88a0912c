package io.github.discoverysdk.model;

/**
 * What a run did: a run of the discovery pipeline ({@link #DISCOVERY}, {@link #REFRESH}, {@link
 * #WARM_START}) or one step of the monthly closed-deal chain ({@code ICP_*}, from {@code
 * engine.closedDeals().refresh}), whose figures are in {@link RunReport#counts()}.
 */
public enum RunKind {
  /** Fetched new signals from the sources and matched them. */
  DISCOVERY,
  /** Refreshed tracked signals through their sources and archived what ended. */
  REFRESH,
  /**
   * Gave a new profile opportunities of similar profiles of its tenant, re-scored for it; no source
   * was called.
   */
  WARM_START,
  /**
   * Chain step: enriched the deals queued when they turned closed-won. Counts {@code deals}, {@code
   * contacts}, {@code accounts}, {@code cacheHits}, {@code enriched}, {@code calls}, {@code
   * knownMisses} and {@code failed}.
   */
  ICP_QUEUED_DEALS,
  /**
   * Chain step: enriched the closed deals, won and lost, of the lookback. Counts as {@link
   * #ICP_QUEUED_DEALS}.
   */
  ICP_ENRICH,
  /**
   * Chain step: derived the ideal customer profile. Counts {@code won}, {@code lost}, {@code
   * traits}.
   */
  ICP_DERIVE,
  /**
   * Chain step: applied the ICP to the opted-in profiles and proposed it to the others. Counts
   * {@code updated} and {@code proposals}.
   */
  ICP_UPDATE_PROFILES,
  /** Chain step: re-scored the open opportunities. Counts {@code open} and {@code moved}. */
  ICP_RESCORE;

  /**
   * Whether this is a run of the discovery pipeline (discovery, refresh, warm start), the runs that
   * {@code engine.health} and the figures of {@link RunAnalytics} are judged from; false for the
   * closed-deal chain's steps.
   */
  public boolean pipeline() {
    return this == DISCOVERY || this == REFRESH || this == WARM_START;
  }
}
