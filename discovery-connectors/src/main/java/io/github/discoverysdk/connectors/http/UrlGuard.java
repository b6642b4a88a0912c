package io.github.discoverysdk.connectors.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.HttpUrl;

/**
 * Refuses requests to private, loopback, link-local, multicast, carrier-grade NAT, cloud metadata
 * and other non-public addresses, so that a user-supplied URL (a feed, a calendar, a webhook)
 * cannot reach the host's internal network (SSRF). Immutable and thread-safe.
 *
 * <p>The toolkit applies the guard where it matters, at connection time, to every address a name
 * resolves to (one blocked address rejects the whole answer, so DNS rebinding to a mixed answer
 * fails), to IP literals, and again to every redirect hop. A name that does not resolve is refused.
 *
 * <p>{@link #allowingHosts} exempts exact host names or literals, for a test server on loopback or
 * an intranet service a host trusts on purpose.
 */
public final class UrlGuard {
  private static final UrlGuard STRICT = new UrlGuard(false, Set.of());
  private static final UrlGuard NONE = new UrlGuard(true, Set.of());

  private final boolean disabled;
  private final Set<String> allowedHosts;

  private UrlGuard(boolean disabled, Set<String> allowedHosts) {
    this.disabled = disabled;
    this.allowedHosts = allowedHosts;
  }

  /**
   * {@code url}, if it is an http or https URL the toolkit can send; otherwise a typed {@link
   * ConnectorException.Kind#UNSAFE_URL} failure naming {@code sourceId}, whatever guard is in use.
   * Refused: every other scheme ({@code file:}, {@code ftp:}, {@code gopher:}, {@code dict:},
   * {@code ldap:}, {@code jar:}, ...), a URL without a host, and one OkHttp cannot parse, such as
   * an IPv6 literal with a zone id ({@code http://[fe80::1%25eth0]/}). The message shows the scheme
   * and host only, never a path or query that may carry a secret. Thread-safe.
   *
   * <p>Every {@link HttpCall} is checked this way when it is built, so a URL a host or a source
   * supplies is parsed and checked before any use; sources that take a URL also check it when they
   * are created.
   *
   * @throws ConnectorException of kind {@code UNSAFE_URL}
   */
  public static URI requireHttp(String sourceId, URI url) {
    Objects.requireNonNull(url, "url");
    String why = syntaxRefusal(url);
    if (why != null) {
      throw new ConnectorException(
          ConnectorException.Kind.UNSAFE_URL, sourceId, why + ": " + schemeAndHost(url));
    }
    return url;
  }

