package io.github.discoverysdk;

import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Saves, finds and deletes discovery profiles. Obtained from {@link DiscoveryEngine#profiles()};
 * thread-safe.
 */
public final class Profiles {
  private final Storage storage;
  private final Clock clock;
  private final ProfileIndexes indexes;
  private final Tracking tracking;
  private final Consumer<Profile> inserted;

  Profiles(
      Storage storage,
      Clock clock,
      ProfileIndexes indexes,
      Tracking tracking,
      Consumer<Profile> inserted) {
    this.storage = storage;
    this.clock = clock;
    this.indexes = indexes;
    this.tracking = tracking;
    this.inserted = inserted;
  }

  /**
   * Inserts a new profile (version 0) or updates a stored one (its current version), stamping
   * {@code createdAt} and {@code updatedAt}. A changed profile is matched against the signals
   * already stored at its next run. With a warm starter configured, a newly inserted enabled
   * profile is warm started before this returns ({@link DiscoveryEngine#warmStart}); a failure of
   * the warm start does not undo or fail the save. With tracking collected ({@link
   * DiscoveryEngine.Builder#collectTracking}) the watchlist is recorded in the same transaction.
   *
   * @return the stored profile, with its new version
   * @throws ConcurrentUpdateException if the profile was changed since it was read
   */
  public Profile save(Profile profile) {
    Objects.requireNonNull(profile, "profile");
    Instant now = clock.instant();
    Profile stamped =
        Profile.builder()
            .from(profile)
            .createdAt(profile.createdAt().orElse(now))
            .updatedAt(now)
            .build();
    Profile saved =
        storage.inTransaction(
            tx -> {
              Profile p = tx.profiles().save(stamped);
              if (tracking.enabled()) {
                Tracking.watchlist(tx, p, now);
              }
              return p;
            });
    if (tracking.enabled()) {
      tracking.committed(List.of(saved), now);
    }
    indexes.saved(saved);
    if (profile.version() == 0) {
      inserted.accept(saved);
    }
    return saved;
  }

  /** The profile, or empty if the tenant of {@code id} has none with that id. */
  public Optional<Profile> find(ProfileId id) {
    return storage.profiles().find(Objects.requireNonNull(id, "id"));
  }

  /**
   * The profile.
   *
   * @throws NotFoundException if the tenant of {@code id} has none with that id
   */
  public Profile get(ProfileId id) {
    return find(id).orElseThrow(() -> new NotFoundException("no profile " + id));
  }

  /** The tenant's profiles, ordered by id. */
  public List<Profile> list(String tenant) {
    if (tenant == null || tenant.isBlank()) {
      throw new ValidationException("tenant must not be blank");
    }
    return storage.profiles().list(tenant);
  }

  /** Deletes a profile with its opportunities and their feedback; false if there was none. */
  public boolean delete(ProfileId id) {
    boolean deleted = storage.profiles().delete(Objects.requireNonNull(id, "id"));
    if (deleted) {
      indexes.deleted(id);
      tracking.forget(id);
    }
    return deleted;
  }
}
