package io.github.discoverysdk.model;

import io.github.discoverysdk.ValidationException;

/**
 * Identity of a discovery profile. It carries the tenant, so that every lookup by id is scoped by
 * tenant: asking for another tenant's profile id under your tenant finds nothing.
 *
 * @param tenant the owning tenant
 * @param value the id, unique within the tenant
 */
public record ProfileId(String tenant, String value) {
  public ProfileId {
    Tenants.check("profileId.tenant", tenant);
    Checks.notBlank("profileId.value", value);
  }

  /** Shorthand for {@code new ProfileId(tenant, value)}. */
  public static ProfileId of(String tenant, String value) {
    return new ProfileId(tenant, value);
  }

  /** Parses the {@link #toString()} form {@code tenant/value}. */
  public static ProfileId parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash <= 0) {
      throw new ValidationException("profileId must look like 'tenant/id', was '" + text + "'");
    }
    return new ProfileId(text.substring(0, slash), text.substring(slash + 1));
  }

  @Override
  public String toString() {
    return tenant + "/" + value;
  }
}
