package io.github.discoverysdk.connectors;

import com.rometools.rome.feed.synd.SyndFeed;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.http.UrlGuard;
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

  private RssNews(String id, URI url, Optional<String> publisher, HttpToolkit http) {
    super(id, http);
    // Checked now, so that a file:, ftp: or zone-id URL fails when the host configures it.
    this.url = UrlGuard.requireHttp(id, Objects.requireNonNull(url, "url"));
    this.organizations =
        publisher
            .map(p -> List.of(OrganizationMention.of(p, OrganizationRole.SUBJECT)))
            .orElse(List.of());
  }

  /**
   * The feed at {@code url}, under source id {@code id}. Name it {@code rss.{name}} ({@link
   * #FEED_ID_PREFIX}) for the default scoring policy to know its reliability; another id gets the
   * policy's default unless the host maps it.
   */
  public static RssNews feed(String id, URI url, HttpToolkit http) {
    return new RssNews(id, url, Optional.empty(), http);
  }

  /**
   * The newsroom feed of {@code publisher}: every entry names the publisher as the organisation it
   * is about (SUBJECT). Name it {@code newsroom.{company}} ({@link #NEWSROOM_ID_PREFIX}) for the
   * default scoring policy to know its reliability.
   */
  public static RssNews newsroom(String id, URI url, String publisher, HttpToolkit http) {
    return new RssNews(id, url, Optional.of(publisher), http);
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
}
