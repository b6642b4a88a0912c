package io.github.discoverysdk.lifecycle;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * One change between two versions of a signal, with a line a UI can show next to an "updated"
 * badge. Immutable and thread-safe.
 */
@Value.Immutable
public interface LifecycleChange {
  @Value.Parameter
  ChangeKind kind();

  /** A one-line summary, for example {@code "Moved from 2026-12-01 to 2026-12-15"}. */
  @Value.Parameter
  String summary();

  /** The old value, when the change has one. */
  Optional<String> before();

  /** The new value, when the change has one. */
  Optional<String> after();

  /** Whether the change affects when to act (dates, cancellation, removal). */
  default boolean affectsTiming() {
    return switch (kind()) {
      case DATE_MOVED, CANCELLED, REINSTATED, POSTPONED, REMOVED, ENDED -> true;
      default -> false;
    };
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link LifecycleChange}, for storages reading one back. */
  final class Builder extends ImmutableLifecycleChange.Builder {}

  static LifecycleChange of(ChangeKind kind, String summary) {
    return ImmutableLifecycleChange.of(kind, summary);
  }

  static LifecycleChange of(ChangeKind kind, String summary, String before, String after) {
    return builder().kind(kind).summary(summary).before(before).after(after).build();
  }
}
