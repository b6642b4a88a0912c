package io.github.discoverysdk.session;

/** Where a session was exported to. */
public enum ExportFormat {
  JSON,
  CSV,
  /** A Task in Salesforce, upserted by external id. */
  SALESFORCE
}
