package io.github.discoverysdk.session;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.support.Fields;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A discovery session of a user with an account, over one vertical of the catalogue. {@link
 * #completedAt()} is set when it is completed. {@link #version()} is 0 for a session never saved;
 * storage increments it on every save and rejects a stale one. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface Session {
  String tenant();

  String id();

  /** The account's id, as in {@code Account.id()} when the account is monitored. */
  String accountId();

  String accountName();

  /** The host user id of the session's owner (the sales engineer). */
  String owner();

  /** The team of the session's account, if it is a monitored account with a team. */
  Optional<String> team();

  /** The catalogue vertical the session runs through. */
  String vertical();

  @Value.Default
  default SessionStatus status() {
    return SessionStatus.IN_PROGRESS;
  }

  Instant createdAt();

  Instant updatedAt();

  Optional<Instant> completedAt();

  @Value.Default
  default long version() {
    return 0;
  }

  @Value.Check
  default void check() {
    Tenants.check("session.tenant", tenant());
    Fields.identifier("session.id", id(), 100);
    Fields.identifier("session.accountId", accountId(), 100);
    Fields.identifier("session.accountName", accountName(), 200);
    Fields.identifier("session.owner", owner(), 200);
    team().ifPresent(t -> Fields.identifier("session.team", t, 100));
    Fields.identifier("session.vertical", vertical(), 100);
    if (status() == SessionStatus.IN_PROGRESS && completedAt().isPresent()) {
      throw new ValidationException("session.completedAt must be empty while in progress");
    }
    if (status() != SessionStatus.IN_PROGRESS && completedAt().isEmpty()) {
      throw new ValidationException("session.completedAt is required once " + status());
    }
    if (version() < 0) {
      throw new ValidationException("session.version must not be negative, was " + version());
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Session}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableSession.Builder {
    @Override
    public Session build() {
      return Fields.build("Session", super::build);
    }
  }
}
