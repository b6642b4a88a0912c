package io.github.discoverysdk.audit;

import io.github.discoverysdk.model.DiscoveryStyle;
import io.github.discoverysdk.support.Fields;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One field of an audited change: its value before and after, as text. Empty means absent (created
 * or removed). Values longer than {@link #MAX_VALUE} are cut there and end with {@code "…"}.
 * Immutable and thread-safe.
 */
@Value.Immutable
@DiscoveryStyle
public interface FieldChange {
  /** Longest value kept. */
  int MAX_VALUE = 2_000;

  @Value.Parameter
  String field();

  @Value.Parameter
  Optional<String> before();

  @Value.Parameter
  Optional<String> after();

  @Value.Check
  default void check() {
    Fields.identifier("change.field", field(), 100);
  }

  /** A change, values cut to {@link #MAX_VALUE} and made storable. */
  static FieldChange of(String field, String before, String after) {
    return Fields.build(
        "FieldChange",
        () ->
            ImmutableFieldChange.of(
                field, Optional.ofNullable(clip(before)), Optional.ofNullable(clip(after))));
  }

  private static String clip(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder b = new StringBuilder(Math.min(value.length(), MAX_VALUE + 1));
    for (int i = 0; i < value.length() && b.length() < MAX_VALUE; i++) {
      char c = value.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1));
      if (paired) {
        b.append(c).append(value.charAt(++i));
      } else {
        b.append(c == 0 || Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    if (b.length() < value.length()) {
      b.append('…');
    }
    return b.toString();
  }
}
