package io.github.discoverysdk.spi;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.support.Hashing;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link TrackingObservation} as it is read back across tenants: the tenant and the profile are
 * replaced by pseudonyms, so that the one cross-tenant read of the storage ({@code
 * Storage.listTracking}) returns no tenant's name and no profile id. A pseudonym is stable (the
 * same tenant always gets the same one, which is what counting distinct tenants needs) and is a
 * SHA-256 digest: it cannot be turned back into the id, though whoever can guess an id can check
 * it, so treat it as internal data all the same. Immutable and thread-safe.
 *
 * @param tenantKey the pseudonym of the tracking profile's tenant ({@link #tenantKey(String)})
 * @param profileKey the pseudonym of the tracking profile
 * @param subject what it tracked
 * @param at when
 * @param industries the profile's folded industries; may be empty
 */
public record AnonymousObservation(
    String tenantKey,
    String profileKey,
    TrackedSubject subject,
    Instant at,
    Set<String> industries) {
  /** Checks that nothing is missing and copies the industries. */
  public AnonymousObservation {
    Objects.requireNonNull(tenantKey, "tenantKey");
    Objects.requireNonNull(profileKey, "profileKey");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(at, "at");
    industries = Set.copyOf(Objects.requireNonNull(industries, "industries"));
    if (tenantKey.isBlank() || profileKey.isBlank()) {
      throw new ValidationException("tenantKey and profileKey must not be blank");
    }
  }

  /** The observation with its tenant and profile replaced by their pseudonyms. */
  public static AnonymousObservation of(TrackingObservation o) {
    Objects.requireNonNull(o, "observation");
    return new AnonymousObservation(
        tenantKey(o.profile().tenant()),
        profileKey(o.profile()),
        o.subject(),
        o.at(),
        o.industries());
  }

  /** The pseudonym of a tenant, to recognise (and leave out) a viewing tenant's observations. */
  public static String tenantKey(String tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return Hashing.sha256Hex("discovery-tracking-tenant\u0000" + tenant);
  }

  /** The pseudonym of a profile. */
  public static String profileKey(ProfileId profile) {
    Objects.requireNonNull(profile, "profile");
    return Hashing.sha256Hex(
        "discovery-tracking-profile\u0000" + profile.tenant() + "\u0000" + profile.value());
  }
}
