package io.github.discoverysdk.samples.leadqueue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The sample's simulated time: hours pass in milliseconds. Between two {@link #set} calls it ticks
 * with the real time, so that the jobs' processing times in their health are real. Thread-safe.
 */
final class SimulatedClock extends Clock {
  private volatile Instant now;
  private volatile long setAt = System.nanoTime();

  SimulatedClock(Instant start) {
    this.now = start;
  }

  void set(Instant instant) {
    this.now = instant;
    this.setAt = System.nanoTime();
  }

  void advance(Duration d) {
    set(instant().plus(d));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now.plusNanos(System.nanoTime() - setAt);
  }
}
