package io.github.discoverysdk.model;

import java.time.Duration;

/** How often a profile's discovery is due. */
public enum Frequency {
  HOURLY(Duration.ofHours(1)),
  DAILY(Duration.ofDays(1)),
  WEEKLY(Duration.ofDays(7)),
  /** Runs only when the host asks for it. */
  MANUAL(Duration.ZERO);

  private final Duration interval;

  Frequency(Duration interval) {
    this.interval = interval;
  }

  /** Time between two scheduled runs; zero for {@link #MANUAL}. */
  public Duration interval() {
    return interval;
  }
}
