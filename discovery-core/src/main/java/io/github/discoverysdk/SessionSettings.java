package io.github.discoverysdk;

import io.github.discoverysdk.session.SessionExportSink;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The builder's settings of discovery sessions beside the catalogue: the export sinks, and the
 * tenants whose completed sessions are applied to their owners' profiles. Immutable; the sinks and
 * the predicate are the host's.
 */
record SessionSettings(List<SessionExportSink> exportSinks, Predicate<String> applyOnCompletion) {
  SessionSettings {
    exportSinks = List.copyOf(exportSinks);
    Objects.requireNonNull(applyOnCompletion, "applyOnCompletion");
  }
}
