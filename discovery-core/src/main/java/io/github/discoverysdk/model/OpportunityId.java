package io.github.discoverysdk.model;

import io.github.discoverysdk.ValidationException;

/**
 * Identity of an opportunity. It carries the tenant, so that every lookup by id is scoped by
 * tenant: asking for another tenant's opportunity id under your tenant finds nothing.
 *
 * @param tenant the owning tenant
 * @param value the id, unique within the tenant
 */
public record OpportunityId(String tenant, String value) {
  public OpportunityId {
    Tenants.check("opportunityId.tenant", tenant);
    Checks.notBlank("opportunityId.value", value);
  }

  /** Shorthand for {@code new OpportunityId(tenant, value)}. */
  public static OpportunityId of(String tenant, String value) {
    return new OpportunityId(tenant, value);
  }

  /** Parses the {@link #toString()} form {@code tenant/value}. */
  public static OpportunityId parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash <= 0) {
      throw new ValidationException("opportunityId must look like 'tenant/id', was '" + text + "'");
    }
    return new OpportunityId(text.substring(0, slash), text.substring(slash + 1));
  }

  @Override
  public String toString() {
    return tenant + "/" + value;
  }
}
