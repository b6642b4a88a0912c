package io.github.discoverysdk.session;

/**
 * An export as tracked, with the document written ({@code ""} when it failed). Immutable.
 *
 * @param export the tracked export: {@link ExportStatus#SUCCESS} or {@link ExportStatus#FAILED}
 * @param content the JSON or CSV document
 */
public record ExportResult(SessionExport export, String content) {}
