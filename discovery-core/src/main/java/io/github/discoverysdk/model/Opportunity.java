package io.github.discoverysdk.model;

import io.github.discoverysdk.ValidationException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A signal that matters to one profile, scored and explained. Its identity is (tenant, profile,
 * signal key): discovering the same signal again updates it, never duplicates it. It carries a
 * summary of the signal so that a feed can be shown without loading signals. Immutable and
 * thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface Opportunity {
  OpportunityId id();

  ProfileId profileId();

  SignalKey signalKey();

  /** The tenant, the same in {@link #id()} and {@link #profileId()}. */
  default String tenant() {
    return id().tenant();
  }

  SignalType signalType();

  /** The signal's title. */
  String title();

  Optional<URI> url();

  /** The company the opportunity is about (the best watchlist or competitor match), if any. */
  Optional<String> company();

  /**
   * What the engine's enricher found about {@link #company()} (industry, headcount, description,
   * ...), by attribute name; empty when there is no enricher or it found nothing.
   */
  Map<String, String> companyAttributes();

  Instant publishedAt();

  /** The event start, else the publication. */
  Instant occursAt();

  @Value.Default
  default OpportunityStatus status() {
    return OpportunityStatus.NEW;
  }

  Score score();

  /** Shorthand for {@code score().strength()}. */
  default SignalStrength strength() {
    return score().strength();
  }

  List<Match> matches();

  TemporalAssessment temporal();

  /**
   * What changed in the signal since the opportunity was first seen, latest change first, one line
   * each (for an "updated" badge); empty when nothing did.
   */
  List<String> changes();

  /** When the signal last changed in a way listed in {@link #changes()}. */
  Optional<Instant> changedAt();

  /** The content hash of the signal version this opportunity was computed from. */
  String signalHash();

  Instant createdAt();

  Instant updatedAt();

  /** The last run that saw the signal. */
  Instant lastSeenAt();

  /** 0 for an opportunity never stored; incremented by storage on every write. */
  @Value.Default
  default long version() {
    return 0;
  }

  @Value.Check
  default void check() {
    if (!id().tenant().equals(profileId().tenant())) {
      throw new ValidationException(
          "opportunity id and profile id belong to different tenants: "
              + id().tenant()
              + " != "
              + profileId().tenant());
    }
    if (matches().isEmpty()) {
      throw new ValidationException("matches must not be empty: an opportunity needs evidence");
    }
    if (version() < 0) {
      throw new ValidationException("version must not be negative, was " + version());
    }
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableOpportunity.Builder {
    @Override
    public Opportunity build() {
      return Checks.build("Opportunity", super::build);
    }
  }
}
