package io.github.discoverysdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.RunKind;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The JSON of a stored run report: the fields added later read as empty from older rows. */
class JsonRunTest {
  /** A row written before a run had counts or stage times. */
  private static final String OLDER_ROW =
      "{\"runId\":\"r1\",\"tenant\":\"acme\",\"kind\":\"DISCOVERY\",\"profiles\":[],"
          + "\"startedAt\":\"2026-11-01T10:00:00Z\",\"finishedAt\":\"2026-11-01T10:00:05Z\","
          + "\"status\":\"SUCCEEDED\",\"queriesPlanned\":1,\"queriesExecuted\":1,"
          + "\"signalsFetched\":4,\"signalsNew\":4,\"signalsChanged\":0,\"signalsUnchanged\":0,"
          + "\"recordsRejected\":0,\"signalsBackfilled\":0,\"matches\":2,\"opportunitiesNew\":2,"
          + "\"opportunitiesUpdated\":0,\"opportunitiesUnchanged\":0,\"alertsSent\":0,"
          + "\"sources\":[],\"errors\":[]}";

  @Test
  void anOlderRowReadsWithNoCountsAndNoStageTimes() {
    RunReport r = Json.readRun(OLDER_ROW);

    assertThat(r.signalsFetched()).isEqualTo(4);
    assertThat(r.counts()).isEmpty();
    assertThat(r.stageTimes()).isEmpty();
    assertThat(Json.run(r)).doesNotContain("counts").doesNotContain("stageNanos");
  }

  @Test
  void countsAndStageTimesRoundTripToTheNanosecond() {
    RunReport r =
        RunReport.builder()
            .from(Json.readRun(OLDER_ROW))
            .kind(RunKind.ICP_ENRICH)
            .status(RunStatus.FAILED)
            .putCounts("deals", 12)
            .putCounts("failed", 0)
            .putStageTimes("match", Duration.ofNanos(1_500_001))
            .putStageTimes("store", Duration.ofSeconds(3))
            .finishedAt(Instant.parse("2026-11-01T10:00:06Z"))
            .build();

    assertThat(Json.readRun(Json.run(r))).isEqualTo(r);
  }
}
