package io.github.discoverysdk.spi;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The profiles of every tenant: {@link Storage#profiles()}. A profile's tenant is carried by its
 * id. Thread-safe, as every store is.
 */
public interface ProfileStore {
  /**
   * Inserts a profile whose {@link Profile#version()} is 0, or updates one whose version equals the
   * stored version. Returns the stored profile with its version incremented.
   *
   * @throws ConcurrentUpdateException if the version is stale, or 0 while the id exists
   */
  Profile save(Profile profile);

  /**
   * Saves several profiles as {@link #save} does each, in order, and returns them stored. Call it
   * inside {@link Storage#inTransaction} for all-or-nothing; implementations write the batch in a
   * fixed number of round trips where they can. The default saves one by one.
   *
   * @throws ConcurrentUpdateException as {@link #save} does, for the first stale profile
   */
  default List<Profile> saveAll(List<Profile> profiles) {
    List<Profile> out = new ArrayList<>(profiles.size());
    for (Profile p : profiles) {
      out.add(save(p));
    }
    return List.copyOf(out);
  }

  Optional<Profile> find(ProfileId id);

  /** The tenant's profiles ordered by id. */
  List<Profile> list(String tenant);

  /** Deletes a profile with its opportunities and their feedback; false if there was none. */
  boolean delete(ProfileId id);

  /** Every tenant that has at least one profile, in order. For schedulers that serve them all. */
  List<String> tenants();
}
