package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.records.JobState;
import io.github.discoverysdk.records.QueueChange;
import io.github.discoverysdk.records.QueueQuery;
import io.github.discoverysdk.spi.Storage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant isolation probes of records(), kept apart from {@link TenantIsolationSuite} so that
 * each subsystem adds its probes in a file of its own. Tenant A's rows are seeded with {@link
 * #seed}; tenant B's calls, in {@link #add}, use A's keys, rules and job names.
 */
final class RecordProbes {
  private RecordProbes() {}

  static void seed(Storage storage, String a) {
    storage.records().saveAll(a, List.of(RecordStoreSuite.record(a, "r1", "unsigned", "q")));
    storage.records().addConversions(a, List.of(RecordStoreSuite.conversion(a, "r1", "signed", 1)));
    storage
        .records()
        .addQueueChanges(
            a,
            List.of(
                new QueueChange(
                    a,
                    "users",
                    "r1",
                    Optional.empty(),
                    Optional.of("q"),
                    "new record",
                    StoreSuiteSupport.T0,
                    0)));
    storage.records().saveJob(JobState.initial(a, "job"));
  }

  static Object snapshot(Storage storage, String a) {
    return List.of(
        storage.records().find(a, "users", List.of("r1")),
        storage.records().listConversions(a, 0, 100),
        storage.records().listQueueChanges(a, "users", "r1", 100),
        storage.records().listQueue(a, QueueQuery.of("users", "q", 100)),
        storage.records().listRecords(a, "users", java.util.Optional.empty(), 100),
        storage.records().findJob(a, "job"));
  }

  static void add(Map<String, Runnable> probes, Storage storage, String b) {
    probes.put(
        "records.find",
        () -> assertThat(storage.records().find(b, "users", List.of("r1"))).isEmpty());
    probes.put(
        "records.listConversions",
        () -> assertThat(storage.records().listConversions(b, 0, 100)).isEmpty());
    probes.put(
        "records.listQueueChanges",
        () -> assertThat(storage.records().listQueueChanges(b, "users", "r1", 100)).isEmpty());
    probes.put(
        "records.listQueue",
        () ->
            assertThat(storage.records().listQueue(b, QueueQuery.of("users", "q", 100))).isEmpty());
    probes.put(
        "records.listRecords",
        () ->
            assertThat(storage.records().listRecords(b, "users", java.util.Optional.empty(), 100))
                .isEmpty());
    probes.put("records.findJob", () -> assertThat(storage.records().findJob(b, "job")).isEmpty());
    probes.put(
        "records.saveAll",
        () ->
            assertThat(
                    storage
                        .records()
                        .saveAll(b, List.of(RecordStoreSuite.record(b, "r1", "signed", "q"))))
                .hasSize(1));
    probes.put(
        "records.addConversions",
        () ->
            assertThat(
                    storage
                        .records()
                        .addConversions(
                            b, List.of(RecordStoreSuite.conversion(b, "r1", "signed", 1))))
                .containsExactly(true));
    probes.put(
        "records.addQueueChanges",
        () ->
            storage
                .records()
                .addQueueChanges(
                    b,
                    List.of(
                        new QueueChange(
                            b,
                            "users",
                            "r1",
                            Optional.of("q"),
                            Optional.empty(),
                            "aged out",
                            StoreSuiteSupport.T0,
                            0))));
    probes.put(
        "records.saveJob",
        () ->
            assertThat(storage.records().saveJob(JobState.initial(b, "job")).version())
                .isEqualTo(1));
  }
}
