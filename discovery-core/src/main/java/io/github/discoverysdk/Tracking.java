package io.github.discoverysdk;

import io.github.discoverysdk.matching.Normalizer;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedbackType;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.run.RunPipeline;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.spi.TrackedSubject;
import io.github.discoverysdk.spi.TrackingObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the engine records as tracking when the host opted in ({@link
 * DiscoveryEngine.Builder#collectTracking}): a profile tracks the accounts on its watchlist
 * (recorded when it is saved and at each of its discovery runs, so that a profile that keeps
 * watching stays counted), and the signal and account of an opportunity it saved, actioned, won or
 * lost. A dismissal records nothing.
 *
 * <p>An instance remembers which profile versions it recorded on which UTC day, so that hourly runs
 * write a profile's watchlist once a day rather than every hour (the storage would ignore the
 * repeats, but each costs a statement). Thread-safe.
 */
final class Tracking implements RunPipeline.Tracking {
  private final boolean enabled;
  // Profile -> {version, UTC day} of the watchlist last recorded and committed.
  private final Map<ProfileId, long[]> recorded = new ConcurrentHashMap<>();

  Tracking(boolean enabled) {
    this.enabled = enabled;
  }

  /** Whether the host opted in. */
  @Override
  public boolean enabled() {
    return enabled;
  }

  /** Of these profiles, those whose watchlist was not recorded on {@code at}'s UTC day. */
  @Override
  public List<Profile> unrecorded(Collection<Profile> profiles, Instant at) {
    long day = day(at);
    List<Profile> out = new ArrayList<>();
    for (Profile p : profiles) {
      long[] last = recorded.get(p.id());
      if (last == null || last[0] != p.version() || last[1] != day) {
        out.add(p);
      }
    }
    return out;
  }

  /** Notes that the watchlists of these profiles were recorded, once the recording committed. */
  @Override
  public void committed(Collection<Profile> profiles, Instant at) {
    long day = day(at);
    for (Profile p : profiles) {
      recorded.put(p.id(), new long[] {p.version(), day});
    }
  }

  @Override
  public List<TrackingObservation> observations(Profile profile, Instant at) {
    return watchlistObservations(profile, at);
  }

  /** Forgets a deleted profile. */
  void forget(ProfileId id) {
    recorded.remove(id);
  }

  private static long day(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), 86_400L);
  }

  /** Records, with one call, that {@code profile} tracks every account on its watchlist. */
  static void watchlist(Storage tx, Profile profile, Instant at) {
    List<TrackingObservation> observations = watchlistObservations(profile, at);
    if (!observations.isEmpty()) {
      tx.tracking().recordAll(observations);
    }
  }

  /**
   * That {@code profile} tracks each account on its watchlist; a name that is all legal suffix
   * ("Inc.") names no account and is left out.
   */
  private static List<TrackingObservation> watchlistObservations(Profile profile, Instant at) {
    List<TrackingObservation> out = new ArrayList<>();
    for (Company company : profile.watchlist()) {
      if (!Normalizer.companyName(company.name()).isBlank()) {
        out.add(TrackingObservation.of(profile, TrackedSubject.account(company.name()), at));
      }
    }
    return out;
  }

  /** Records what a feedback says the opportunity's profile tracks. */
  static void feedback(Storage tx, Opportunity opportunity, FeedbackType type, Instant at) {
    if (type == FeedbackType.DISMISS) {
      return;
    }
    Profile profile =
        tx.profiles()
            .find(opportunity.profileId())
            .orElseThrow(() -> new NotFoundException("no profile " + opportunity.profileId()));
    for (TrackedSubject subject : TrackedSubject.of(opportunity)) {
      tx.tracking().record(TrackingObservation.of(profile, subject, at));
    }
  }
}
