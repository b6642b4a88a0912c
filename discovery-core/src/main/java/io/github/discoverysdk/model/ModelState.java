package io.github.discoverysdk.model;

import java.time.Instant;
import org.immutables.value.Value;

/**
 * The stored state of a learned model (for example a profile's conversion model), so that it
 * survives restarts. One row per (tenant, name); the payload is JSON text opaque to storage.
 * Written with optimistic versioning like profiles. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface ModelState {
  String tenant();

  /** The model's name within the tenant, at most 200 characters, e.g. {@code conversion:<id>}. */
  String name();

  /** The model's state as JSON text, written and read by the model's owner. */
  String payload();

  Instant updatedAt();

  /** 0 for a state never stored; incremented by storage on every write. */
  @Value.Default
  default long version() {
    return 0;
  }

  @Value.Check
  default void check() {
    Tenants.check("modelState.tenant", tenant());
    Checks.notBlank("modelState.name", name());
    Checks.maxLength("modelState.name", name(), 200);
    Checks.notBlank("modelState.payload", payload());
    if (version() < 0) {
      throw new io.github.discoverysdk.ValidationException(
          "modelState.version must not be negative, was " + version());
    }
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableModelState.Builder {
    @Override
    public ModelState build() {
      return Checks.build("ModelState", super::build);
    }
  }
}
