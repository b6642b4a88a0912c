package io.github.discoverysdk.connectors;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import java.net.URI;
import java.util.Objects;

/**
 * What the builders of the HTTP sources and enrichers share: the toolkit and the API's base URL.
 * Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter
 */
abstract class HttpBuilder<B extends HttpBuilder<B>> {
  HttpToolkit http;
  URI baseUrl;

  HttpBuilder(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** This builder, as its own type. */
  abstract B self();

  /** The HTTP toolkit every call goes through. Required. */
  public B http(HttpToolkit http) {
    this.http = Objects.requireNonNull(http, "http");
    return self();
  }

  /** The base URL that serves the API's paths; for tests, mirrors and proxies. */
  public B baseUrl(URI baseUrl) {
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
    return self();
  }

  /** Fails unless the toolkit is set. */
  void requireHttp() {
    if (http == null) {
      throw new ValidationException("http toolkit is required");
    }
  }
}
