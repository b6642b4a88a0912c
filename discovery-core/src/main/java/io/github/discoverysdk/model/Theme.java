package io.github.discoverysdk.model;

/**
 * What a signal is about, from the SDK's theme taxonomy. A theme detector (see {@code
 * spi.ThemeDetector}) assigns them; a signal may carry several, or none.
 */
public enum Theme {
  /** A funding round, an investment, an IPO or debt raise. */
  FUNDING,
  /** Layoffs, job cuts, restructuring that reduces headcount. */
  LAYOFFS,
  /** An executive joins, leaves, is promoted or replaced. */
  LEADERSHIP_CHANGE,
  /** A new office, market, country, site or a hiring push. */
  EXPANSION,
  /** Mergers and acquisitions: a company buys, merges with or is bought by another. */
  MERGERS_ACQUISITIONS,
  /** A new product, feature or service is launched or made generally available. */
  PRODUCT_LAUNCH,
  /** A breach, a ransomware attack, an outage caused by an attack, a data leak. */
  SECURITY_INCIDENT,
  /** A partnership, alliance, integration or reseller agreement. */
  PARTNERSHIP,
  /** A regulator's action, a fine, a licence, an investigation, a new rule that applies. */
  REGULATORY
}
