package io.github.discoverysdk.connectors;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.deals.DealRequest;
import java.time.Instant;

/**
 * Where {@link HubSpotDeals} is in a search: the modification instant the query starts at and the
 * offset HubSpot's {@code after} gave, written as {@code <epoch millis>:<after>}.
 */
record HubSpotCursor(Instant since, int after) {

  /** The request's cursor, or the start of its watermark when it has none. */
  static HubSpotCursor parse(String sourceId, DealRequest request) {
    if (request.cursor().isEmpty()) {
      return new HubSpotCursor(request.since(), 0);
    }
    String c = request.cursor().get();
    int colon = c.indexOf(':');
    try {
      long millis = Long.parseLong(c.substring(0, colon));
      int after = Integer.parseInt(c.substring(colon + 1));
      if (after < 0) {
        throw new NumberFormatException("negative");
      }
      return new HubSpotCursor(Instant.ofEpochMilli(millis), after);
    } catch (RuntimeException e) {
      throw new ValidationException(
          "cursor is not one " + sourceId + " made (<millis>:<after>), was '" + c + "'");
    }
  }

  /**
   * The cursor of the next page, given HubSpot's {@code after}: the same query further on, or, when
   * that would pass the search window, the query again from {@code lastModified}, the latest change
   * read so far.
   */
  HubSpotCursor next(String sourceId, String hubspotAfter, int limit, Instant lastModified)
      throws ConnectorException {
    int next;
    try {
      next = Integer.parseInt(hubspotAfter);
    } catch (NumberFormatException e) {
      throw ConnectorException.parseError(
          sourceId, null, "paging.next.after is not a number: '" + hubspotAfter + "'", e);
    }
    if (next + limit > HubSpotDeals.SEARCH_WINDOW && lastModified.isAfter(since)) {
      return new HubSpotCursor(lastModified, 0);
    }
    return new HubSpotCursor(since, next);
  }

  String encode() {
    return since.toEpochMilli() + ":" + after;
  }
}
