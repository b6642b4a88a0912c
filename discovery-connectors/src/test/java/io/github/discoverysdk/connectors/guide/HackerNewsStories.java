package io.github.discoverysdk.connectors.guide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.http.RateLimit;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.QueryMode;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Hacker News stories naming a watched company, from the Algolia search API. Thread-safe. */
public final class HackerNewsStories implements SignalSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpToolkit http;
  private final URI baseUrl;

  public HackerNewsStories(HttpToolkit http, URI baseUrl) {
    this.http = http;
    this.baseUrl = baseUrl;
    http.rateLimit(id(), RateLimit.perSecond(2)); // well under 10,000 requests an hour
  }

  @Override
  public String id() {
    return "hacker-news";
  }

  @Override
  public SourceCapabilities capabilities() {
    return SourceCapabilities.builder()
        .queryMode(QueryMode.SEARCH) // one query per watched company, competitor and keyword
        .addSignalTypes(SignalType.NEWS)
        .build();
  }

  @Override
  public SourceResult fetch(SourceRequest request, SourceContext context) throws Exception {
    String term = request.query().term().orElse("");
    long since = request.cursor().map(Long::parseLong).orElse(0L); // created_at_i of the newest
    URI url =
        URI.create(
            baseUrl
                + "/api/v1/search_by_date?tags=story&hitsPerPage=50&query="
                + URLEncoder.encode("\"" + term + "\"", StandardCharsets.UTF_8)
                + "&numericFilters="
                + URLEncoder.encode("created_at_i>" + since, StandardCharsets.UTF_8));
    // The toolkit brings the cache, the rate limit, retries, the breaker and typed errors.
    HttpResult answer =
        http.execute(HttpCall.get(id(), url).cacheTtl(Duration.ofMinutes(5)).build(), context);
    JsonNode hits;
    try {
      hits = JSON.readTree(answer.body()).path("hits");
    } catch (java.io.IOException e) {
      throw ConnectorException.parseError(id(), "search " + term, "malformed JSON", e);
    }
    List<Signal> signals = new ArrayList<>();
    List<RejectedRecord> rejected = new ArrayList<>();
    long newest = since;
    for (JsonNode hit : hits) {
      String objectId = hit.path("objectID").asText("");
      long created = hit.path("created_at_i").asLong(-1);
      String title = hit.path("title").asText("");
      if (objectId.isEmpty() || created < 0 || title.isBlank()) {
        rejected.add(
            RejectedRecord.of(
                objectId.isEmpty() ? "#" + signals.size() : objectId,
                "objectID, created_at_i and title are required"));
        continue; // one bad record never fails the fetch
      }
      newest = Math.max(newest, created);
      Signal.Builder signal =
          Signal.builder()
              .key(SignalKey.of(id(), objectId))
              .type(SignalType.NEWS)
              .title(title)
              .publishedAt(Instant.ofEpochSecond(created))
              .observedAt(context.clock().instant()) // time only from the engine's clock
              .addOrganizations(OrganizationMention.of(term, OrganizationRole.MENTIONED));
      Optional.ofNullable(hit.path("url").textValue())
          .filter(u -> u.startsWith("http"))
          .map(URI::create)
          .ifPresent(signal::url);
      signals.add(signal.build());
    }
    return SourceResult.builder()
        .signals(signals)
        .rejected(rejected)
        .nextCursor(newest > since ? Optional.of(Long.toString(newest)) : request.cursor())
        .cacheHit(answer.fromCache())
        .build();
  }
}
