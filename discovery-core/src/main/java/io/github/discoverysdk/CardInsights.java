package io.github.discoverysdk;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.insight.AccountHealth;
import io.github.discoverysdk.insight.CardSummary;
import io.github.discoverysdk.insight.Dashboard;
import io.github.discoverysdk.insight.InboxCursor;
import io.github.discoverysdk.insight.InboxQuery;
import io.github.discoverysdk.insight.InboxStats;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The read models of account monitoring over the cards the runs recorded ({@code
 * Storage.insight()}), for a tenant and a resolved scope: the facade behind {@link SecuredInsight}.
 * "Now" comes from the engine's clock. Thread-safe: it keeps no state.
 */
final class CardInsights {
  /** Weeks of an account's health view. */
  static final int WEEKS = 8;

  /** Cards listed per risk flag and as top open cards. */
  static final int LISTED = 10;

  /** Most cards of one inbox page. */
  static final int MAX_PAGE = 500;

  private final Storage storage;
  private final Clock clock;

  CardInsights(Storage storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  Optional<AccountHealth> accountHealth(String tenant, AccessScope scope, String accountId) {
    return storage
        .insight()
        .accountHealth(tenant, scope, accountId, clock.instant(), WEEKS, LISTED);
  }

  InboxStats inboxStats(String tenant, AccessScope scope, Instant from, Instant to) {
    Instant weekStart = clock.instant().minus(Duration.ofDays(7));
    return storage.insight().inboxStats(tenant, scope, from, to, weekStart);
  }

  Dashboard dashboard(String tenant, Instant from, Instant to) {
    return storage.insight().dashboard(tenant, from, to);
  }

  /** One page, newest first (by account first when grouped); the cursor is opaque. */
  Page<CardSummary> inbox(
      String tenant, AccessScope scope, InboxQuery query, Optional<String> cursor, int limit) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(cursor, "cursor");
    if (limit < 1 || limit > MAX_PAGE) {
      throw new ValidationException("limit must be in [1, " + MAX_PAGE + "], was " + limit);
    }
    Optional<InboxCursor> after = cursor.map(InboxCursor::decode);
    List<CardSummary> found = storage.insight().inbox(tenant, scope, query, after, limit + 1);
    if (found.size() <= limit) {
      return Page.of(found, Optional.empty());
    }
    List<CardSummary> items = found.subList(0, limit);
    return Page.of(
        List.copyOf(items),
        Optional.of(InboxCursor.after(items.get(limit - 1), query.groupByAccount()).encode()));
  }
}
