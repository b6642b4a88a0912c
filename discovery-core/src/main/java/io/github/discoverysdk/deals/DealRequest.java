package io.github.discoverysdk.deals;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.support.Fields;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link DealSource#fetch} asks for. Immutable and thread-safe.
 *
 * @param since the watermark: deals changed at or after it
 * @param cursor where the previous page ended ({@link DealPage#nextCursor()}), empty for the first
 *     page; opaque, and meaningful only to the source that made it
 * @param limit the most deals per page, 1 to {@link #MAX_LIMIT}; a source may return fewer
 */
public record DealRequest(Instant since, Optional<String> cursor, int limit) {
  /** Most deals per page: HubSpot's search limit, and a page a transaction holds easily. */
  public static final int MAX_LIMIT = 100;

  public DealRequest {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(cursor, "cursor");
    cursor.ifPresent(c -> Fields.identifier("cursor", c, 1_000));
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** The first page of at most {@link #MAX_LIMIT} deals changed at or after {@code since}. */
  public static DealRequest first(Instant since) {
    return new DealRequest(since, Optional.empty(), MAX_LIMIT);
  }

  /** The page after the one that returned {@code cursor}. */
  public DealRequest next(String cursor) {
    return new DealRequest(since, Optional.of(cursor), limit);
  }
}
