package io.github.discoverysdk.connectors.sinks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.support.Hashing;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts alerts and opportunities as JSON to a URL of the host's choosing, signed so the receiver
 * can tell they came from here and were not replayed.
 *
 * <p>Every request carries:
 *
 * <ul>
 *   <li>{@code X-Discovery-Timestamp}: seconds since the epoch, from the toolkit's clock;
 *   <li>{@code X-Discovery-Signature: sha256=<hex>}: HMAC-SHA256, keyed with the sink's secret, of
 *       {@code timestamp + "." + body};
 *   <li>{@code Idempotency-Key}: the same on every delivery of the same alert (a hash of {@link
 *       Alert#dedupeKey()}) or of the same opportunity version (a hash of its id and signal hash),
 *       so that the receiver can drop repeats of an at-least-once delivery.
 * </ul>
 *
 * <p>The receiving side checks a request with {@link #verify}. The URL is user-supplied: it passes
 * the toolkit's SSRF guard at connection time, and redirects are not followed. 5xx and 429 are
 * retried by the toolkit (safe, thanks to the idempotency key); other 4xx fail permanently.
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookSink extends HttpAlertSink implements AlertSink, OpportunitySink {
  /** The signature header. */
  public static final String SIGNATURE_HEADER = "X-Discovery-Signature";

  /** The timestamp header. */
  public static final String TIMESTAMP_HEADER = "X-Discovery-Timestamp";

  /** The idempotency key header. */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  private static final String HMAC = "HmacSHA256";

  private final URI url;
  private final Secret signingSecret;

  private WebhookSink(Builder b) {
    super(b.id, b.http);
    this.url = b.url;
    this.signingSecret = b.secret;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  void send(Alert alert) throws ConnectorException, InterruptedException {
    Objects.requireNonNull(alert, "alert");
    post(
        "alert." + SinkSupport.lower(alert.kind()),
        idempotencyKey(alert),
        alert.profile(),
        alert.opportunity());
  }

  /**
   * Writes {@code opportunity} to the receiver; idempotent, see the class comment.
   *
   * @throws DeliveryException typed by what failed; {@link DeliveryException#permanent()} when
   *     retrying cannot help
   */
  @Override
  public void accept(Opportunity opportunity, Profile profile)
      throws DeliveryException, InterruptedException {
    SinkSupport.delivering(id, () -> write(opportunity, profile));
  }

  private void write(Opportunity opportunity, Profile profile)
      throws ConnectorException, InterruptedException {
    Objects.requireNonNull(opportunity, "opportunity");
    Objects.requireNonNull(profile, "profile");
    post("opportunity", idempotencyKey(opportunity), profile, opportunity);
  }

  /** The key of every delivery of {@code alert}: a hash of its dedupe key. */
  public static String idempotencyKey(Alert alert) {
    return Hashing.sha256Hex("alert|" + alert.dedupeKey());
  }

  /** The key of every delivery of this version of {@code opportunity}: id and signal hash. */
  public static String idempotencyKey(Opportunity opportunity) {
    return Hashing.sha256Hex(
        "opportunity|" + SinkSupport.externalId(opportunity) + "|" + opportunity.signalHash());
  }

  /** Posts a message of {@code type} about {@code opportunity} of {@code profile}. */
  private void post(String type, String key, Profile profile, Opportunity opportunity)
      throws ConnectorException, InterruptedException {
    ObjectNode body = SinkSupport.JSON.createObjectNode();
    body.put("type", type);
    body.put("idempotencyKey", key);
    body.put("sentAt", http.clock().instant().toString());
    profile(body, profile);
    opportunity(body.putObject("opportunity"), opportunity);
    String json = SinkSupport.write(body);
    String timestamp = Long.toString(http.clock().instant().getEpochSecond());
    HttpCall call =
        HttpCall.postJson(id, url, json)
            .header(TIMESTAMP_HEADER, timestamp)
            .header(IDEMPOTENCY_HEADER, key)
            .header(
                SIGNATURE_HEADER,
                "sha256=" + sign(signingSecret, timestamp, json.getBytes(StandardCharsets.UTF_8)))
            // Discord, Teams and Zapier put the credential in the path: show scheme and host only.
            .secretPath()
            .noRedirects()
            .retryAllServerErrors()
            .build();
    http.execute(call, SourceContext.of(http.clock(), opportunity.tenant(), id));
  }

  /** Hex HMAC-SHA256 of {@code timestamp + "." + body} keyed with {@code secret}. */
  static String sign(Secret secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), HMAC));
      mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) '.');
      mac.update(body);
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }

  /**
   * Checks a received request on the host's side: the signature must match the body and the
   * timestamp, and the timestamp must be within {@code tolerance} of {@code clock}'s now (against
   * replays). Compares in constant time. Thread-safe.
   *
   * <pre>{@code
   * boolean ok = WebhookSink.verify(secret,
   *     request.header("X-Discovery-Timestamp"), request.header("X-Discovery-Signature"),
   *     request.bodyBytes(), Clock.systemUTC(), Duration.ofMinutes(5));
   * }</pre>
   *
   * @param secret the secret the sink signs with
   * @param timestamp the {@code X-Discovery-Timestamp} header, may be null
   * @param signature the {@code X-Discovery-Signature} header, may be null
   * @param body the raw request body, as received
   * @param clock the receiver's clock
   * @param tolerance the largest accepted difference between the timestamp and now
   * @return whether the request is authentic and fresh
   */
  public static boolean verify(
      Secret secret,
      String timestamp,
      String signature,
      byte[] body,
      Clock clock,
      Duration tolerance) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(tolerance, "tolerance");
    if (timestamp == null || signature == null) {
      return false;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.strip());
    } catch (NumberFormatException e) {
      return false;
    }
    Duration skew = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
    if (skew.compareTo(tolerance) > 0) {
      return false;
    }
    String given = signature.strip();
    if (!given.regionMatches(true, 0, "sha256=", 0, 7)) {
      return false;
    }
    String expected = sign(secret, timestamp.strip(), body);
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        given.substring(7).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  private static void profile(ObjectNode body, Profile p) {
    body.put("tenant", p.tenant());
    ObjectNode profile = body.putObject("profile");
    profile.put("id", p.id().value());
    profile.put("name", p.name());
    profile.put("owner", p.owner());
  }

  /** The opportunity as the webhook's receivers see it; fields only ever get added. */
  static void opportunity(ObjectNode n, Opportunity o) {
    n.put("id", o.id().value());
    n.put("signalSource", o.signalKey().sourceId());
    n.put("signalId", o.signalKey().externalId());
    n.put("signalType", o.signalType().name());
    n.put("signalHash", o.signalHash());
    n.put("title", o.title());
    o.company().ifPresent(c -> n.put("company", c));
    o.url().ifPresent(u -> n.put("url", u.toString()));
    n.put("status", o.status().name());
    n.put("publishedAt", o.publishedAt().toString());
    n.put("occursAt", o.occursAt().toString());
    ObjectNode score = n.putObject("score");
    score.put("total", o.score().total());
    score.put("strength", o.strength().name());
    ArrayNode reasons = score.putArray("reasons");
    o.score().reasons().forEach(reasons::add);
    ObjectNode timing = n.putObject("timing");
    timing.put("urgency", o.temporal().urgency().name());
    timing.put("window", o.temporal().window().name());
    o.temporal().outreachDate().ifPresent(d -> timing.put("outreachDate", d.toString()));
    o.temporal().daysUntilEvent().ifPresent(d -> timing.put("daysUntilEvent", d));
    timing.put("recommendedAction", o.temporal().recommendedAction());
    ArrayNode changes = n.putArray("changes");
    o.changes().forEach(changes::add);
  }

  @Override
  public String toString() {
    return "WebhookSink[" + id + ", " + url.getScheme() + "://" + url.getHost() + "/…]";
  }

  /** Builds a {@link WebhookSink}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private String id = "webhook";
    private URI url;
    private Secret secret;
    private HttpToolkit http;

    private Builder() {}

    /** The sink's id, also the toolkit's rate-limit and breaker key. Default {@code "webhook"}. */
    public Builder id(String id) {
      this.id = SinkSupport.notBlank("id", id);
      return this;
    }

    /** Where to post: an absolute http(s) URL (user-supplied is fine: the SSRF guard applies). */
    public Builder url(URI url) {
      Objects.requireNonNull(url, "url");
      if (!SinkSupport.isHttp(url) || url.getHost() == null) {
        throw new ValidationException(
            "url must be an absolute http(s) URL, was '" + url.getScheme() + "://…'");
      }
      this.url = url;
      return this;
    }

    /** The HMAC key shared with the receiver; at least 16 characters. */
    public Builder signingSecret(Secret secret) {
      Objects.requireNonNull(secret, "secret");
      if (secret.reveal().length() < 16) {
        throw new ValidationException("signingSecret must have at least 16 characters");
      }
      this.secret = secret;
      return this;
    }

    public Builder http(HttpToolkit http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    public WebhookSink build() {
      SinkSupport.required(url, "url");
      SinkSupport.required(secret, "signingSecret");
      SinkSupport.required(http, "http");
      return new WebhookSink(this);
    }
  }
}
