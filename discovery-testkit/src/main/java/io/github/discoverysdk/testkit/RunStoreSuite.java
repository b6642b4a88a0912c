package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.lifecycle.ChangeKind;
import io.github.discoverysdk.lifecycle.LifecycleChange;
import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.model.RunKind;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of runs(): run reports and lifecycle events.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Runs} against the storage of its {@link StorageContract#createStorage()}; never
 * extend this class directly.
 */
public abstract class RunStoreSuite extends StoreSuiteSupport {
  RunStoreSuite() {}

  @Test
  void runsAreListedNewestFirstUpToTheLimit() {
    storage().runs().save(run(TENANT_A, "run-noon", T0));
    storage().runs().save(run(TENANT_A, "run-later", T0.plus(Duration.ofHours(1))));
    storage().runs().save(run(TENANT_A, "run-earlier", T0.minus(Duration.ofHours(1))));
    storage().runs().save(run(TENANT_A, "run-latest", T0.plus(Duration.ofHours(2))));

    assertThat(storage().runs().list(TENANT_A, 3))
        .extracting(RunReport::runId)
        .containsExactly("run-latest", "run-later", "run-noon");
    assertThat(storage().runs().list(TENANT_A, 10)).hasSize(4);
  }

  @Test
  void aRunsRedactionCountsAreStoredWithIt() {
    RunReport redacted =
        RunReport.builder()
            .from(run(TENANT_A, "run-pii", T0))
            .putRedactions("EMAIL", 3)
            .putRedactions("IBAN", 1)
            .build();
    storage().runs().save(redacted);
    storage().runs().save(run(TENANT_A, "run-clean", T0.plus(Duration.ofHours(1))));

    assertThat(storage().runs().list(TENANT_A, 10))
        .extracting(RunReport::runId, RunReport::redactions)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("run-clean", java.util.Map.of()),
            org.assertj.core.groups.Tuple.tuple(
                "run-pii", java.util.Map.of("EMAIL", 3, "IBAN", 1)));
  }

  @Test
  void aChainStepsCountsAndItsKindAreReadBackEqual() {
    RunReport step =
        RunReport.builder()
            .from(run(TENANT_A, "run-icp-enrich", T0))
            .kind(RunKind.ICP_ENRICH)
            .putCounts("deals", 12)
            .putCounts("calls", 3)
            .putCounts("knownMisses", 0)
            .build();
    RunReport failed =
        RunReport.builder()
            .from(run(TENANT_A, "run-icp-rescore", T0.plus(Duration.ofMinutes(1))))
            .kind(RunKind.ICP_RESCORE)
            .status(RunStatus.FAILED)
            .addErrors("RESCORE failed: database gone")
            .build();
    storage().runs().save(step);
    storage().runs().save(failed);

    assertThat(storage().runs().list(TENANT_A, 10)).containsExactly(failed, step);
    assertThat(storage().runs().list(TENANT_A, 10).get(1).counts())
        .containsExactlyInAnyOrderEntriesOf(Map.of("deals", 12, "calls", 3, "knownMisses", 0));
  }

  @Test
  void aRunsStageTimesAreReadBackEqual() {
    RunReport timed =
        RunReport.builder()
            .from(run(TENANT_A, "run-timed", T0))
            .putStageTimes("process", Duration.ofNanos(1_234_567))
            .putStageTimes("match", Duration.ofMillis(12))
            .putStageTimes("score", Duration.ZERO)
            .putStageTimes("store", Duration.ofSeconds(2))
            .build();
    storage().runs().save(timed);

    RunReport read = storage().runs().list(TENANT_A, 1).get(0);
    assertThat(read).isEqualTo(timed);
    assertThat(read.stageTimes()).containsEntry("process", Duration.ofNanos(1_234_567));
    assertThat(read.counts()).isEmpty();
  }

  @Test
  void runsAreListedByPeriodNewestFirst() {
    storage().runs().save(run(TENANT_A, "r1", T0.minus(Duration.ofHours(2))));
    storage().runs().save(run(TENANT_A, "r2", T0));
    storage().runs().save(run(TENANT_A, "r3", T0.plus(Duration.ofHours(1))));
    storage().runs().save(run(TENANT_B, "r4", T0));

    assertThat(
            storage()
                .runs()
                .list(TENANT_A, T0.minus(Duration.ofHours(2)), T0.plus(Duration.ofHours(1))))
        .extracting(RunReport::runId)
        .containsExactly("r2", "r1");
  }

  @Test
  void aRunReportIsReadBackWithItsLifecycleCounters() {
    RunReport saved =
        RunReport.builder()
            .from(run(TENANT_A, "run-counted", T0))
            .opportunitiesArchived(1)
            .expiredOnArrival(2)
            .lifecycleEvents(3)
            .build();
    storage().runs().save(saved);

    assertThat(storage().runs().list(TENANT_A, 1)).containsExactly(saved);
  }

  @Test
  void lifecycleEventsAreKeptPerSignalInOrderAndScopedByTenant() {
    io.github.discoverysdk.lifecycle.LifecycleEvent moved =
        LifecycleEvent.builder()
            .tenant(TENANT_A)
            .signalKey(key("e1"))
            .detectedAt(T0)
            .runId("run-1")
            .addChanges(
                LifecycleChange.of(
                    ChangeKind.DATE_MOVED,
                    "Moved later: 2025-02-01 09:00 to 2025-02-15 09:00",
                    "2025-02-01 09:00",
                    "2025-02-15 09:00"))
            .build();
    io.github.discoverysdk.lifecycle.LifecycleEvent cancelled =
        LifecycleEvent.builder()
            .tenant(TENANT_A)
            .signalKey(key("e1"))
            .detectedAt(T0.plus(Duration.ofDays(1)))
            .addChanges(LifecycleChange.of(ChangeKind.CANCELLED, "Event cancelled"))
            .build();

    storage().runs().addLifecycleEvent(moved);
    storage().runs().addLifecycleEvent(cancelled);

    assertThat(storage().runs().listLifecycleEvents(TENANT_A, key("e1")))
        .containsExactly(moved, cancelled);
    assertThat(storage().runs().listLifecycleEvents(TENANT_B, key("e1"))).isEmpty();
    assertThat(storage().runs().listLifecycleEvents(TENANT_A, key("e2"))).isEmpty();
  }

  @Test
  void aBatchOfLifecycleEventsIsAppendedInOrderAfterTheStoredOnesAndScopedByTenant() {
    LifecycleEvent stored = lifecycleEvent(TENANT_A, "e1", T0, ChangeKind.REMOVED);
    storage().runs().addLifecycleEvent(stored);
    LifecycleEvent moved =
        LifecycleEvent.builder()
            .from(lifecycleEvent(TENANT_A, "e1", T0.plusSeconds(1), ChangeKind.DATE_MOVED))
            .changes(
                List.of(
                    LifecycleChange.of(
                        ChangeKind.DATE_MOVED, "Moved", "2025-02-01 09:00", "2025-02-15 09:00")))
            .runId("run-2")
            .build();
    LifecycleEvent other = lifecycleEvent(TENANT_A, "e2", T0.plusSeconds(2), ChangeKind.REMOVED);
    // Detected earlier than the batch's first event of e1, yet listed after it: order of writing.
    LifecycleEvent cancelled = lifecycleEvent(TENANT_A, "e1", T0, ChangeKind.CANCELLED);
    LifecycleEvent ofB = lifecycleEvent(TENANT_B, "e1", T0, ChangeKind.CANCELLED);

    storage().runs().addLifecycleEvents(List.of(moved, other, cancelled, ofB));
    storage().runs().addLifecycleEvents(List.of());

    assertThat(storage().runs().listLifecycleEvents(TENANT_A, key("e1")))
        .containsExactly(stored, moved, cancelled);
    assertThat(storage().runs().listLifecycleEvents(TENANT_A, key("e2"))).containsExactly(other);
    assertThat(storage().runs().listLifecycleEvents(TENANT_B, key("e1"))).containsExactly(ofB);
  }

  @Test
  void aBatchOfLifecycleEventsInAFailedTransactionIsGoneAndANullEventWritesNone() {
    IllegalStateException failure = new IllegalStateException("work failed");
    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        tx -> {
                          tx.runs()
                              .addLifecycleEvents(
                                  List.of(
                                      lifecycleEvent(TENANT_A, "e1", T0, ChangeKind.REMOVED),
                                      lifecycleEvent(TENANT_A, "e2", T0, ChangeKind.REMOVED)));
                          throw failure;
                        }))
        .isSameAs(failure);
    List<LifecycleEvent> withNull = new ArrayList<>();
    withNull.add(lifecycleEvent(TENANT_A, "e1", T0, ChangeKind.REMOVED));
    withNull.add(null);
    assertThatThrownBy(() -> storage().runs().addLifecycleEvents(withNull))
        .isInstanceOf(NullPointerException.class);

    assertThat(storage().runs().listLifecycleEvents(TENANT_A, key("e1"))).isEmpty();
    assertThat(storage().runs().listLifecycleEvents(TENANT_A, key("e2"))).isEmpty();
  }
}
