package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches signals from one source. Implementations must be thread-safe: fetch may run concurrently
 * for different queries.
 *
 * <p>A malformed record is reported in {@link SourceResult#rejected()} and skipped; an exception
 * thrown from {@link #fetch} fails that one query only, and its watermark does not move.
 */
public interface SignalSource {
  /** Stable id; part of every {@link SignalKey} this source produces. */
  String id();

  SourceCapabilities capabilities();

  /**
   * The queries a profile needs from this source. The default asks a feed source for everything and
   * a search source once per watchlist company, competitor and keyword.
   */
  default Set<SourceQuery> plan(Profile profile) {
    if (capabilities().queryMode() == QueryMode.FEED) {
      return Set.of(SourceQuery.all());
    }
    Set<SourceQuery> queries = new LinkedHashSet<>();
    for (Company c : profile.watchlist()) {
      queries.add(SourceQuery.company(c.name()));
    }
    profile.competitors().forEach(c -> queries.add(SourceQuery.company(c)));
    profile.keywords().forEach(k -> queries.add(SourceQuery.keyword(k)));
    return queries;
  }

  /** Fetches what is new or changed for a query since the request's cursor. */
  SourceResult fetch(SourceRequest request, SourceContext context) throws Exception;

  /** Fetches the current version of one signal, or empty if the source no longer has it. */
  default Optional<Signal> refresh(SignalKey key, SourceContext context) throws Exception {
    return Optional.empty();
  }
}
