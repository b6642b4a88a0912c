package io.github.discoverysdk.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.discoverysdk.ValidationException;
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
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * News about each watched company, competitor and keyword from the GDELT DOC 2.0 API (no key):
 * {@code api.gdeltproject.org/api/v2/doc/doc?query="Acme Corp"&mode=ArtList&format=json}. Each
 * article becomes a NEWS signal keyed by its URL, incremental by {@code seendate}.
 *
 * <p>GDELT allows one request per 5 seconds per client, which this source enforces through the
 * toolkit's rate limit. A violation is answered with a plain-text "Please limit requests…" reply,
 * sometimes with HTTP 200; that reply is a rate-limit failure ({@link
 * ConnectorException.Kind#RATE_LIMITED}), retried after the backoff and never cached.
 *
 * <p>GDELT names no organisations. A company query names the company as MENTIONED (GDELT matched it
 * in the article); nothing is guessed from the title. The article's web domain (the publisher) is
 * shown in the signal's text, not named as an organisation: a profile watching a publisher must not
 * match every article it publishes. Keywords shorter than 3 characters, which GDELT rejects, yield
 * no signals.
 *
 * <p>Paging: GDELT has no paging; one answer holds up to {@code maxRecords} articles (at most 250),
 * the newest of the window. When an answer is full, the fetch asks again for the articles up to the
 * oldest one of that answer ({@code startdatetime}/{@code enddatetime}), until an answer is not
 * full or reaches what earlier fetches returned, at most 4 answers (rate-limited to one per 5
 * seconds); a window fuller than that is reported as a rejected record rather than cut silently.
 * {@link HttpSignalSource#fetch} then returns the articles oldest first, at most the request's
 * limit at a time, saying {@code more()} while records are left; the cursor is the keyset ({@code
 * seendate}, url) of the last article returned, so ties on one second cross a page boundary without
 * an article lost or repeated.
 *
 * <p>Thread-safe.
 */
public final class GdeltNews extends HttpSignalSource {
  /** The source id. */
  public static final String ID = "gdelt";

  private static final SourceCapabilities CAPABILITIES =
      SourceCapabilities.builder()
          .queryMode(QueryMode.SEARCH)
          .addSignalTypes(SignalType.NEWS)
          .build();
  private static final DateTimeFormatter SEENDATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
  private static final Duration INTERVAL = Duration.ofSeconds(5);
  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Answers one fetch reads at most, walking back through a window fuller than one answer. */
  private static final int MAX_WINDOWS = 4;

  private final URI baseUrl;
  private final int timespanDays;
  private final int maxRecords;
  private final Optional<String> sourceLanguage;

  private GdeltNews(Builder b) {
    super(ID, b.http);
    this.baseUrl = b.baseUrl;
    this.timespanDays = b.timespanDays;
    this.maxRecords = b.maxRecords;
    this.sourceLanguage = Optional.ofNullable(b.sourceLanguage);
    http.rateLimit(ID, RateLimit.oneEvery(INTERVAL));
  }

  /** English articles of the last 7 days, up to 75 per query. */
  public static GdeltNews create(HttpToolkit http) {
    return builder().http(http).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SourceCapabilities capabilities() {
    return CAPABILITIES;
  }

  /** The GDELT query of a source query, or empty when GDELT would reject it. */
  static Optional<String> gdeltQuery(SourceQuery q, Optional<String> language) {
    if (q.term().isEmpty()) {
      return Optional.empty();
    }
    String term = q.term().get().replace("\"", " ").replaceAll("\\s+", " ").strip();
    if (term.length() < 3) {
      return Optional.empty();
    }
    boolean phrase = q.kind() == SourceQuery.Kind.COMPANY || term.contains(" ");
    String query = phrase ? "\"" + term + "\"" : term;
    return Optional.of(language.map(l -> query + " sourcelang:" + l).orElse(query));
  }

  @Override
  Page read(SourceRequest request, SourceContext context) throws Exception {
    SourceQuery q = request.query();
    Optional<String> query = gdeltQuery(q, sourceLanguage);
    if (query.isEmpty()) {
      return new Page();
    }
    Page page = new Page();
    page.cacheHit = true;
    Instant now = context.clock().instant();
    Optional<Instant> since = Cursors.parse(request.cursor()).since();
    String window = "&timespan=" + timespanDays + "d";
    List<JsonNode> all = new ArrayList<>();
    for (int w = 0; ; w++) {
      JsonNode articles = answer(q, query.get(), window, context, page);
      articles.forEach(all::add);
      Optional<Instant> oldest = oldest(articles);
      if (articles.size() < maxRecords || oldest.isEmpty()) {
        break; // the window held no more than one answer
      }
      if (since.isPresent() && oldest.get().isBefore(since.get())) {
        break; // older articles were returned by earlier fetches
      }
      if (w + 1 == MAX_WINDOWS || window.endsWith(DATETIME.format(oldest.get()))) {
        // Never cut silently: the run report shows that older articles were not read.
        page.rejected.add(
            RejectedRecord.of(
                "search " + q.key(),
                "more than "
                    + (MAX_WINDOWS * maxRecords)
                    + " articles in the window; articles seen before "
                    + oldest.get()
                    + " were not read"));
        break;
      }
      // GDELT answers newest first and has no paging: ask again for what is older than the
      // oldest article of this answer, up to it inclusive (ties on that second come twice and
      // are merged by url).
      window =
          "&startdatetime="
              + DATETIME.format(now.minus(Duration.ofDays(timespanDays)))
              + "&enddatetime="
              + DATETIME.format(oldest.get());
    }
    Optional<OrganizationMention> company =
        q.kind() == SourceQuery.Kind.COMPANY
            ? Optional.of(
                OrganizationMention.of(
                    JobPostings.cut(q.term().get().strip(), 300), OrganizationRole.MENTIONED))
            : Optional.empty();
    int i = 0;
    for (JsonNode article : all) {
      String recordId = Json.text(article, "url").orElse("#" + i);
      i++;
      page.add(recordId, () -> map(article, company, now));
    }
    return page;
  }

  /** The articles of one answer for {@code window} (a timespan or a start and end). */
  private JsonNode answer(
      SourceQuery q, String query, String window, SourceContext context, Page page)
      throws Exception {
    URI url =
        URI.create(
            baseUrl.toString().replaceAll("/+$", "")
                + "/api/v2/doc/doc?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&mode=ArtList&format=json&maxrecords="
                + maxRecords
                + "&sort=DateDesc"
                + window);
    HttpResult r =
        http.execute(
            HttpCall.get(id, url)
                .header("Accept", "application/json")
                .cacheTtl(Duration.ofMinutes(15))
                .rateLimitBackoff(INTERVAL)
                .rateLimitReply(GdeltNews::isRateLimitReply)
                .build(),
            context);
    page.cacheHit &= r.fromCache();
    JsonNode root = Json.parse(id, r, "search " + q.key());
    JsonNode articles = root.get("articles");
    if (articles == null || articles.isNull()) {
      return JsonNodeFactory.instance.arrayNode(); // GDELT answers {} when nothing matched
    }
    if (!articles.isArray()) {
      throw ConnectorException.parseError(id, "search " + q.key(), "'articles' is no array", null);
    }
    return articles;
  }

  /** The oldest readable {@code seendate} of an answer. */
  private static Optional<Instant> oldest(JsonNode articles) {
    Instant oldest = null;
    for (JsonNode a : articles) {
      try {
        Instant seen = seendate(Json.text(a, "seendate").orElse(""));
        oldest = oldest == null || seen.isBefore(oldest) ? seen : oldest;
      } catch (IllegalArgumentException e) {
        // a malformed article is rejected when mapped
      }
    }
    return Optional.ofNullable(oldest);
  }

  private Mapped map(JsonNode a, Optional<OrganizationMention> company, Instant now) {
    String link = Json.required(a, "url");
    URI url =
        JobPostings.httpUri(link)
            .orElseThrow(() -> new IllegalArgumentException("field 'url' is not an http(s) URL"));
    String title = Text.html(Json.required(a, "title"), 1_000);
    if (title.isEmpty()) {
      throw new IllegalArgumentException("field 'title' is missing");
    }
    Instant seen = seendate(Json.required(a, "seendate"));
    Optional<String> domain =
        Json.text(a, "domain")
            .or(() -> Optional.ofNullable(url.getHost()))
            .map(d -> d.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", ""))
            .filter(d -> d.length() <= 300);
    String text =
        Stream.of(domain, Json.text(a, "sourcecountry"), Json.text(a, "language"))
            .flatMap(Optional::stream)
            .map(s -> Text.html(s, 200))
            .collect(Collectors.joining(" · "));
    String key = link.length() > 512 ? fingerprint(link) : link;
    Signal s =
        Signal.builder()
            .key(SignalKey.of(id, key))
            .type(SignalType.NEWS)
            .title(title)
            .text(text)
            .url(url)
            .publishedAt(seen)
            .observedAt(now)
            .organizations(company.stream().toList())
            .build();
    return new Mapped(s, seen);
  }

  static Instant seendate(String value) {
    try {
      return LocalDateTime.parse(value, SEENDATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "field 'seendate' is not like 20260622T200000Z: " + JobPostings.cut(value, 40));
    }
  }

  /** GDELT's plain-text "Please limit requests to one every 5 seconds…" reply. */
  static boolean isRateLimitReply(HttpResult r) {
    byte[] body = r.body();
    String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.UTF_8).strip();
    if (head.startsWith("{") || head.startsWith("[")) {
      return false;
    }
    String lower = head.toLowerCase(Locale.ROOT);
    return lower.contains("limit requests") || lower.contains("rate limit");
  }

  @Override
  public String toString() {
    return "GdeltNews[" + timespanDays + "d]";
  }

  /** Builds a {@link GdeltNews}. Not thread-safe. */
  public static final class Builder extends HttpBuilder<Builder> {
    private int timespanDays = 7;
    private int maxRecords = 75;
    private String sourceLanguage = "english";

    private Builder() {
      super(URI.create("https://api.gdeltproject.org"));
    }

    @Override
    Builder self() {
      return this;
    }

    /** How many days back to search, 1 to 90. Default 7. */
    public Builder timespanDays(int days) {
      if (days < 1 || days > 90) {
        throw new ValidationException("timespanDays must be between 1 and 90, was " + days);
      }
      this.timespanDays = days;
      return this;
    }

    /** Articles per query, 1 to 250 (GDELT's maximum). Default 75. */
    public Builder maxRecords(int max) {
      if (max < 1 || max > 250) {
        throw new ValidationException("maxRecords must be between 1 and 250, was " + max);
      }
      this.maxRecords = max;
      return this;
    }

    /** GDELT's {@code sourcelang:} filter, for example {@code "english"}. Default english. */
    public Builder sourceLanguage(String language) {
      Objects.requireNonNull(language, "language");
      if (!language.matches("[a-z]{2,30}")) {
        throw new ValidationException(
            "sourceLanguage must be a GDELT language name like 'english', was '" + language + "'");
      }
      this.sourceLanguage = language;
      return this;
    }

    /** Articles in every language. */
    public Builder anyLanguage() {
      this.sourceLanguage = null;
      return this;
    }

    public GdeltNews build() {
      requireHttp();
      return new GdeltNews(this);
    }
  }
}
