package io.github.discoverysdk.connectors.http;

/**
 * A {@link ConnectorException} together with the requests spent before it, so that {@link
 * CallLedger} reports the count; the ledger rethrows the wrapped exception, never this one.
 */
final class CountedFailure extends ConnectorException {
  private static final long serialVersionUID = 1L;
  final transient ConnectorException exception;
  final int requests;

  CountedFailure(ConnectorException e, int requests) {
    super(e.kind(), e.sourceId(), e.getMessage());
    this.exception = e;
    this.requests = requests;
  }
}
