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
 *     .sortBy(FeedSort.URGENCY).limit(20).build();
 * }</pre>
 */
@Value.Immutable
@DiscoveryStyle
public interface FeedQuery {
  int MAX_LIMIT = 500;

  String tenant();

  Optional<ProfileId> profileId();

  /** Empty means every status. */
  Set<OpportunityStatus> statuses();

  /** Empty means every type. */
  Set<SignalType> types();

  /** Empty means every strength. */
  Set<SignalStrength> strengths();

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

  /** {@link Page#nextCursor()} of the previous page; empty for the first page. */
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
