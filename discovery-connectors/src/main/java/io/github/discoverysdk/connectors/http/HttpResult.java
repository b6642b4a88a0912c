package io.github.discoverysdk.connectors.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A successful answer: status, the headers a connector may need, and the body (already decompressed
 * and within the size cap). Immutable and thread-safe.
 */
public final class HttpResult {
  private final int status;
  private final Map<String, String> headers;
  private final byte[] body;
  private final boolean fromCache;
  private final boolean notModified;

  HttpResult(
      int status,
      Map<String, String> headers,
      byte[] body,
      boolean fromCache,
      boolean notModified) {
    this.status = status;
    this.headers = Map.copyOf(headers);
    this.body = body;
    this.fromCache = fromCache;
    this.notModified = notModified;
  }

  public int status() {
    return status;
  }

  /** A response header by lower-case name. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The body's bytes (a copy). */
  public byte[] body() {
    return body.clone();
  }

  int length() {
    return body.length;
  }

  /** The body as text, in the charset of its {@code Content-Type}, else UTF-8. */
  public String text() {
    Charset cs = StandardCharsets.UTF_8;
    Optional<String> ct = header("content-type");
    if (ct.isPresent()) {
      for (String part : ct.get().split(";")) {
        String p = part.strip();
        if (p.regionMatches(true, 0, "charset=", 0, 8)) {
          try {
            cs = Charset.forName(p.substring(8).replace("\"", "").strip());
          } catch (RuntimeException e) {
            cs = StandardCharsets.UTF_8;
          }
        }
      }
    }
    return new String(body, cs);
  }

  /** Whether the answer came from the in-process cache (or a concurrent identical call). */
  public boolean fromCache() {
    return fromCache;
  }

  /** Whether the service answered 304 to a conditional GET; the body is the stored one. */
  public boolean notModified() {
    return notModified;
  }

  HttpResult asCacheHit() {
    return new HttpResult(status, headers, body, true, notModified);
  }

  @Override
  public String toString() {
    return "HttpResult["
        + status
        + ", "
        + body.length
        + " bytes"
        + (fromCache ? ", cached" : "")
        + (notModified ? ", not modified" : "")
        + "]";
  }
}
