package io.github.discoverysdk.connectors;

import com.rometools.rome.feed.synd.SyndFeed;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.http.RateLimit;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.QueryMode;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * News about each watched company, competitor and keyword from the Google News search feed (no
 * key): {@code news.google.com/rss/search?q="Acme"+when:7d&hl=en-US&gl=US&ceid=US:en}. A company
 * query names the company as MENTIONED in every entry.
 *
 * <p>Paging: Google News has no paging; a search feed holds up to about 100 entries of the window.
 * {@link HttpSignalSource#fetch} returns the listing oldest change first, at most the request's
 * limit at a time, saying {@code more()} while records are left; the cursor is the keyset
 * (publication date, id) of the last record returned, so ties on one time cross a page boundary
 * without a record lost or repeated, and the next fetch continues exactly after it. Thread-safe.
 */
public final class GoogleNews extends HttpSignalSource {
  /** The source id. */
  public static final String ID = "google-news";

  private static final SourceCapabilities CAPABILITIES =
      SourceCapabilities.builder()
          .queryMode(QueryMode.SEARCH)
          .addSignalTypes(SignalType.NEWS)
          .build();

  private final URI baseUrl;
  private final String language;
  private final String country;
  private final int days;

  private GoogleNews(Builder b) {
    super(ID, b.http);
    this.baseUrl = b.baseUrl;
    this.language = b.language;
    this.country = b.country;
    this.days = b.days;
    http.rateLimit(ID, RateLimit.perSecond(1));
  }

  /** English news from the US of the last 7 days. */
  public static GoogleNews create(HttpToolkit http) {
    return builder().http(http).build();
  }

  /**
   * A builder: English news from the US of the last 7 days from {@code https://news.google.com}
   * unless told otherwise.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The search feed URL of a query: the feed builder, usable on its own. */
  public static URI searchUrl(
      URI baseUrl, String query, String language, String country, int days) {
    String q = URLEncoder.encode(query + " when:" + days + "d", StandardCharsets.UTF_8);
    String hl = language + "-" + country;
    return URI.create(
        baseUrl.toString().replaceAll("/+$", "")
            + "/rss/search?q="
            + q
            + "&hl="
            + hl
            + "&gl="
            + country
            + "&ceid="
            + country
            + ":"
            + language);
  }

  @Override
  public SourceCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  Page read(SourceRequest request, SourceContext context) throws Exception {
    SourceQuery q = request.query();
    if (q.term().isEmpty()) {
      return new Page();
    }
    String term = q.term().get().strip();
    String query =
        q.kind() == SourceQuery.Kind.COMPANY ? "\"" + term.replace("\"", "") + "\"" : term;
    URI url = searchUrl(baseUrl, query, language, country, days);
    HttpResult r =
        http.execute(HttpCall.get(id, url).cacheTtl(Duration.ofMinutes(15)).build(), context);
    SyndFeed feed = Feeds.parse(id, r, "search " + q.key());
    List<OrganizationMention> orgs =
        q.kind() == SourceQuery.Kind.COMPANY
            ? List.of(OrganizationMention.of(term, OrganizationRole.MENTIONED))
            : List.of();
    Page page = Feeds.page(id, feed, SignalType.NEWS, orgs, context.clock().instant());
    page.cacheHit = r.fromCache();
    return page;
  }

  @Override
  public String toString() {
    return "GoogleNews[" + language.toLowerCase(Locale.ROOT) + "-" + country + "]";
  }

  /** Builds a {@link GoogleNews}; only the toolkit is required. Not thread-safe. */
  public static final class Builder extends HttpBuilder<Builder> {
    private String language = "en";
    private String country = "US";
    private int days = 7;

    private Builder() {
      super(URI.create("https://news.google.com"));
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * The news edition: a language (ISO 639-1, {@code "en"}) and country (alpha-2, {@code "US"}).
     */
    public Builder edition(String language, String country) {
      Objects.requireNonNull(language, "language");
      Objects.requireNonNull(country, "country");
      if (!language.matches("[a-z]{2}") || !country.matches("[A-Z]{2}")) {
        throw new ValidationException(
            "language must be like 'en' and country like 'US', was '"
                + language
                + "', '"
                + country
                + "'");
      }
      this.language = language;
      this.country = country;
      return this;
    }

    /** How many days back a search reaches, 1 to 365; default 7. */
    public Builder days(int days) {
      if (days < 1 || days > 365) {
        throw new ValidationException("days must be between 1 and 365, was " + days);
      }
      this.days = days;
      return this;
    }

    public GoogleNews build() {
      requireHttp();
      MissingDependencyException.requireRome("GoogleNews");
      return new GoogleNews(this);
    }
  }
}
