package io.github.discoverysdk.storage;

import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.spi.ProfileStore;
import io.github.discoverysdk.storage.MemoryState.TenantData;
import io.github.discoverysdk.storage.MemoryState.TrackingKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The profiles of an {@link InMemoryStorage}. Thread-safe: every method runs under the state's
 * lock. Deleting a profile reaches into the opportunities (through {@link MemoryOpportunityStore},
 * which owns their indexes) and the tracking observations.
 */
final class MemoryProfileStore implements ProfileStore {
  private final MemoryState state;
  private final MemoryOpportunityStore opportunities;

  MemoryProfileStore(MemoryState state, MemoryOpportunityStore opportunities) {
    this.state = state;
    this.opportunities = opportunities;
  }

  // ---- profiles

  @Override
  public Profile save(Profile profile) {
    Objects.requireNonNull(profile, "profile");
    return state.write(() -> saveInTransaction(profile));
  }

  /**
   * Saves the batch atomically, under one write lock: if one profile is stale, none is stored, even
   * outside a transaction.
   */
  @Override
  public List<Profile> saveAll(List<Profile> profiles) {
    Objects.requireNonNull(profiles, "profiles");
    return state.transaction(
        () -> {
          List<Profile> out = new ArrayList<>(profiles.size());
          for (Profile p : profiles) {
            out.add(saveInTransaction(Objects.requireNonNull(p, "profile")));
          }
          return List.copyOf(out);
        });
  }

  private Profile saveInTransaction(Profile profile) {
    TenantData t = state.writable(profile.tenant());
    Profile stored = t.profiles.get(profile.id().value());
    MemoryState.checkVersion("profile", profile.id(), profile.version(), stored, Profile::version);
    Profile saved = Profile.builder().from(profile).version(profile.version() + 1).build();
    state.put(t.profiles, profile.id().value(), saved);
    return saved;
  }

  @Override
  public Optional<Profile> find(ProfileId id) {
    Objects.requireNonNull(id, "id");
    return state.read(
        () -> Optional.ofNullable(state.readable(id.tenant()).profiles.get(id.value())));
  }

  @Override
  public List<Profile> list(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return state.read(() -> List.copyOf(state.readable(tenant).profiles.values()));
  }

  @Override
  public boolean delete(ProfileId id) {
    Objects.requireNonNull(id, "id");
    return state.write(
        () -> {
          TenantData t = state.readable(id.tenant());
          if (!t.profiles.containsKey(id.value())) {
            return false;
          }
          opportunities.deleteAllOf(t, id);
          state.remove(t.profiles, id.value());
          List<TrackingKey> tracked =
              state.tracking.keySet().stream().filter(k -> k.profile().equals(id)).toList();
          tracked.forEach(k -> state.remove(state.tracking, k));
          return true;
        });
  }

  // ---- scheduling

  @Override
  public List<String> tenants() {
    return state.read(
        () ->
            state.tenants().entrySet().stream()
                .filter(e -> !e.getValue().profiles.isEmpty())
                .map(Map.Entry::getKey)
                .sorted()
                .toList());
  }
}
