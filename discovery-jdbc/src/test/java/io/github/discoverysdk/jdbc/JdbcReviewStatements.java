package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.FieldChange;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.review.ReviewCard;
import io.github.discoverysdk.review.ReviewCursor;
import io.github.discoverysdk.review.ReviewState;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.testkit.Fixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What the SQL stores of audit(), accounts() and reviews() must prove beyond the contract: their
 * batch methods take a number of statements that does not grow with the batch, no caller string
 * reaches SQL text, and (on PostgreSQL) the audit table refuses changes. Runs as a nested class of
 * {@link JdbcStorageContract}, on each dialect's database.
 */
abstract class JdbcReviewStatements {
  private static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");
  private static final String TENANT = "tenant-a";

  abstract JdbcStorageContract contract();

  private Storage storage() {
    return contract().jdbc();
  }

  private Dialect dialect() {
    return contract().database().dialect();
  }

  private List<String> statementsOf(Runnable work) {
    int before = contract().recordedSql().size();
    work.run();
    List<String> all = contract().recordedSql();
    return all.subList(before, all.size());
  }

  private static AuditEntry entry(String tenant, String actor, String entityId, int i) {
    return AuditEntry.builder()
        .tenant(tenant)
        .actor(actor)
        .entityType("opportunity")
        .entityId(entityId)
        .action(AuditAction.UPDATE)
        .addChanges(FieldChange.of("n", null, Integer.toString(i)))
        .at(T0.plusSeconds(i))
        .build();
  }

