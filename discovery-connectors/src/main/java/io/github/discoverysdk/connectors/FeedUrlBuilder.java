package io.github.discoverysdk.connectors;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.http.UrlGuard;
import java.net.URI;
import java.util.Objects;

/**
 * What the builders of sources that read one whole URL share (a feed, a calendar): the source id,
 * the URL and the toolkit. There is no base URL: the URL is the whole address. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class FeedUrlBuilder<B extends FeedUrlBuilder<B>> {
  String id;
  URI url;
  HttpToolkit http;

  /** This builder, as its own type. */
  abstract B self();

  /** The source id. Required. */
  public B id(String id) {
    Objects.requireNonNull(id, "id");
    io.github.discoverysdk.support.Fields.identifier("id", id, 200);
    this.id = id;
    return self();
  }

  /**
   * The address to read, http or https; checked now, so that a {@code file:}, {@code ftp:} or
   * zone-id URL fails when the host configures it. Required.
   */
  public B url(URI url) {
    this.url = UrlGuard.requireHttp(id == null ? "feed" : id, Objects.requireNonNull(url, "url"));
    return self();
  }

  /** The HTTP toolkit every call goes through. Required. */
  public B http(HttpToolkit http) {
    this.http = Objects.requireNonNull(http, "http");
    return self();
  }

  void requireIdUrlAndHttp() {
    if (id == null) {
      throw new ValidationException("id is required");
    }
    if (url == null) {
      throw new ValidationException("url is required");
    }
    if (http == null) {
      throw new ValidationException("http toolkit is required");
    }
  }
}
