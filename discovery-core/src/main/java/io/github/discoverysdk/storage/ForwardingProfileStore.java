package io.github.discoverysdk.storage;

import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.spi.ProfileStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ProfileStore} that forwards every call to another: the base of decorators (metrics,
 * fault injection in tests). Override the methods of interest; return it from {@link
 * ForwardingStorage}'s accessor. Thread-safe if the delegate is.
 */
public abstract class ForwardingProfileStore implements ProfileStore {
  private final ProfileStore delegate;

  protected ForwardingProfileStore(ProfileStore delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The store calls are forwarded to. */
  protected ProfileStore delegate() {
    return delegate;
  }

  @Override
  public Profile save(Profile profile) {
    return delegate.save(profile);
  }

  @Override
  public List<Profile> saveAll(List<Profile> profiles) {
    return delegate.saveAll(profiles);
  }

  @Override
  public Optional<Profile> find(ProfileId id) {
    return delegate.find(id);
  }

  @Override
  public List<Profile> list(String tenant) {
    return delegate.list(tenant);
  }

  @Override
  public boolean delete(ProfileId id) {
    return delegate.delete(id);
  }

  @Override
  public List<String> tenants() {
    return delegate.tenants();
  }
}
