package io.github.discoverysdk.session;

/** The state of an export: pending, then success or failed (with the error). */
public enum ExportStatus {
  PENDING,
  SUCCESS,
  FAILED
}
