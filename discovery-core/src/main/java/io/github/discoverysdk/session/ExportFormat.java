package io.github.discoverysdk.session;

/** Where a session was exported to. */
public enum ExportFormat {
  JSON,
  CSV,
  /** A Task in Salesforce, upserted by external id through the outbox. */
  SALESFORCE,
  /** A record written through the outbox by another {@link SessionExportSink}. */
  SINK
}
