package io.github.discoverysdk.model;

import io.github.discoverysdk.ValidationException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A page request on the opportunity feed of one tenant, optionally of one profile. Filters and
 * sorts are enums: no free text ever reaches a storage query. Immutable and thread-safe.
 *
 * <pre>{@code
 * FeedQuery.forProfile(profile.id()).addStatuses(OpportunityStatus.NEW)
 *     .addUrgencies(Urgency.CRITICAL, Urgency.HIGH)
 *     .sortBy(FeedSort.URGENCY).limit(20).build();
 * }</pre>
 */
@Value.Immutable
@DiscoveryStyle
public interface FeedQuery {
  int MAX_LIMIT = 500;

  /** The longest {@link #cursor()} accepted: no cursor the SDK issues comes near it. */
  int MAX_CURSOR_LENGTH = 2_048;

  String tenant();

  Optional<ProfileId> profileId();

  /** Empty means every status. */
  Set<OpportunityStatus> statuses();

  /** Empty means every type. */
  Set<SignalType> types();

  /** Empty means every strength. */
  Set<SignalStrength> strengths();

  /**
   * Empty means every urgency. The filter applies before paging, so every page holds only
   * opportunities of these urgencies; pass the same urgencies with each page's cursor.
   */
  Set<Urgency> urgencies();

  OptionalDouble minScore();

  @Value.Default
  default FeedSort sortBy() {
    return FeedSort.RELEVANCE;
  }

  /** Page size, 1..500. Default 20. */
  @Value.Default
  default int limit() {
    return 20;
  }

  /**
   * {@link Page#nextCursor()} of the previous page; empty for the first page. At most {@link
   * #MAX_CURSOR_LENGTH} characters of URL-safe base64 ({@code A-Z a-z 0-9 - _}), as every cursor
   * the SDK issues is: anything else is refused here, before any storage sees it.
   */
  Optional<String> cursor();

  @Value.Check
  default void check() {
    Tenants.check("feedQuery.tenant", tenant());
    if (profileId().isPresent() && !profileId().get().tenant().equals(tenant())) {
      throw new ValidationException(
          "profileId belongs to tenant '"
              + profileId().get().tenant()
              + "', not '"
              + tenant()
              + "'");
    }
    if (limit() < 1 || limit() > MAX_LIMIT) {
      throw new ValidationException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit());
    }
    if (minScore().isPresent()) {
      Checks.range("minScore", minScore().getAsDouble(), 0, 100);
    }
    cursor().ifPresent(FeedQuery::checkCursor);
  }

  private static void checkCursor(String cursor) {
    if (cursor.isEmpty()) {
      throw new ValidationException(
          "feedQuery.cursor must not be empty: leave it out for the first page");
    }
    Checks.maxLength("feedQuery.cursor", cursor, MAX_CURSOR_LENGTH);
    for (int i = 0; i < cursor.length(); i++) {
      char c = cursor.charAt(i);
      boolean base64Url =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (!base64Url) {
        throw new ValidationException(
            "feedQuery.cursor must be a cursor of a previous page (URL-safe base64), found U+"
                + String.format("%04X", (int) c)
                + " at index "
                + i);
      }
    }
  }

  /** A query on every opportunity of a tenant. */
  static Builder forTenant(String tenant) {
    return builder().tenant(tenant);
  }

  /** A query on one profile's opportunities. */
  static Builder forProfile(ProfileId profileId) {
    return builder().tenant(profileId.tenant()).profileId(profileId);
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableFeedQuery.Builder {
    @Override
    public FeedQuery build() {
      return Checks.build("FeedQuery", super::build);
    }
  }
}
