package io.github.discoverysdk.connectors.sinks;

import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertSink;

/**
 * What the alert sinks that post over HTTP share: the sink id, the toolkit, and connector failures
 * of a delivery turned into typed {@link DeliveryException}s. Immutable and thread-safe when the
 * subclass is.
 */
abstract class HttpAlertSink implements AlertSink {
  final String id;
  final HttpToolkit http;

  HttpAlertSink(String id, HttpToolkit http) {
    this.id = id;
    this.http = http;
  }

  @Override
  public final String id() {
    return id;
  }

  /**
   * Delivers {@code alert}.
   *
   * @throws DeliveryException typed by what failed; {@link DeliveryException#permanent()} when
   *     retrying cannot help
   */
  @Override
  public final void deliver(Alert alert) throws DeliveryException, InterruptedException {
    SinkSupport.delivering(id, () -> send(alert));
  }

  /** Sends {@code alert}. */
  abstract void send(Alert alert) throws ConnectorException, InterruptedException;
}
