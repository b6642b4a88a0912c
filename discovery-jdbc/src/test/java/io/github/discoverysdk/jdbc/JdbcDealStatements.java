package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealStage;
import io.github.discoverysdk.deals.DealStore;
import io.github.discoverysdk.spi.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What the SQL store of deals() must prove beyond the contract: a batch takes a number of
 * statements that does not grow with it, and no caller string reaches SQL text. Runs as a nested
 * class of {@link JdbcStorageContract}, on each dialect's database.
 */
abstract class JdbcDealStatements {
  private static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");
  private static final String TENANT = "tenant-a";

  abstract JdbcStorageContract contract();

  private Storage storage() {
    return contract().jdbc();
  }

  private List<String> statementsOf(Runnable work) {
    int before = contract().recordedSql().size();
    work.run();
    List<String> all = contract().recordedSql();
    return List.copyOf(all.subList(before, all.size()));
  }

  private static List<Deal> deals(Instant updated, String name) {
    List<Deal> out = new ArrayList<>();
    for (int i = 0; i < DealStore.MAX_BATCH; i++) {
      out.add(
          Deal.builder()
              .tenant(TENANT)
              .source("src'; DROP TABLE discovery_deal; --")
              .id("deal-" + i)
              .name(name)
              .stage(DealStage.CLOSED_WON)
              .closedAt(T0)
              .updatedAt(updated)
              .build());
    }
    return out;
  }

  /** Two reads of 500 stored keys each, then one JDBC batch of inserts or of updates. */
  @Test
  void savingAThousandDealsTakesThreeStatementsWhetherNewChangedOrReplayed() {
    AtomicReference<List<Deal>> saved = new AtomicReference<>();

    List<String> inserts =
        statementsOf(() -> saved.set(storage().deals().saveAll(deals(T0, "v1"))));
    assertThat(inserts).hasSize(3);
    assertThat(saved.get()).hasSize(1_000).allSatisfy(d -> assertThat(d.version()).isOne());

    List<String> updates =
        statementsOf(() -> saved.set(storage().deals().saveAll(deals(T0.plusSeconds(1), "v2"))));
    assertThat(updates).hasSize(3);
    assertThat(saved.get()).allSatisfy(d -> assertThat(d.version()).isEqualTo(2));

    List<String> replay =
        statementsOf(() -> saved.set(storage().deals().saveAll(deals(T0.plusSeconds(1), "v3"))));
    assertThat(replay).as("an unchanged batch only reads").hasSize(2);
    assertThat(saved.get()).allSatisfy(d -> assertThat(d.name()).isEqualTo("v2"));

    List<String> all = new ArrayList<>(inserts);
    all.addAll(updates);
    all.addAll(replay);
    assertThat(all).noneMatch(sql -> sql.contains("DROP") || sql.contains(TENANT));
  }
}
