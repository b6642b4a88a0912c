package io.github.discoverysdk.deals;

import io.github.discoverysdk.support.Fields;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a page of {@link DealStore#listClosed} ended: the sort key of its last deal. Immutable and
 * thread-safe.
 *
 * @param closedAt the last deal's {@link Deal#closedAt()}
 * @param source the last deal's {@link Deal#source()}
 * @param id the last deal's {@link Deal#id()}
 */
public record DealCursor(Instant closedAt, String source, String id) {
  public DealCursor {
    Objects.requireNonNull(closedAt, "closedAt");
    Fields.notBlank("cursor.source", source);
    Fields.notBlank("cursor.id", id);
    Fields.storable("cursor.source", source);
    Fields.storable("cursor.id", id);
  }

  /**
   * The cursor after {@code deal}.
   *
   * @throws io.github.discoverysdk.ValidationException if the deal has no {@code closedAt}
   */
  public static DealCursor after(Deal deal) {
    return new DealCursor(
        deal.closedAt()
            .orElseThrow(
                () ->
                    new io.github.discoverysdk.ValidationException(
                        "a cursor needs a closed deal, " + deal.id() + " has no closedAt")),
        deal.source(),
        deal.id());
  }
}
