package io.github.discoverysdk.spi;

/** How a source is queried. */
public enum QueryMode {
  /**
   * The source is a feed: one query returns everything new since the cursor, whatever the profiles
   * (RSS, a job board of one company, a file).
   */
  FEED,
  /** The source is searched by term: one query per watchlist company, competitor or keyword. */
  SEARCH
}
