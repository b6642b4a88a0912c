package io.github.discoverysdk.deals;

import io.github.discoverysdk.spi.RejectedRecord;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a {@link DealSource}: the deals it read, the records it left out and why, and the
 * cursor of the next page (empty on the last). Immutable and thread-safe.
 *
 * @param deals the well-formed deals, closed ones, of the request's tenant
 * @param rejected the malformed records, each with its id and what was wrong
 * @param nextCursor the next page's cursor, or empty when this was the last page
 */
public record DealPage(
    List<Deal> deals, List<RejectedRecord> rejected, Optional<String> nextCursor) {
  public DealPage {
    deals = List.copyOf(deals);
    rejected = List.copyOf(rejected);
    Objects.requireNonNull(nextCursor, "nextCursor");
  }
}
