package io.github.discoverysdk.connectors;

import com.rometools.rome.feed.synd.SyndFeed;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceRequest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One RSS or Atom feed (a company newsroom, a trade publication): each entry becomes a NEWS signal
 * keyed by its guid or id, incremental by its date. The feed URL is user-supplied, so the toolkit's
 * SSRF guard applies; conditional GET (ETag / Last-Modified) saves bandwidth. XML with a DOCTYPE is
 * refused.
 *
 * <p>Paging: a feed holds what its publisher puts in it, in one response. {@link
 * HttpSignalSource#fetch} returns the listing oldest change first, at most the request's limit at a
 * time, saying {@code more()} while records are left; the cursor is the keyset (the entry's updated
 * else published date, id) of the last record returned, so ties on one time cross a page boundary
 * without a record lost or repeated, and the next fetch continues exactly after it. Thread-safe.
 */
public final class RssNews extends HttpSignalSource {
  /**
   * The id family of news and trade-press feeds, {@code rss.{name}}, which the default scoring
   * policy weighs as established news.
   */
  public static final String FEED_ID_PREFIX = "rss";

  /**
   * The id family of a company's own newsroom feed, {@code newsroom.{company}}, which the default
   * scoring policy weighs as the company's own word.
   */
  public static final String NEWSROOM_ID_PREFIX = "newsroom";

  private static final SourceCapabilities CAPABILITIES =
      SourceCapabilities.builder().addSignalTypes(SignalType.NEWS).build();

  private final URI url;
  private final List<OrganizationMention> organizations;

  private RssNews(Builder b) {
    super(b.id, b.http);
    this.url = b.url;
    this.organizations =
        Optional.ofNullable(b.publisher)
            .map(p -> List.of(OrganizationMention.of(p, OrganizationRole.SUBJECT)))
            .orElse(List.of());
  }

  /**
   * A builder. Name a trade-press feed {@code rss.{name}} ({@link #FEED_ID_PREFIX}) and a company's
   * newsroom {@code newsroom.{company}} ({@link #NEWSROOM_ID_PREFIX}) with its {@link
   * Builder#publisher}, for the default scoring policy to know its reliability; another id gets the
   * policy's default unless the host maps it.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SourceCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  Page read(SourceRequest request, SourceContext context) throws Exception {
    HttpResult r =
        http.execute(
            HttpCall.get(id, url)
                .header(
                    "Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9")
                .cacheTtl(Duration.ofMinutes(5))
                .secretPath()
                .build(),
            context);
    SyndFeed feed =
        Feeds.parse(id, r, "feed " + HttpCall.get(id, url).secretPath().build().redactedUrl());
    Page page = Feeds.page(id, feed, SignalType.NEWS, organizations, context.clock().instant());
    page.cacheHit = r.fromCache();
    return page;
  }

  /** Builds an {@link RssNews}: id, URL and toolkit are required. Not thread-safe. */
  public static final class Builder extends FeedUrlBuilder<Builder> {
    private String publisher;

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * The company whose own newsroom this is: every entry then names it as the organisation it is
     * about (SUBJECT). Leave unset for a news or trade-press feed.
     */
    public Builder publisher(String publisher) {
      Objects.requireNonNull(publisher, "publisher");
      if (publisher.isBlank()) {
        throw new ValidationException("publisher must not be blank");
      }
      this.publisher = publisher.strip();
      return this;
    }

    public RssNews build() {
      requireIdUrlAndHttp();
      MissingDependencyException.requireRome("RssNews");
      return new RssNews(this);
    }
  }
}
