package io.github.discoverysdk.spi;

/**
 * Delivers critical alerts (Slack, email, webhook). Must be thread-safe, and should deduplicate by
 * {@link Alert#dedupeKey()}, since delivery is at least once. A failure is logged and counted by
 * the engine and never fails the run.
 */
public interface AlertSink {
  String id();

  void deliver(Alert alert) throws Exception;
}
