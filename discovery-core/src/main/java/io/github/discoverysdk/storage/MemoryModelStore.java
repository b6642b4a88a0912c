package io.github.discoverysdk.storage;

import io.github.discoverysdk.model.ModelState;
import io.github.discoverysdk.spi.ModelStore;
import io.github.discoverysdk.storage.MemoryState.TenantData;
import java.util.Objects;
import java.util.Optional;

/**
 * The learned model states of an {@link InMemoryStorage}. Thread-safe: every method runs under the
 * state's lock.
 */
final class MemoryModelStore implements ModelStore {
  // Not "state": ModelStore.save names its argument so.
  private final MemoryState memory;

  MemoryModelStore(MemoryState memory) {
    this.memory = memory;
  }

  // ---- model state

  @Override
  public Optional<ModelState> find(String tenant, String name) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(name, "name");
    return memory.read(() -> Optional.ofNullable(memory.readable(tenant).modelStates.get(name)));
  }

  @Override
  public ModelState save(ModelState state) {
    Objects.requireNonNull(state, "state");
    return memory.write(
        () -> {
          TenantData t = memory.writable(state.tenant());
          ModelState stored = t.modelStates.get(state.name());
          MemoryState.checkVersion(
              "model state", state.name(), state.version(), stored, ModelState::version);
          ModelState saved = ModelState.builder().from(state).version(state.version() + 1).build();
          memory.put(t.modelStates, state.name(), saved);
          return saved;
        });
  }
}