  /** Why {@code url} cannot be sent over HTTP at all, or {@code null}. */
  static String syntaxRefusal(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return "scheme '" + scheme + "' is not http or https";
    }
    if (url.isOpaque() || url.getHost() == null || url.getHost().isBlank()) {
      return "the URL has no host";
    }
    if (url.getHost().indexOf('%') >= 0) {
      return "IPv6 zone ids are refused";
    }
    if (HttpUrl.parse(url.toString()) == null) {
      return "the URL is not a valid http(s) URL";
    }
    return null;
  }

  /** {@code scheme://host[:port]/…}: what a message may show of any URL. */
  static String schemeAndHost(URI u) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT) + ":";
    String host = u.getHost() == null ? "" : "//" + u.getHost();
    String port = u.getHost() == null || u.getPort() < 0 ? "" : ":" + u.getPort();
    return scheme + host + port + "/…";
  }

  /** The default: only public addresses. */
  public static UrlGuard strict() {
    return STRICT;
  }

  /** No checks at all; only for hosts whose every URL is trusted. */
  public static UrlGuard disabled() {
    return NONE;
  }

  /** This guard, but letting these exact hosts (names or literals) through. */
  public UrlGuard allowingHosts(String... hosts) {
    Objects.requireNonNull(hosts, "hosts");
    Set<String> all = new TreeSet<>(allowedHosts);
    for (String h : hosts) {
      all.add(normalizeHost(Objects.requireNonNull(h, "host")));
    }
    return new UrlGuard(disabled, Set.copyOf(all));
  }

  boolean isAllowedHost(String host) {
    return disabled || allowedHosts.contains(normalizeHost(host));
  }

  /**
   * Why a URL's scheme, user info or host name is refused before any lookup, or {@code null} when
   * it may proceed to resolution.
   */
  String refusal(String scheme, String userInfo, String host) {
    if (disabled) {
      return null;
    }
    String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
    if (!s.equals("http") && !s.equals("https")) {
      return "scheme '" + s + "' is not http or https";
    }
    if (userInfo != null && !userInfo.isEmpty()) {
      return "URLs with user info are refused";
    }
    if (host == null || host.isBlank()) {
      return "the URL has no host";
    }
    String h = normalizeHost(host);
    if (allowedHosts.contains(h)) {
      return null;
    }
    if (h.equals("localhost")
        || h.endsWith(".localhost")
        || h.endsWith(".local")
        || h.endsWith(".internal")
        || h.equals("metadata")
        || h.equals("instance-data")) {
      return "host '" + h + "' is internal";
    }
    for (int i = 0; i < h.length(); i++) {
      if (h.charAt(i) > 0x7f) {
        return "host '" + h + "' is not ASCII (use its punycode form)";
      }
    }
    if (isIpLiteral(h)) {
      try {
        InetAddress a = InetAddress.getByName(h);
        if (isBlocked(a)) {
          return "address " + a.getHostAddress() + " is not public";
        }
      } catch (UnknownHostException e) {
        return "address '" + h + "' is invalid";
      }
    }
    return null;
  }

  /** The answer of a lookup, or an exception when any address in it is not public. */
  List<InetAddress> filter(String host, List<InetAddress> addresses) throws UnknownHostException {
    if (isAllowedHost(host)) {
      return addresses;
    }
    if (addresses.isEmpty()) {
      throw new UnknownHostException("refused: '" + host + "' resolved to nothing");
    }
    for (InetAddress a : addresses) {
      if (isBlocked(a)) {
        throw new UnknownHostException(
            "refused: '" + host + "' resolves to non-public address " + a.getHostAddress());
      }
    }
    return addresses;
  }

  static boolean isIpLiteral(String host) {
    if (host.indexOf(':') >= 0) {
      return true;
    }
    return host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
  }

  /** Whether an address is anything but a public unicast address. */
  static boolean isBlocked(InetAddress a) {
    if (a.isAnyLocalAddress()
        || a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return isBlockedV4(b);
    }
    if (a instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) {
        return true; // fc00::/7 unique local, includes fd00:ec2::254 (AWS metadata)
      }
      if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
        return true; // fec0::/10 site-local (deprecated)
      }
      boolean zero10 = true;
      for (int i = 0; i < 10; i++) {
        zero10 &= b[i] == 0;
      }
      if (zero10
          && (((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) || (b[10] == 0 && b[11] == 0))) {
        // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible) carry an IPv4 address
        return isBlockedV4(new byte[] {b[12], b[13], b[14], b[15]});
      }
      if (first == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
        return isBlockedV4(new byte[] {b[12], b[13], b[14], b[15]}); // 64:ff9b::/96 NAT64
      }
      if (first == 0x20 && b[1] == 0x02) {
        return isBlockedV4(new byte[] {b[2], b[3], b[4], b[5]}); // 2002::/16 6to4
      }
      if (first == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) {
        return true; // 2001:db8::/32 documentation
      }
      return false;
    }
    return true;
  }

  private static boolean isBlockedV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    return a0 == 0 // 0.0.0.0/8 "this network"
        || a0 == 10
        || a0 == 127
        || (a0 == 100 && a1 >= 64 && a1 <= 127) // carrier-grade NAT
        || (a0 == 169 && a1 == 254) // link-local, cloud metadata 169.254.169.254
        || (a0 == 172 && a1 >= 16 && a1 <= 31)
        || (a0 == 192 && a1 == 0 && a2 == 0) // IETF protocol assignments
        || (a0 == 192 && a1 == 0 && a2 == 2) // documentation
        || (a0 == 192 && a1 == 168)
        || (a0 == 198 && (a1 == 18 || a1 == 19)) // benchmarking
        || (a0 == 198 && a1 == 51 && a2 == 100)
        || (a0 == 203 && a1 == 0 && a2 == 113)
        || a0 >= 224; // multicast, reserved, broadcast
  }

  private static String normalizeHost(String host) {
    String h = host.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h;
  }

  @Override
  public String toString() {
    return disabled ? "UrlGuard[disabled]" : "UrlGuard[strict, allowed=" + allowedHosts + "]";
  }
}
