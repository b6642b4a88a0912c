package io.github.discoverysdk.search;

import io.github.discoverysdk.model.DiscoveryStyle;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One result of a search: the document's identity and title, and the passages of its title and text
 * that matched, with each matched term wrapped in {@code <b>} and {@code </b>} and everything else
 * HTML-escaped. Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface SearchHit {
  SearchKind kind();

  String id();

  Optional<String> accountId();

  Optional<String> opportunityId();

  String title();

  Instant time();

  String source();

  /** The index's relevance score; higher is better, comparable within one search only. */
  float score();

  /** Matching passages, best first; empty if only a field without stored text matched. */
  List<String> highlights();

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SearchHit}. */
  final class Builder extends ImmutableSearchHit.Builder {}
}
