package io.github.discoverysdk.testkit;

import static io.github.discoverysdk.testkit.ReviewFixtures.account;
import static io.github.discoverysdk.testkit.ReviewFixtures.auditEntry;
import static io.github.discoverysdk.testkit.ReviewFixtures.card;
import static io.github.discoverysdk.testkit.ReviewFixtures.decided;
import static io.github.discoverysdk.testkit.ReviewFixtures.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.DiscoveryException;
import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewCursor;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tenant isolation probes of audit(), accounts() and reviews() for {@link
 * TenantIsolationSuite}: tenant A's rows are written by the constructor; {@link #addProbes} has
 * tenant B call every method of the three stores with A's ids, keys and cursor; {@link #snapshot}
 * is everything of A's the three stores return, to compare before and after.
 */
final class ReviewIsolationProbes {
  private static final Set<ReviewState> ALL = EnumSet.allOf(ReviewState.class);

  private final Storage storage;
  private final String a;
  private final Instant from;
  private final Instant to;
  private final Account account;
  private final ReviewCard card;

  /** Writes A's audit entry, account and the card of {@code opportunity} (of tenant A). */
  ReviewIsolationProbes(Storage storage, Opportunity opportunity, Instant from, Instant to) {
    this.storage = storage;
    this.a = opportunity.tenant();
    this.from = from;
    this.to = to;
    Instant t0 = StoreSuiteSupport.T0;
    storage
        .audit()
        .append(List.of(auditEntry(a, "alice", "opportunity", opportunity.id().value(), t0)));
    this.account = storage.accounts().save(account(a, "acc", "alice", "team", "Stripe"));
    ReviewCard pending = submitted(card(opportunity, account.id(), t0), t0);
    storage.reviews().save(pending);
    this.card =
        storage
            .reviews()
            .save(
                decided(
                    storage.reviews().find(opportunity.id()).orElseThrow(),
                    ReviewState.APPROVED,
                    "bob",
                    Duration.ofSeconds(30)));
  }

  /** Everything of tenant A's the three stores return. */
  List<Object> snapshot() {
    String id = card.opportunityId().value();
    return List.of(
        storage.audit().byEntity(a, "opportunity", id, 0, 100),
        storage.audit().byActor(a, "alice", 0, 100),
        storage.audit().byTime(a, from, to, 0, 100),
        storage.accounts().find(a, account.id()),
        storage.accounts().list(a, AccessScope.tenant(), "", 100),
        storage.accounts().findByCompanies(a, account.companyKeys()),
        storage.reviews().find(card.opportunityId()),
        storage.reviews().list(a, AccessScope.tenant(), ALL, Optional.empty(), 100),
        storage.reviews().counts(a, AccessScope.tenant()),
        storage.reviews().medianTimeToReview(a, AccessScope.tenant(), from, to));
  }

  /** Adds tenant {@code b}'s probe of every method of the three stores. */
  void addProbes(String b, Map<String, Runnable> probes) {
    OpportunityId ofB = OpportunityId.of(b, card.opportunityId().value());
    AccessScope alice = AccessScope.of("alice", Set.of("team"));
    probes.put(
        "audit.byEntity",
        () ->
            assertThat(storage.audit().byEntity(b, "opportunity", ofB.value(), 0, 100)).isEmpty());
    probes.put(
        "audit.byActor", () -> assertThat(storage.audit().byActor(b, "alice", 0, 100)).isEmpty());
    probes.put(
        "audit.byTime", () -> assertThat(storage.audit().byTime(b, from, to, 0, 100)).isEmpty());
    probes.put(
        "audit.append",
        () ->
            assertThat(
                    storage
                        .audit()
                        .append(
                            List.of(
                                auditEntry(
                                    b, "alice", "opportunity", ofB.value(), StoreSuiteSupport.T0))))
                .singleElement()
                .satisfies(e -> assertThat(e.tenant()).isEqualTo(b)));
    probes.put(
        "accounts.find", () -> assertThat(storage.accounts().find(b, account.id())).isEmpty());
    probes.put(
        "accounts.list",
        () -> {
          assertThat(storage.accounts().list(b, AccessScope.tenant(), "", 100)).isEmpty();
          assertThat(storage.accounts().list(b, alice, "", 100)).isEmpty();
        });
    probes.put(
        "accounts.findByCompanies",
        () -> assertThat(storage.accounts().findByCompanies(b, account.companyKeys())).isEmpty());
    probes.put(
        "accounts.save",
        () ->
            assertThatThrownBy(
                    () ->
                        storage
                            .accounts()
                            .save(
                                Account.builder().from(account).tenant(b).owner("mallory").build()))
                .isInstanceOf(ConcurrentUpdateException.class));
    probes.put("reviews.find", () -> assertThat(storage.reviews().find(ofB)).isEmpty());
    probes.put(
        "reviews.findAll", () -> assertThat(storage.reviews().findAll(List.of(ofB))).isEmpty());
    probes.put(
        "reviews.list",
        () -> {
          assertThat(storage.reviews().list(b, AccessScope.tenant(), ALL, Optional.empty(), 100))
              .isEmpty();
          assertThat(storage.reviews().list(b, alice, ALL, Optional.empty(), 100)).isEmpty();
          ReviewCursor beforeA = new ReviewCursor(Instant.EPOCH, "0");
          assertThat(
                  storage.reviews().list(b, AccessScope.tenant(), ALL, Optional.of(beforeA), 100))
              .isEmpty();
        });
    probes.put(
        "reviews.byAccount",
        () -> assertThat(storage.reviews().byAccount(b, account.id(), ALL, 100)).isEmpty());
    probes.put(
        "reviews.counts",
        () -> {
          assertThat(storage.reviews().counts(b, AccessScope.tenant()).values()).containsOnly(0L);
          assertThat(storage.reviews().counts(b, alice).values()).containsOnly(0L);
        });
    probes.put(
        "reviews.medianTimeToReview",
        () -> {
          assertThat(storage.reviews().medianTimeToReview(b, AccessScope.tenant(), from, to))
              .isEmpty();
          assertThat(storage.reviews().medianTimeToReview(b, alice, from, to)).isEmpty();
        });
    probes.put(
        "reviews.overdue", () -> assertThat(storage.reviews().overdue(b, to, 100)).isEmpty());
    // B has no opportunity of A's id: a card of it is refused, whatever its version.
    probes.put(
        "reviews.save",
        () -> {
          assertThatThrownBy(
                  () ->
                      storage
                          .reviews()
                          .save(ReviewCard.builder().from(card).opportunityId(ofB).build()))
              .isInstanceOf(DiscoveryException.class);
          assertThatThrownBy(
                  () ->
                      storage
                          .reviews()
                          .save(
                              ReviewCard.builder()
                                  .from(card)
                                  .opportunityId(ofB)
                                  .version(0)
                                  .build()))
              .isInstanceOf(DiscoveryException.class);
        });
    probes.put(
        "reviews.createAll",
        () ->
            assertThatThrownBy(
                    () ->
                        storage
                            .reviews()
                            .createAll(
                                List.of(
                                    ReviewCard.builder()
                                        .from(card)
                                        .opportunityId(ofB)
                                        .version(0)
                                        .build())))
                .isInstanceOf(DiscoveryException.class));
  }
}
