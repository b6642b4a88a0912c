package io.github.discoverysdk.connectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.spi.EnrichmentSubject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What the HTTP enrichers share. Stateless and thread-safe. */
final class Enrichers {
  private Enrichers() {}

  /** The reason a tenant without a key is skipped; names the provider, never a key. */
  static String noKey(String enricherId) {
    return enricherId + ": no API key for this tenant";
  }

  /** The reason a call failed: its kind only, since messages are not shown in reports. */
  static String failed(String enricherId, String what, ConnectorException e, int subjects) {
    return enricherId
        + ": "
        + what
        + " failed ("
        + e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
        + "); "
        + subjects
        + (subjects == 1 ? " subject" : " subjects")
        + " not enriched";
  }

  /**
   * A cache whose entries expire {@code lifetime} after they were written, on the toolkit clock.
   */
  static <V> Cache<String, V> cache(HttpToolkit http, Duration lifetime, long maxEntries) {
    return Caffeine.newBuilder()
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(http.clock().millis()))
        .expireAfterWrite(lifetime)
        .maximumSize(maxEntries)
        .build();
  }

  /** {@code found} without blank values and without the attributes a user set on the subject. */
  static Map<String, String> forSubject(EnrichmentSubject subject, Map<String, String> found) {
    Map<String, String> out = new LinkedHashMap<>();
    found.forEach(
        (k, v) -> {
          if (v != null && !v.isBlank() && !subject.userSetFields().contains(k)) {
            out.put(k, v);
          }
        });
    return out;
  }

  /** A web domain in lower case without scheme, {@code www.}, path or port. */
  static Optional<String> domain(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String d = value.strip().toLowerCase(Locale.ROOT);
    d = d.replaceFirst("^[a-z][a-z0-9+.-]*://", "");
    d = d.replaceFirst("[/?#].*$", "").replaceFirst(":\\d+$", "").replaceFirst("^www\\.", "");
    return d.isEmpty() || !d.contains(".") ? Optional.empty() : Optional.of(d);
  }

  static String lower(String s) {
    return s.strip().toLowerCase(Locale.ROOT);
  }
}
