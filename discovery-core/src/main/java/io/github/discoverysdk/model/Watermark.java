package io.github.discoverysdk.model;

import java.time.Instant;
import org.immutables.value.Value;

/**
 * How far one source query has been processed for one tenant: the source's opaque cursor. It is
 * committed in the same transaction as the data it covers. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface Watermark {
  String tenant();

  String sourceId();

  /** {@code SourceQuery.key()} of the query. */
  String queryKey();

  /** The source's cursor, opaque to the engine. */
  String cursor();

  Instant updatedAt();

  @Value.Check
  default void check() {
    Tenants.check("watermark.tenant", tenant());
    Checks.notBlank("watermark.sourceId", sourceId());
    Checks.notBlank("watermark.queryKey", queryKey());
    Checks.maxLength("watermark.cursor", cursor(), 4_000);
    // A source's cursor is stored as given: refused here if no database could hold it.
    Checks.storable("watermark.cursor", cursor());
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableWatermark.Builder {
    @Override
    public Watermark build() {
      return Checks.build("Watermark", super::build);
    }
  }
}
