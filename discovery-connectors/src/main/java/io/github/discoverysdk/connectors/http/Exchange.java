package io.github.discoverysdk.connectors.http;

import io.github.discoverysdk.connectors.http.ConnectorException.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.Credentials;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One attempt of a call of {@link HttpToolkit} on the wire: owns the OkHttp client (its timeouts,
 * egress proxy and guarded resolver), builds the request (User-Agent, headers, conditional
 * validators, body), checks every target with the {@link UrlGuard} and follows redirects itself (at
 * most 5, never to a weaker scheme), then hands the response to the {@link ResponseHandler}. I/O
 * failures become {@link Retryable}s.
 */
final class Exchange {
  private static final int MAX_REDIRECTS = 5;
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client;
  private final String userAgent;
  private final UrlGuard guard;
  private final EgressProxy proxy;
  private final ResponseHandler handler;

  Exchange(
      String userAgent,
      UrlGuard guard,
      EgressProxy proxy,
      Duration connectTimeout,
      Duration readTimeout,
      Duration callTimeout,
      ResponseHandler handler) {
    this.userAgent = userAgent;
    this.guard = guard;
    this.handler = handler;
    UrlGuard g = guard;
    EgressProxy egress = proxy;
    this.proxy = egress;
    Dns dns =
        hostname -> {
          List<InetAddress> all = Dns.SYSTEM.lookup(hostname);
          // With a proxy, OkHttp only resolves the proxy, which the host allowed explicitly;
          // targets are checked in sendFollowingRedirects instead.
          return egress != null && egress.isProxyHost(hostname) ? all : g.filter(hostname, all);
        };
    OkHttpClient.Builder client =
        new OkHttpClient.Builder()
            .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .writeTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .callTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .followRedirects(false)
            .followSslRedirects(false)
            // The toolkit retries what is safe to retry itself; OkHttp would silently re-send.
            .retryOnConnectionFailure(false)
            .proxy(
                egress == null
                    ? Proxy.NO_PROXY
                    : new Proxy(
                        Proxy.Type.HTTP,
                        InetSocketAddress.createUnresolved(egress.host(), egress.port())))
            .dns(dns);
    if (egress != null && egress.password().isPresent()) {
      String credentials =
          Credentials.basic(egress.user().orElseThrow(), egress.password().get().reveal());
      client.proxyAuthenticator(
          (route, response) ->
              response.request().header("Proxy-Authorization") != null
                  ? null // the proxy refused these credentials: do not loop
                  : response
                      .request()
                      .newBuilder()
                      .header("Proxy-Authorization", credentials)
                      .build());
    }
    this.client = client.build();
  }

  /**
   * One attempt of {@code call}: its request and the redirects it follows, each target checked by
   * the guard; {@code sent[0]} counts the requests sent.
   */
  HttpResult sendFollowingRedirects(HttpCall call, int[] sent)
      throws Retryable, InterruptedException {
    String source = call.sourceId();
    // HttpCall checked the URL when it was built; a null here would be a bug, not a request.
    HttpUrl url = Objects.requireNonNull(HttpUrl.parse(call.url().toString()), "http url");
    for (int hop = 0; ; hop++) {
      String refusal = guard.refusal(url.scheme(), url.username() + url.password(), url.host());
      if (refusal != null) {
        throw new Retryable(
            new ConnectorException(
                Kind.UNSAFE_URL, source, null, refusal + ": " + redact(call, url), 0, null, null),
            false,
            false,
            null,
            0);
      }
      Request request = request(call, url);
      sent[0]++;
      try (Response response = checkedTarget(url).newCall(request).execute()) {
        int status = response.code();
        if (status >= 300 && status < 400 && status != 304) {
          String location = response.header("Location");
          HttpUrl next = location == null ? null : url.resolve(location);
          if (location != null && next == null && call.followsRedirects()) {
            // A redirect to file:, ftp:, gopher:... is an SSRF attempt, not a client error.
            throw new Retryable(
                new ConnectorException(
                    Kind.UNSAFE_URL,
                    source,
                    null,
                    "redirect "
                        + status
                        + " from "
                        + redact(call, url)
                        + " to a URL that is not http(s) refused",
                    status,
                    null,
                    null),
                false,
                false,
                null,
                sent[0]);
          }
          if (next == null
              || !call.followsRedirects()
              || hop >= MAX_REDIRECTS
              || !sameOrUpgradedScheme(url, next)) {
            throw new Retryable(
                new ConnectorException(
                    Kind.CLIENT_ERROR,
                    source,
                    null,
                    "redirect " + status + " from " + redact(call, url) + " not followed",
                    status,
                    null,
                    null),
                false,
                false,
                null,
                sent[0]);
          }
          url = next;
          continue;
        }
        return handler.handle(call, url, response, sent[0]);
      } catch (InterruptedIOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new InterruptedException("interrupted during " + call);
        }
        throw unavailable(call, url, "timed out", e, sent[0]);
      } catch (UnknownHostException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("refused:")) {
          throw new Retryable(
              new ConnectorException(Kind.UNSAFE_URL, source, null, e.getMessage(), 0, null, null),
              false,
              false,
              null,
              sent[0]);
        }
        throw unavailable(call, url, "unknown host", e, sent[0]);
      } catch (IOException e) {
        throw unavailable(call, url, "I/O error " + e.getClass().getSimpleName(), e, sent[0]);
      }
    }
  }

  /**
   * The client, once the target host is known to be public. Without a proxy OkHttp's resolver
   * checks each connection; with one, OkHttp never resolves the target, so it is resolved and
   * checked here ({@code refused:} failures become UNSAFE_URL like the resolver's).
   */
  private OkHttpClient checkedTarget(HttpUrl url) throws UnknownHostException {
    if (proxy != null && !guard.isAllowedHost(url.host()) && !UrlGuard.isIpLiteral(url.host())) {
      guard.filter(url.host(), Dns.SYSTEM.lookup(url.host()));
    }
    return client;
  }

  private Retryable unavailable(
      HttpCall call, HttpUrl url, String what, Exception cause, int sent) {
    return new Retryable(
        new ConnectorException(
            Kind.UNAVAILABLE,
            call.sourceId(),
            null,
            what + " on " + call.method() + " " + redact(call, url),
            0,
            null,
            cause),
        true,
        true,
        null,
        sent);
  }

  private Request request(HttpCall call, HttpUrl url) {
    Request.Builder b = new Request.Builder().url(url).header("User-Agent", userAgent);
    call.headers().forEach(b::header);
    call.secretHeaders().forEach((n, v) -> b.header(n, v.reveal()));
    if ("GET".equals(call.method())) {
      ResponseHandler.Validators v = handler.validators(call.cacheKey());
      if (v != null) {
        if (v.etag() != null) {
          b.header("If-None-Match", v.etag());
        }
        if (v.lastModified() != null) {
          b.header("If-Modified-Since", v.lastModified());
        }
      }
      b.get();
    } else {
      byte[] body = call.body().orElse(new byte[0]);
      b.method(call.method(), RequestBody.create(body, JSON));
    }
    return b.build();
  }

  private static boolean sameOrUpgradedScheme(HttpUrl from, HttpUrl to) {
    return from.scheme().equals(to.scheme()) || to.scheme().equals("https");
  }

  private static String redact(HttpCall call, HttpUrl url) {
    return call.redactFor(url.uri());
  }

  /** Releases the connection pool. */
  void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
