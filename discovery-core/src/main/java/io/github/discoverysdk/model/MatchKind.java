package io.github.discoverysdk.model;

/** How a {@link Match} was made. */
public enum MatchKind {
  /** The term itself, after normalisation. */
  EXACT,
  /** One of the company's aliases. */
  ALIAS,
  /** One of the company's web domains. */
  DOMAIN,
  /** A near miss: typo, spacing, abbreviation. */
  FUZZY,
  /**
   * One of the company's stock tickers, written as a ticker: after its exchange ({@code "NYSE:
   * CRM"}), as a cashtag ({@code "$CRM"}) or after the word {@code ticker}.
   */
  TICKER
}
