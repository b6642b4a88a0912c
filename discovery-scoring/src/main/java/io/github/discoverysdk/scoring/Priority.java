package io.github.discoverysdk.scoring;

/** Recommended priority of an opportunity, from its conversion probability. */
public enum Priority {
  /** Probability at least 0.6: act today. */
  P1,
  /** At least 0.35: act this week. */
  P2,
  /** At least 0.15: when there is time. */
  P3,
  /** Below 0.15: nurture or ignore. */
  P4;

  /** The priority of a conversion probability. */
  public static Priority of(double probability) {
    if (probability >= 0.6) {
      return P1;
    }
    if (probability >= 0.35) {
      return P2;
    }
    return probability >= 0.15 ? P3 : P4;
  }
}
