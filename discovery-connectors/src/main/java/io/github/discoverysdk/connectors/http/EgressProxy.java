package io.github.discoverysdk.connectors.http;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.spi.Secret;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP proxy every request of a toolkit goes through ({@link HttpToolkit.Builder#proxy}), for
 * hosts whose only way out is a corporate egress proxy. Plain HTTP is sent to it in absolute form;
 * HTTPS is tunnelled with {@code CONNECT}, so the proxy never sees the TLS content.
 *
 * <p>The SSRF guard keeps working: before each request (and each redirect hop) the toolkit still
 * resolves the target host itself and refuses it when any address is not public, exactly as without
 * a proxy. The proxy's own host is allowed explicitly, since the host configured it: it is usually
 * on a private address. Two consequences to know: the local resolver must be able to resolve public
 * names (where only the proxy can, exempt the targets with {@link UrlGuard#allowingHosts} or turn
 * the guard off), and the proxy resolves the name again on its side, so a DNS answer that changes
 * between the two lookups is only caught by the proxy's own egress policy.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the password.
 */
public final class EgressProxy {
  private final String host;
  private final int port;
  private final String user;
  private final Secret password;

  private EgressProxy(String host, int port, String user, Secret password) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
  }

  /**
   * An HTTP proxy at {@code host:port}.
   *
   * @throws ValidationException when the host is blank or holds a scheme, path or user info, or the
   *     port is not 1 to 65535
   */
  public static EgressProxy http(String host, int port) {
    Objects.requireNonNull(host, "host");
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.isEmpty() || h.length() > 253 || !h.matches("[a-z0-9.\\-]+|\\[[0-9a-f:.]+\\]")) {
      throw new ValidationException(
          "proxy host must be a host name or IP address without scheme, port or path, was '"
              + (host.length() > 60 ? host.substring(0, 60) + "…" : host)
              + "'");
    }
    if (port < 1 || port > 65_535) {
      throw new ValidationException("proxy port must be 1 to 65535, was " + port);
    }
    return new EgressProxy(h, port, null, null);
  }

  /** This proxy, answering its {@code 407} challenges with Basic credentials. */
  public EgressProxy withBasicAuth(String user, Secret password) {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (user.isBlank() || user.indexOf(':') >= 0) {
      throw new ValidationException("proxy user must be non-blank and contain no ':'");
    }
    return new EgressProxy(host, port, user, password);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The user of Basic proxy authentication, if any. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  Optional<Secret> password() {
    return Optional.ofNullable(password);
  }

  /** Whether {@code hostname} is this proxy's host (as OkHttp resolves it). */
  boolean isProxyHost(String hostname) {
    String h = hostname.toLowerCase(Locale.ROOT);
    return h.equals(host) || ("[" + h + "]").equals(host);
  }

  @Override
  public String toString() {
    return "EgressProxy[" + host + ":" + port + (user == null ? "" : ", user " + user) + "]";
  }
}
