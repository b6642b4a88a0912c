package io.github.discoverysdk.connectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.spi.EnrichmentSubject;
import io.github.discoverysdk.support.Require;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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
    // Cut at the first of / ? #, without a regular expression: "[/?#].*$" tried to the line's
    // end from every such character, quadratic for a long run of them (SEC-14).
    for (int i = 0; i < d.length(); i++) {
      char c = d.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        d = d.substring(0, i);
        break;
      }
    }
    d = d.replaceFirst(":\\d+$", "").replaceFirst("^www\\.", "");
    return d.isEmpty() || !d.contains(".") ? Optional.empty() : Optional.of(d);
  }

  static String lower(String s) {
    return s.strip().toLowerCase(Locale.ROOT);
  }

  /** Puts what {@code found} says about {@code s} into {@code out}, unless that is nothing. */
  static void answer(
      Map<String, Map<String, String>> out, EnrichmentSubject s, Map<String, String> found) {
    Map<String, String> mine = forSubject(s, found);
    if (!mine.isEmpty()) {
      out.put(s.id(), Map.copyOf(mine));
    }
  }

  /**
   * The subjects {@code cache} holds no answer for, grouped by their cache key; the others are
   * answered into {@code out} at once.
   */
  static Map<String, List<EnrichmentSubject>> uncached(
      Cache<String, Map<String, String>> cache,
      List<EnrichmentSubject> subjects,
      Function<EnrichmentSubject, String> cacheKey,
      Map<String, Map<String, String>> out) {
    Map<String, List<EnrichmentSubject>> todo = new LinkedHashMap<>();
    for (EnrichmentSubject s : subjects) {
      String key = cacheKey.apply(s);
      Map<String, String> cached = cache.getIfPresent(key);
      if (cached != null) {
        answer(out, s, cached);
      } else {
        todo.computeIfAbsent(key, x -> new ArrayList<>()).add(s);
      }
    }
    return todo;
  }

  /** How many subjects {@code todo} holds. */
  static int count(Map<String, List<EnrichmentSubject>> todo) {
    return todo.values().stream().mapToInt(List::size).sum();
  }

  /**
   * The settings every HTTP enricher's builder has: id, toolkit, base URL and answer cache. Not
   * thread-safe.
   *
   * @param <B> the concrete builder, returned by every setter
   */
  abstract static class Builder<B extends Builder<B>> extends HttpBuilder<B> {
    String id;
    Duration cacheLifetime;
    long cacheSize;

    Builder(String id, URI baseUrl, Duration cacheLifetime, long cacheSize) {
      super(baseUrl);
      this.id = id;
      this.cacheLifetime = cacheLifetime;
      this.cacheSize = cacheSize;
    }

    /** The id, also the provider name of the tenant's key; default the enricher's {@code ID}. */
    public B id(String id) {
      Objects.requireNonNull(id, "id");
      if (id.isBlank()) {
        throw new ValidationException("id must not be blank");
      }
      this.id = id;
      return self();
    }

    /** How long an answer is reused, on the toolkit's clock; the default is the builder's. */
    public B cacheLifetime(Duration lifetime) {
      Objects.requireNonNull(lifetime, "lifetime");
      Require.positive("cacheLifetime", lifetime);
      this.cacheLifetime = lifetime;
      return self();
    }

    /** Answers the cache holds at most; the default is the builder's. */
    public B cacheSize(long entries) {
      if (entries < 1) {
        throw new ValidationException("cacheSize must be positive, was " + entries);
      }
      this.cacheSize = entries;
      return self();
    }
  }

  /** {@code cost}, if not negative; a builder's check of {@code name}. */
  static double cost(String name, double cost) {
    if (!(cost >= 0)) {
      throw new ValidationException(name + " must not be negative, was " + cost);
    }
    return cost;
  }

  /**
   * The tenant's key for {@code sourceId}, or a MISSING_CREDENTIALS failure naming the service, so
   * that nothing is sent without one.
   */
  static io.github.discoverysdk.spi.Secret token(
      io.github.discoverysdk.spi.CredentialStore credentials,
      String sourceId,
      String tenant,
      String service)
      throws io.github.discoverysdk.connectors.http.ConnectorException {
    return credentials
        .find(tenant, sourceId)
        .orElseThrow(
            () ->
                new io.github.discoverysdk.connectors.http.ConnectorException(
                    io.github.discoverysdk.connectors.http.ConnectorException.Kind
                        .MISSING_CREDENTIALS,
                    sourceId,
                    "tenant " + tenant + " has no " + service + " token"));
  }
}
