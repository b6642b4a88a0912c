package io.github.discoverysdk.deals;

import java.util.List;
import java.util.Objects;

/**
 * One closed deal as the enrichment left it: which contacts and whether the account were enriched,
 * and each contact's buying role.
 *
 * @param deal the deal
 * @param accountEnriched whether the account's domain has an entry in the enrichment cache
 * @param contacts each contact with its status and role
 */
public record DealBreakdown(Deal deal, boolean accountEnriched, List<ContactStatus> contacts) {
  /** How far enrichment got with a contact. */
  public enum Status {
    /** The cache holds attributes for it. */
    ENRICHED,
    /** Nothing is cached for it: not tried yet, or no source knew it. */
    MISSING
  }

  /**
   * A deal contact, its enrichment status and buying role.
   *
   * @param contact the contact
   * @param status whether the cache holds attributes for it
   * @param role its buying role, from the title and the cached attributes
   * @param lastAttempt the outcome of the last enrichment attempt, with its source and reason;
   *     empty when none was made since statuses were kept
   */
  public record ContactStatus(
      DealContact contact,
      Status status,
      ContactRole role,
      java.util.Optional<EnrichmentStatus> lastAttempt) {
    public ContactStatus {
      Objects.requireNonNull(contact, "contact");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(lastAttempt, "lastAttempt");
    }
  }

  public DealBreakdown {
    Objects.requireNonNull(deal, "deal");
    contacts = List.copyOf(contacts);
  }

  /** ENRICHED when the account and every contact are, MISSING when nothing is, else partial. */
  public boolean enriched() {
    return accountKnownOrAbsent() && contacts.stream().allMatch(c -> c.status() == Status.ENRICHED);
  }

  /** Some of it, not all. */
  public boolean partial() {
    return !enriched()
        && (accountEnriched || contacts.stream().anyMatch(c -> c.status() == Status.ENRICHED));
  }

  private boolean accountKnownOrAbsent() {
    return accountEnriched || deal.account().flatMap(DealAccount::domain).isEmpty();
  }
}