  private List<Opportunity> opportunities(int n) {
    Profile p = storage().profiles().save(Fixtures.profile(TENANT, "P"));
    List<Opportunity> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(
          Fixtures.opportunity(
              OpportunityId.of(TENANT, "o-" + i), p.id(), SignalKey.of("src", "k-" + i), 50, T0));
    }
    return storage().opportunities().saveAll(batch);
  }

  private static ReviewCard card(Opportunity o) {
    return ReviewCard.builder().opportunityId(o.id()).createdAt(T0).updatedAt(T0).build();
  }

  @Test
  void appendingAThousandAuditEntriesIsOneStatement() {
    List<AuditEntry> batch = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      batch.add(entry(TENANT, "alice", "o-" + i % 10, i));
    }
    AtomicReference<List<AuditEntry>> stored = new AtomicReference<>();

    assertThat(statementsOf(() -> stored.set(storage().audit().append(batch)))).hasSize(1);
    assertThat(stored.get()).hasSize(1_000);
    for (int i = 1; i < 1_000; i++) {
      assertThat(stored.get().get(i).sequence()).isGreaterThan(stored.get().get(i - 1).sequence());
    }
    assertThat(storage().audit().byActor(TENANT, "alice", 0, 2_000))
        .containsExactlyElementsOf(stored.get());
  }

  /** PostgreSQL: one multi-row insert; elsewhere a read of the stored keys per 500, one batch. */
  @Test
  void creatingAThousandCardsTakesAFewStatements() {
    List<ReviewCard> cards = opportunities(1_000).stream().map(JdbcReviewStatements::card).toList();
    boolean pg = dialect() == Dialect.POSTGRESQL;
    AtomicReference<List<ReviewCard>> created = new AtomicReference<>();

    assertThat(statementsOf(() -> created.set(storage().reviews().createAll(cards))))
        .hasSize(pg ? 1 : 3);
    assertThat(created.get()).hasSize(1_000).allSatisfy(c -> assertThat(c.version()).isOne());
    assertThat(statementsOf(() -> created.set(storage().reviews().createAll(cards))))
        .hasSize(pg ? 1 : 2);
    assertThat(created.get()).isEmpty();
  }

  @Test
  void findingAThousandCardsIsOneStatement() {
    List<ReviewCard> cards = opportunities(1_000).stream().map(JdbcReviewStatements::card).toList();
    storage().reviews().createAll(cards.subList(0, 500));
    List<OpportunityId> ids = cards.stream().map(ReviewCard::opportunityId).toList();
    AtomicReference<Map<OpportunityId, ReviewCard>> found = new AtomicReference<>();

    assertThat(statementsOf(() -> found.set(storage().reviews().findAll(ids)))).hasSize(1);
    assertThat(found.get()).hasSize(500).containsKey(ids.get(499)).doesNotContainKey(ids.get(500));
  }

  @Test
  void findingAccountsByAThousandCompanyKeysIsOneStatement() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      keys.add("company " + i);
    }
    for (int i = 0; i < 10; i++) {
      storage()
          .accounts()
          .save(
              Account.builder()
                  .tenant(TENANT)
                  .id("acc-" + i)
                  .name("Company " + i)
                  .owner("alice")
                  .createdAt(T0)
                  .updatedAt(T0)
                  .build());
    }
    AtomicReference<Map<String, Account>> found = new AtomicReference<>();

    assertThat(statementsOf(() -> found.set(storage().accounts().findByCompanies(TENANT, keys))))
        .hasSize(1);
    assertThat(found.get()).hasSize(10).containsKey("company 9").doesNotContainKey("company 10");
  }

  /** Every method of the three stores with hostile values: only constants and ? reach SQL. */
  @Test
  void noCallerStringReachesTheSqlTextOfTheThreeStores() {
    String marker = "ZQX";
    String tenant = marker + "-t";
    Profile p =
        storage()
            .profiles()
            .save(
                Profile.builder()
                    .from(Fixtures.profile(tenant, "P"))
                    .id(ProfileId.of(tenant, marker + "-p'"))
                    .build());
    Opportunity o =
        storage()
            .opportunities()
            .save(
                Fixtures.opportunity(
                    OpportunityId.of(tenant, marker + "-o'"),
                    p.id(),
                    SignalKey.of("src", marker + "'"),
                    50,
                    T0));
    String actor = marker + "-a'\"";
    int before = contract().recordedSql().size();
    storage().audit().append(List.of(entry(tenant, actor, marker + "-e'", 1)));
    storage().audit().byEntity(tenant, "opportunity", marker + "-e'", 0, 10);
    storage().audit().byActor(tenant, actor, 0, 10);
    storage().audit().byTime(tenant, T0, T0.plusSeconds(10), 0, 10);
    Account account =
        storage()
            .accounts()
            .save(
                Account.builder()
                    .tenant(tenant)
                    .id(marker + "-acc'")
                    .name(marker + " name'")
                    .owner(marker + "-owner'")
                    .team(marker + "-team'")
                    .addCompanies(marker + " company'")
                    .putCrmIds(marker + "'", marker + "\"")
                    .createdAt(T0)
                    .updatedAt(T0)
                    .build());
    storage().accounts().save(Account.builder().from(account).owner(marker + "-other'").build());
    storage().accounts().find(tenant, account.id());
    AccessScope scope = AccessScope.of(marker + "-owner'", Set.of(marker + "-team'"));
    storage().accounts().list(tenant, scope, marker + "'", 10);
    storage().accounts().findByCompanies(tenant, account.companyKeys());
    ReviewCard card =
        storage()
            .reviews()
            .save(
                ReviewCard.builder()
                    .from(card(o))
                    .accountId(account.id())
                    .narrative(marker + "'")
                    .addNotes(marker + "\"")
                    .build());
    storage()
        .reviews()
        .save(
            ReviewCard.builder()
                .from(card)
                .state(ReviewState.PENDING_REVIEW)
                .submittedAt(T0)
                .build());
    storage().reviews().createAll(List.of(card(o)));
    storage().reviews().find(o.id());
    storage().reviews().findAll(List.of(o.id()));
    Set<ReviewState> all = EnumSet.allOf(ReviewState.class);
    storage()
        .reviews()
        .list(tenant, scope, all, Optional.of(new ReviewCursor(T0, marker + "'")), 10);
    storage().reviews().byAccount(tenant, account.id(), all, 10);
    storage().reviews().counts(tenant, scope);
    storage().reviews().medianTimeToReview(tenant, scope, T0, T0.plusSeconds(1));
    storage().reviews().overdue(tenant, T0.plusSeconds(1), 10);

    List<String> sql = contract().recordedSql();
    assertThat(sql.subList(before, sql.size()))
        .hasSizeGreaterThan(15)
        .allSatisfy(
            s -> assertThat(s).doesNotContain(marker).doesNotContain("'").doesNotContain("\""));
  }

  /** The trigger of V10 refuses UPDATE and DELETE on the audit log (PostgreSQL only). */
  @Test
  void theAuditTableRefusesUpdateAndDeleteOnPostgreSql() throws SQLException {
    assumeTrue(dialect() == Dialect.POSTGRESQL, "the refusing trigger is PostgreSQL's");
    AuditEntry stored = storage().audit().append(List.of(entry(TENANT, "alice", "o-1", 1))).get(0);

    try (Connection c = contract().database().dataSource().getConnection();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE discovery_audit SET actor = 'mallory'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM discovery_audit"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only");
    }
    assertThat(storage().audit().byActor(TENANT, "alice", 0, 10)).containsExactly(stored);
  }
}
