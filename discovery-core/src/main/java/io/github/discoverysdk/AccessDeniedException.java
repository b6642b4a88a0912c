package io.github.discoverysdk;

import io.github.discoverysdk.access.Permission;
import java.util.Objects;
import java.util.Optional;

/**
 * A principal asked for something its roles do not allow: the {@link #permission()} was missing,
 * the data lies outside the principal's account scope, or it belongs to another tenant. Nothing was
 * read or changed; the denial itself is audited. {@link #permission()} is empty when the call was a
 * trusted system call on an engine built without {@code allowSystemCalls()}.
 */
public class AccessDeniedException extends DiscoveryException {
  private static final long serialVersionUID = 1L;

  private final transient Permission permission;

  public AccessDeniedException(Permission permission, String message) {
    super(Reason.ACCESS_DENIED, message);
    this.permission = permission;
  }

  /** A denial of a trusted system call: no permission names it. */
  public AccessDeniedException(String message) {
    super(Reason.ACCESS_DENIED, Objects.requireNonNull(message, "message"));
    this.permission = null;
  }

  /** The permission that was missing or out of scope, if the call needed one. */
  public Optional<Permission> permission() {
    return Optional.ofNullable(permission);
  }
}
