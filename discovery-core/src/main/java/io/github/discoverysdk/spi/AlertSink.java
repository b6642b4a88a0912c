package io.github.discoverysdk.spi;

import java.util.List;

/**
 * Delivers critical alerts (Slack, email, webhook). Must be thread-safe, and should deduplicate by
 * {@link Alert#dedupeKey()}, since delivery is at least once. A failure is logged and counted by
 * the engine and never fails the run.
 */
public interface AlertSink {
  String id();

  /**
   * Delivers one alert.
   *
   * @throws io.github.discoverysdk.SinkException with {@code permanent()} when retrying cannot help
   */
  void deliver(Alert alert) throws Exception;

  /**
   * Delivers a profile's daily digest: several alerts at once. The default delivers them one by
   * one; a sink that can should send one message.
   */
  default void deliverDigest(List<Alert> alerts) throws Exception {
    for (Alert alert : alerts) {
      deliver(alert);
    }
  }
}
