package io.github.discoverysdk;

import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.search.SearchSync;
import io.github.discoverysdk.spi.Storage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Saves, finds and deletes discovery profiles. Obtained from {@link DiscoveryEngine#profiles()};
 * thread-safe.
 */
public final class Profiles {
  /** The audit entity type of profiles. */
  static final String ENTITY = "profile";

  /** The actor of trusted system calls. */
  static final Actor SYSTEM = Actor.system("host");

  private final Storage storage;
  private final Clock clock;
  private final ProfileIndexes indexes;
  private final Tracking tracking;
  private final Consumer<Profile> inserted;
  private final AuditLog audit;
  private final Optional<SearchSync> search;

  Profiles(
      Storage storage,
      Clock clock,
      ProfileIndexes indexes,
      Tracking tracking,
      Consumer<Profile> inserted,
      AuditLog audit,
      Optional<SearchSync> search) {
    this.audit = audit;
    this.search = search;
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
    return save(SYSTEM, profile);
  }

  /** {@link #save(Profile)} on behalf of {@code actor}, audited in the save's transaction. */
  Profile save(Actor actor, Profile profile) {
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
              Optional<Profile> before =
                  stamped.version() == 0 ? Optional.empty() : tx.profiles().find(stamped.id());
              Profile p = tx.profiles().save(stamped);
              audit.record(
                  tx.audit(),
                  actor,
                  p.tenant(),
                  ENTITY,
                  p.id().value(),
                  before.isEmpty() ? AuditAction.CREATE : AuditAction.UPDATE,
                  AuditLog.diff(AuditFields.profile(before), AuditFields.profile(Optional.of(p))),
                  Optional.empty());
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

  /**
   * Deletes a profile with its opportunities and their feedback; false if there was none. With a
   * search index, their documents leave it once the delete commits.
   */
  public boolean delete(ProfileId id) {
    return delete(SYSTEM, id);
  }

  /** {@link #delete(ProfileId)} on behalf of {@code actor}, audited in the delete's transaction. */
  boolean delete(Actor actor, ProfileId id) {
    Objects.requireNonNull(id, "id");
    List<String> gone = new java.util.ArrayList<>();
    boolean deleted =
        storage.inTransaction(
            tx -> {
              gone.clear();
              Optional<Profile> before = tx.profiles().find(id);
              if (search.isPresent() && before.isPresent()) {
                gone.addAll(SearchSync.opportunityIds(tx, id));
              }
              if (before.isEmpty() || !tx.profiles().delete(id)) {
                return false;
              }
              audit.record(
                  tx.audit(),
                  actor,
                  id.tenant(),
                  ENTITY,
                  id.value(),
                  AuditAction.DELETE,
                  AuditLog.diff(AuditFields.profile(before), Map.of()),
                  Optional.empty());
              return true;
            });
    if (deleted) {
      indexes.deleted(id);
      tracking.forget(id);
      search.ifPresent(s -> s.deleted(id.tenant(), gone));
    }
    return deleted;
  }
}
