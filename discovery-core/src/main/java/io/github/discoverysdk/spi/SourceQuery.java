package io.github.discoverysdk.spi;

import io.github.discoverysdk.ValidationException;
import java.util.Locale;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One question to a source. Profiles that ask the same question share one query: the engine groups
 * queries by {@link #key()} and fetches each once per run. Immutable and thread-safe.
 */
@Value.Immutable
public interface SourceQuery {
  /** What a query searches for. */
  enum Kind {
    /** Everything the source has (feed sources). */
    ALL,
    COMPANY,
    KEYWORD
  }

  @Value.Parameter
  Kind kind();

  /** The search term; empty for {@link Kind#ALL}. */
  @Value.Parameter
  Optional<String> term();

  /**
   * Stable identity of the query, also the key of its watermark: {@code all}, {@code
   * company:stripe}.
   */
  @Value.Derived
  default String key() {
    return term()
        .map(t -> kind().name().toLowerCase(Locale.ROOT) + ":" + t.strip().toLowerCase(Locale.ROOT))
        .orElse("all");
  }

  @Value.Check
  default void check() {
    if (kind() == Kind.ALL && term().isPresent()) {
      throw new ValidationException("an ALL query takes no term, was '" + term().get() + "'");
    }
    if (kind() != Kind.ALL && (term().isEmpty() || term().get().isBlank())) {
      throw new ValidationException("a " + kind() + " query needs a term");
    }
  }

  static SourceQuery all() {
    return ImmutableSourceQuery.of(Kind.ALL, Optional.empty());
  }

  static SourceQuery company(String name) {
    return ImmutableSourceQuery.of(Kind.COMPANY, Optional.of(name));
  }

  static SourceQuery keyword(String keyword) {
    return ImmutableSourceQuery.of(Kind.KEYWORD, Optional.of(keyword));
  }
}
