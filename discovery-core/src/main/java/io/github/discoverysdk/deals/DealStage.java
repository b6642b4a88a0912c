package io.github.discoverysdk.deals;

/**
 * Where a deal stands, normalised from a CRM's own pipeline stages: every source maps its stages
 * onto these three, so that the SDK never interprets a CRM-specific stage name.
 */
public enum DealStage {
  /** Not closed yet, whatever the CRM's stage. */
  OPEN,
  /** Closed and won. */
  CLOSED_WON,
  /** Closed and lost. */
  CLOSED_LOST;

  /** Whether the deal is closed, won or lost. */
  public boolean closed() {
    return this != OPEN;
  }
}
