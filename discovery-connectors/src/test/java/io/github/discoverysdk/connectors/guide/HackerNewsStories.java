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

/**
 * Hacker News stories naming a watched company, from the Algolia search API. Algolia answers newest
 * first, a page at a time, so a fetch reads the stories created after the cursor's newest one in
 * pages of {@code min(limit, 50)}: the first page fixes the window's newest story, the cursor
 * {@code since:newest:page:perPage} walks that window page by page while {@link
 * SourceResult#more()} says pages remain, and the last page leaves {@code newest} as the cursor.
 * Stories created meanwhile are newer than the window and come with the next window. Algolia serves
 * at most 1,000 hits per query this way. Thread-safe.
 */
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
    // "since" alone, or "since:newest:page:perPage" while a window is being paged through.
    String[] cursor = request.cursor().orElse("0").split(":");
    long since = Long.parseLong(cursor[0]); // created_at_i of the newest story returned
    boolean paging = cursor.length == 4;
    long newest = paging ? Long.parseLong(cursor[1]) : since;
    int page = paging ? Integer.parseInt(cursor[2]) : 0;
    int perPage = paging ? Integer.parseInt(cursor[3]) : Math.max(1, Math.min(request.limit(), 50));
    String filter = "created_at_i>" + since + (paging ? ",created_at_i<=" + newest : "");
    URI url =
        URI.create(
            baseUrl
                + "/api/v1/search_by_date?tags=story&hitsPerPage="
                + perPage
                + "&page="
                + page
                + "&query="
                + URLEncoder.encode("\"" + term + "\"", StandardCharsets.UTF_8)
                + "&numericFilters="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8));
    // The toolkit brings the cache, the rate limit, retries, the breaker and typed errors.
    HttpResult answer =
        http.execute(HttpCall.get(id(), url).cacheTtl(Duration.ofMinutes(5)).build(), context);
    JsonNode root;
    try {
      root = JSON.readTree(answer.body());
    } catch (java.io.IOException e) {
      throw ConnectorException.parseError(id(), "search " + term, "malformed JSON", e);
    }
    List<Signal> signals = new ArrayList<>();
    List<RejectedRecord> rejected = new ArrayList<>();
    for (JsonNode hit : root.path("hits")) {
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
      newest = Math.max(newest, created); // only the first page of a window moves it
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
    // Algolia says how many pages the window has; without that, a short page is the last.
    int pages =
        root.path("nbPages").asInt(root.path("hits").size() < perPage ? page + 1 : page + 2);
    boolean more = page + 1 < pages && !root.path("hits").isEmpty();
    String next =
        more ? since + ":" + newest + ":" + (page + 1) + ":" + perPage : Long.toString(newest);
    return SourceResult.builder()
        .signals(signals)
        .rejected(rejected)
        .nextCursor(next)
        .more(more)
        .cacheHit(answer.fromCache())
        .build();
  }
}
