package io.github.discoverysdk.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One page of results with an opaque keyset cursor to the next. Immutable and thread-safe.
 *
 * @param <T> the item type
 */
@Value.Immutable
@DiscoveryStyle
public interface Page<T> {
  @Value.Parameter
  List<T> items();

  /** Pass it as {@link FeedQuery#cursor()} to get the next page; empty on the last page. */
  @Value.Parameter
  Optional<String> nextCursor();

  static <T> Page<T> of(List<T> items, Optional<String> nextCursor) {
    return ImmutablePage.of(items, nextCursor);
  }
}
