package io.github.discoverysdk.model;

/** Where a team stands on an opportunity shared with it. */
public enum TeamStatus {
  /** Shared, not yet taken up. */
  NEW,
  /** Someone on the team works on it. */
  WORKING,
  /** It became business. */
  WON,
  /** The team decided not to pursue it. */
  PASSED
}
