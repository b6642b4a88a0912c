package io.github.discoverysdk.lifecycle;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.SignalKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A recorded change of a tracked signal: which signal, when it was detected, what changed, and the
 * run that detected it. Immutable and thread-safe.
 */
@Value.Immutable
public interface LifecycleEvent {
  String tenant();

  SignalKey signalKey();

  Instant detectedAt();

  /** What changed; never empty. */
  List<LifecycleChange> changes();

  /** The discovery or refresh run that detected it. */
  Optional<String> runId();

  @Value.Check
  default void check() {
    if (tenant().isBlank()) {
      throw new ValidationException("lifecycleEvent.tenant must not be blank");
    }
    if (changes().isEmpty()) {
      throw new ValidationException("lifecycleEvent.changes must not be empty");
    }
  }

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableLifecycleEvent.Builder {}
}
