package io.github.discoverysdk.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** A tenant's discovery health as of its latest runs. Immutable and thread-safe. */
@Value.Immutable
@DiscoveryStyle
public interface HealthSnapshot {
  String tenant();

  HealthStatus status();

  Optional<RunReport> lastRun();

  /** When the last fully successful run finished. */
  Optional<Instant> lastSuccessAt();

  /** Runs in a row, newest first, that did not fully succeed. */
  int consecutiveFailures();

  /** Sources that reported errors in the last run. */
  List<String> failingSources();

  /** The tenant's record jobs ({@code engine.records()}), each as of its last run. */
  List<RecordJobHealth> recordJobs();

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableHealthSnapshot.Builder {}
}
