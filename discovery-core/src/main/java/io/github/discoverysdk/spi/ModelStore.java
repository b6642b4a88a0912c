package io.github.discoverysdk.spi;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.model.ModelState;
import java.util.Optional;

/**
 * The learned state of the tenants' models: {@link Storage#models()}. Thread-safe, as every store
 * is.
 */
public interface ModelStore {
  /** The stored state of the tenant's model {@code name}, if one was saved. */
  Optional<ModelState> find(String tenant, String name);

  /**
   * Inserts a model state whose version is 0, or updates one whose version equals the stored
   * version; returns it with the version incremented. Call it in the transaction of the change the
   * model learned from, so both commit or neither does.
   *
   * @throws ConcurrentUpdateException if the version is stale, or 0 while (tenant, name) exists
   */
  ModelState save(ModelState state);
}
