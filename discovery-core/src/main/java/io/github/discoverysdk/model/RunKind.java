package io.github.discoverysdk.model;

/** What a run did. */
public enum RunKind {
  /** Fetched new signals from the sources and matched them. */
  DISCOVERY,
  /** Refreshed tracked signals through their sources and archived what ended. */
  REFRESH,
  /**
   * Gave a new profile opportunities of similar profiles of its tenant, re-scored for it; no source
   * was called.
   */
  WARM_START
}
