package io.github.discoverysdk.session;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.support.Fields;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One export of a session, tracked: {@link ExportStatus#PENDING}, then {@link ExportStatus#SUCCESS}
 * with its time (and, for Salesforce, the record id) or {@link ExportStatus#FAILED} with the error.
 * {@link #version()} as on every stored value. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface SessionExport {
  /** Longest error text kept. */
  int MAX_ERROR = 2_000;

  String tenant();

  String sessionId();

  String id();

  ExportFormat format();

  @Value.Default
  default ExportStatus status() {
    return ExportStatus.PENDING;
  }

  Optional<String> error();

  Instant createdAt();

  /** When the export succeeded or failed. */
  Optional<Instant> exportedAt();

  /** The id of the Salesforce record written, for {@link ExportFormat#SALESFORCE}. */
  Optional<String> salesforceRecordId();

  @Value.Default
  default long version() {
    return 0;
  }

  @Value.Check
  default void check() {
    Tenants.check("export.tenant", tenant());
    Fields.identifier("export.sessionId", sessionId(), 100);
    Fields.identifier("export.id", id(), 100);
    error().ifPresent(e -> Fields.text("export.error", e, MAX_ERROR));
    salesforceRecordId().ifPresent(r -> Fields.identifier("export.salesforceRecordId", r, 100));
    if ((status() == ExportStatus.FAILED) != error().isPresent()) {
      throw new ValidationException("export.error is required exactly when the export FAILED");
    }
    if ((status() == ExportStatus.PENDING) == exportedAt().isPresent()) {
      throw new ValidationException("export.exportedAt is required exactly once the export ended");
    }
    if (version() < 0) {
      throw new ValidationException("export.version must not be negative, was " + version());
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SessionExport}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableSessionExport.Builder {
    @Override
    public SessionExport build() {
      return Fields.build("SessionExport", super::build);
    }
  }
}
