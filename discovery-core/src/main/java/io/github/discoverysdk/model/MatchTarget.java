package io.github.discoverysdk.model;

/** Which part of a profile a {@link Match} satisfied. */
public enum MatchTarget {
  WATCHLIST,
  COMPETITOR,
  TITLE,
  KEYWORD,
  INDUSTRY,
  REGION;

  /**
   * Whether a match of this target alone can make an opportunity. Industry and region only refine
   * the fit of a signal that matched something else.
   */
  public boolean isAnchor() {
    return this != INDUSTRY && this != REGION;
  }
}
