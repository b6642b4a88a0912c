package io.github.discoverysdk.search;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.model.Tenants;
import io.github.discoverysdk.support.Fields;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * A page request on a tenant's search index. {@link #text()} is plain words, never query syntax: an
 * index splits it into terms itself, so {@code tenant:other} or {@code *:*} is searched as the
 * words it contains. Immutable and thread-safe.
 *
 * <pre>{@code
 * SearchQuery.builder().tenant("acme").text("series b").addKinds(SearchKind.OPPORTUNITY)
 *     .limit(20).build();
 * }</pre>
 */
@Value.Immutable
@DiscoveryStyle
public interface SearchQuery {
  /** Longest {@link #text()}: a search box, not a document. */
  int MAX_TEXT = 1_000;

  /** Largest {@link #limit()}. */
  int MAX_LIMIT = 100;

  /** Longest {@link #cursor()}: no cursor an index issues comes near it. */
  int MAX_CURSOR_LENGTH = 200;

  String tenant();

  /** The words to find; must not be blank. */
  String text();

  /** Empty means every kind. */
  Set<SearchKind> kinds();

  /** Page size, 1..{@link #MAX_LIMIT}. Default 20. */
  @Value.Default
  default int limit() {
    return 20;
  }

  /** {@code nextCursor()} of the previous page; empty for the first page. */
  Optional<String> cursor();

  @Value.Check
  default void check() {
    Tenants.check("searchQuery.tenant", tenant());
    if (text().length() > MAX_TEXT) {
      throw new ValidationException(
          "searchQuery.text must be at most " + MAX_TEXT + " characters, was " + text().length());
    }
    Fields.notBlank("searchQuery.text", text());
    Fields.storable("searchQuery.text", text());
    if (limit() < 1 || limit() > MAX_LIMIT) {
      throw new ValidationException(
          "searchQuery.limit must be between 1 and " + MAX_LIMIT + ", was " + limit());
    }
    cursor().ifPresent(c -> Fields.identifier("searchQuery.cursor", c, MAX_CURSOR_LENGTH));
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SearchQuery}; {@code build()} throws {@code ValidationException}. */
  final class Builder extends ImmutableSearchQuery.Builder {
    @Override
    public SearchQuery build() {
      return Fields.build("SearchQuery", super::build);
    }
  }
}
