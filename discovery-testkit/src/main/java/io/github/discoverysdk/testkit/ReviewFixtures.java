package io.github.discoverysdk.testkit;

import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.FieldChange;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Values of the account-monitoring stores (audit entries, accounts, review cards) for the suites of
 * the storage contract. Stateless.
 */
final class ReviewFixtures {
  private ReviewFixtures() {}

  /** An UPDATE of {@code entityType}/{@code entityId} by {@code actor} at {@code at}. */
  static AuditEntry auditEntry(
      String tenant, String actor, String entityType, String entityId, Instant at) {
    return AuditEntry.builder()
        .tenant(tenant)
        .actor(actor)
        .entityType(entityType)
        .entityId(entityId)
        .action(AuditAction.UPDATE)
        .changes(List.of(FieldChange.of("status", "NEW", "SAVED")))
        .reason(Optional.of("because"))
        .at(at)
        .build();
  }

  /** {@code entry} as the store returns it after assigning {@code sequence}. */
  static AuditEntry withSequence(AuditEntry entry, long sequence) {
    return AuditEntry.builder().from(entry).sequence(sequence).build();
  }

  /** A never saved account owned by {@code owner}, in {@code team} if not null. */
  static Account account(String tenant, String id, String owner, String team, String... companies) {
    return Account.builder()
        .tenant(tenant)
        .id(id)
        .name("Account " + id)
        .owner(owner)
        .team(Optional.ofNullable(team))
        .addCompanies(companies)
        .createdAt(StoreSuiteSupport.T0)
        .updatedAt(StoreSuiteSupport.T0)
        .build();
  }

  /** {@code account} with another owner and team, as a reassignment saves it. */
  static Account reassigned(Account account, String owner, String team) {
    return Account.builder().from(account).owner(owner).team(Optional.ofNullable(team)).build();
  }

  /** A new card of {@code o} created at {@code createdAt}, attached to {@code accountId} if any. */
  static ReviewCard card(Opportunity o, String accountId, Instant createdAt) {
    return ReviewCard.builder()
        .opportunityId(o.id())
        .accountId(Optional.ofNullable(accountId))
        .createdAt(createdAt)
        .updatedAt(createdAt)
        .build();
  }

  /** {@code card} submitted to review at {@code at}. */
  static ReviewCard submitted(ReviewCard card, Instant at) {
    return ReviewCard.builder()
        .from(card)
        .state(ReviewState.PENDING_REVIEW)
        .submittedAt(at)
        .updatedAt(at)
        .build();
  }

  /** {@code card} decided ({@code state}) by {@code by} {@code after} its submission. */
  static ReviewCard decided(ReviewCard card, ReviewState state, String by, Duration after) {
    Instant at = card.submittedAt().orElseThrow().plus(after);
    return ReviewCard.builder()
        .from(card)
        .state(state)
        .decidedAt(at)
        .decidedBy(by)
        .updatedAt(at)
        .build();
  }
}
