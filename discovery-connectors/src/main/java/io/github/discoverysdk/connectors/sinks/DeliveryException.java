package io.github.discoverysdk.connectors.sinks;

import io.github.discoverysdk.SinkException;
import io.github.discoverysdk.connectors.http.ConnectorException;
import java.util.Objects;
import java.util.Optional;

/**
 * A sink of this package failed to deliver: the {@link SinkException} the engine's outbox reads
 * ({@link #permanent()}: mark DEAD at once, else retry with backoff), carrying what failed as a
 * {@link ConnectorException.Kind}, the HTTP or SMTP status and the service's own error code. The
 * {@link ConnectorException} it came from is the cause. Messages never contain credentials, a
 * webhook URL's secret path or a query string.
 */
public final class DeliveryException extends SinkException {
  private static final long serialVersionUID = 1L;

  private final String sinkId;
  private final ConnectorException.Kind kind;
  private final int status;
  private final String serviceCode;

  private DeliveryException(String sinkId, ConnectorException cause) {
    super("sink '" + sinkId + "': " + cause.getMessage(), cause.permanent(), cause);
    this.sinkId = sinkId;
    this.kind = cause.kind();
    this.status = cause.status();
    this.serviceCode = cause.responseSnippet().orElse(null);
  }

  /** {@code cause}, as a delivery failure of sink {@code sinkId}. */
  static DeliveryException of(String sinkId, ConnectorException cause) {
    return new DeliveryException(Objects.requireNonNull(sinkId), Objects.requireNonNull(cause));
  }

  /** The failing sink's id. */
  public String sinkId() {
    return sinkId;
  }

  /** What failed: unauthorized, rate limited, unavailable, missing credentials, ... */
  public ConnectorException.Kind kind() {
    return kind;
  }

  /** The last HTTP status (or SMTP reply code), 0 when there was none. */
  public int status() {
    return status;
  }

  /**
   * The start of the service's error answer, for example Slack's {@code channel_not_found} or a
   * Salesforce error array; empty when there was none.
   */
  public Optional<String> serviceCode() {
    return Optional.ofNullable(serviceCode);
  }
}
