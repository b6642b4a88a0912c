package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.insight.CardInsight;
import io.github.discoverysdk.insight.InboxQuery;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.Urgency;
import io.github.discoverysdk.testkit.Fixtures;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQL of the urgency filters (their results are the storage contract's {@code UrgencyFilters}):
 * urgencies reach the database as bound ordinals in an {@code IN} list on the indexed columns,
 * never as text in the statement.
 */
class SqlUrgencyFilterTest {
  private static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");

  private static TestDatabase database;

  @BeforeAll
  static void startDatabase() {
    database = TestDatabase.h2();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    database.close();
  }

  @Test
  void urgenciesAreBoundOrdinalsInAnInListOnTheIndexedColumns() {
    RecordingDataSource recording = new RecordingDataSource(database.dataSource());
    try (JdbcStorage storage = JdbcStorage.builder().dataSource(recording).build()) {
      check(storage, recording);
    }
  }

  private static void check(JdbcStorage storage, RecordingDataSource recording) {
    Profile profile = storage.profiles().save(Fixtures.profile("acme", "Urgent"));
    Opportunity o =
        storage
            .opportunities()
            .save(Fixtures.opportunity(profile.id(), SignalKey.of("src", "e-1"), 50, T0));
    storage
        .insight()
        .recordAll(
            List.of(
                new CardInsight(
                    o.id(), Optional.empty(), "src", T0, T0, T0, Set.of(), true, true)));
    int before = recording.sql().size();

    assertThat(
            storage
                .opportunities()
                .feed(
                    FeedQuery.forTenant("acme")
                        .addUrgencies(Urgency.CRITICAL, Urgency.MEDIUM)
                        .sortBy(FeedSort.URGENCY)
                        .build())
                .items())
        .containsExactly(o);
    assertThat(
            storage
                .insight()
                .inbox(
                    "acme",
                    AccessScope.tenant(),
                    InboxQuery.builder().addUrgencies(Urgency.HIGH, Urgency.LOW).build(),
                    Optional.empty(),
                    10))
        .isEmpty();

    List<String> sql = recording.sql().subList(before, recording.sql().size());
    assertThat(sql).hasSize(2);
    assertThat(sql.get(0)).contains("sort_urgency IN (?, ?)");
    assertThat(sql.get(1)).contains("i.urgency IN (?, ?)");
    for (Urgency u : Urgency.values()) {
      assertThat(sql).noneMatch(s -> s.contains(u.name()));
    }
  }
}
