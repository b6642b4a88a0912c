package io.github.discoverysdk.model;

/** Orders of the opportunity feed. Ties are broken by id, so paging is stable. */
public enum FeedSort {
  /** Highest score first, then newest. */
  RELEVANCE,
  /** Newest publication first, then highest score. */
  DATE,
  /** Most urgent first, then earliest outreach date. */
  URGENCY
}
