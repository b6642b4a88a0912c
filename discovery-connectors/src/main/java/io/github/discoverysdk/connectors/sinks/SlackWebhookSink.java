package io.github.discoverysdk.connectors.sinks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.ConnectorException.Kind;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.http.RateLimit;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertKind;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.spi.SourceContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts alerts to a Slack incoming webhook as Block Kit messages: the headline linked to the
 * signal, score and band, a "why now" line from the strongest reasons, the outreach date and
 * urgency, and for an {@link AlertKind#UPDATED} alert an "Updated" marker with what changed.
 *
 * <pre>{@code
 * AlertSink slack = SlackWebhookSink.builder()
 *     .webhookUrl(Secret.of(System.getenv("SLACK_WEBHOOK_URL")))
 *     .http(http)
 *     .build();
 * }</pre>
 *
 * <p>The webhook URL is a {@link Secret}: its path is the credential, so logs, messages and the
 * call ledger show only {@code https://hooks.slack.com/…}. The URL is user-supplied, so it passes
 * the toolkit's SSRF guard at connection time and redirects are not followed. Slack's plain-text
 * error codes ({@code invalid_payload}, {@code channel_not_found}, {@code channel_is_archived},
 * {@code no_service}, {@code no_text}, {@code invalid_token}, ...) and 401/403/404/410 fail with a
 * {@link DeliveryException#permanent() permanent} {@link DeliveryException}; 5xx and 429 (after
 * {@code Retry-After}) are retried by the toolkit. Messages are limited to one per second per sink
 * id, as Slack asks. Slack incoming webhooks take no idempotency key: a delivery retried after
 * Slack accepted it but before the answer arrived shows twice; the window is one request long.
 *
 * <p>It is also an {@link OpportunitySink}, so that a push rule can post, for example, every STRONG
 * opportunity ({@code pushWhen("slack", PushRule.strong())}): a pushed opportunity is posted like a
 * NEW alert, or like an UPDATED one when it lists changes.
 *
 * <p>Immutable and thread-safe.
 */
public final class SlackWebhookSink extends HttpAlertSink implements AlertSink, OpportunitySink {
  private static final Logger log = LoggerFactory.getLogger(SlackWebhookSink.class);

  /** Slack's answers that no retry can fix. */
  static final Set<String> PERMANENT_CODES =
      Set.of(
          "invalid_payload",
          "no_text",
          "action_prohibited",
          "channel_not_found",
          "channel_is_archived",
          "posting_to_general_channel_denied",
          "no_service",
          "no_service_id",
          "no_active_hooks",
          "invalid_token",
          "invalid_auth",
          "team_disabled",
          "user_not_found",
          "too_many_attachments",
          "invalid_blocks",
          "invalid_blocks_format");

  private static final Pattern CODE = Pattern.compile("[a-z_]{2,64}");
  private static final int SECTION_MAX = 2900;
  private static final int MAX_REASONS = 3;
  private static final int MAX_CHANGES = 5;

  private final URI webhook;

  private SlackWebhookSink(Builder b) {
    super(b.id, b.http);
    this.webhook = b.webhook;
    http.rateLimit(id, b.rateLimit);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  void send(Alert alert) throws ConnectorException, InterruptedException {
    Objects.requireNonNull(alert, "alert");
    post(alert.opportunity().tenant(), payload(alert));
  }

  /** Posts one message of the tenant's to the webhook: {@link SlackFindingSink} shares it. */
  void post(String tenant, ObjectNode payload) throws ConnectorException, InterruptedException {
    String json = SinkSupport.write(payload);
    HttpCall call =
        HttpCall.postJson(id, webhook, json)
            .secretPath()
            .noRedirects()
            .retryAllServerErrors()
            .build();
    SourceContext context = SourceContext.of(http.clock(), tenant, id);
    HttpResult result;
    try {
      result = http.execute(call, context);
    } catch (ConnectorException e) {
      throw classify(e);
    }
    String body = result.text().strip();
    if (!body.isEmpty() && !body.equals("ok")) {
      Optional<String> code = code(body);
      if (code.isPresent() && PERMANENT_CODES.contains(code.get())) {
        throw new ConnectorException(
            Kind.CLIENT_ERROR,
            id,
            null,
            "Slack refused the message: " + code.get(),
            result.status(),
            null,
            null,
            code.get());
      }
      log.debug("{}: Slack answered {} with an unexpected body", id, result.status());
    }
  }

  /**
   * Posts a pushed opportunity: as an UPDATED alert when it lists changes, else as a NEW one.
   *
   * @throws DeliveryException as {@link #deliver}
   */
  @Override
  public void accept(Opportunity opportunity, Profile profile)
      throws DeliveryException, InterruptedException {
    Objects.requireNonNull(opportunity, "opportunity");
    Objects.requireNonNull(profile, "profile");
    deliver(
        Alert.builder()
            .kind(opportunity.changes().isEmpty() ? AlertKind.NEW : AlertKind.UPDATED)
            .profile(profile)
            .opportunity(opportunity)
            .build());
  }

  /** A Slack error code from the body, when the body is one. */
  private static Optional<String> code(String body) {
    String b = body.strip().toLowerCase(Locale.ROOT);
    return CODE.matcher(b).matches() ? Optional.of(b) : Optional.empty();
  }

  private ConnectorException classify(ConnectorException e) {
    Optional<String> code = e.responseSnippet().flatMap(SlackWebhookSink::code);
    boolean knownPermanent = code.isPresent() && PERMANENT_CODES.contains(code.get());
    if (!knownPermanent && !e.permanent()) {
      return e; // 429 and 5xx after the toolkit's retries: a later delivery may succeed
    }
    if (!knownPermanent && e.status() == 0) {
      return e; // refused before sending (SSRF guard, redirect): already typed and permanent
    }
    Kind kind =
        switch (e.status()) {
          case 401, 403 -> Kind.UNAUTHORIZED;
          case 404, 410 -> Kind.NOT_FOUND;
          default -> Kind.CLIENT_ERROR;
        };
    String what = code.orElse("HTTP " + e.status());
    return new ConnectorException(
        kind,
        id,
        null,
        "Slack refused the message: " + what + " (" + e.status() + ")",
        e.status(),
        null,
        e,
        code.orElse(null));
  }

  /** The Slack message for {@code alert}: fallback text plus Block Kit blocks. */
  ObjectNode payload(Alert alert) {
    Opportunity o = alert.opportunity();
    boolean updated = alert.kind() == AlertKind.UPDATED;
    String headline = SinkSupport.headline(o);
    Optional<URI> link = o.url().filter(SlackWebhookSink::isWebUrl);
    String outreach = o.temporal().outreachDate().map(d -> ", reach out by " + d).orElse("");

    ObjectNode root = SinkSupport.JSON.createObjectNode();
    root.put(
        "text",
        escape(
            SinkSupport.truncate(
                (updated ? "Updated opportunity: " : "New opportunity: ")
                    + headline
                    + " (score "
                    + SinkSupport.score(o)
                    + ", "
                    + SinkSupport.lower(o.strength())
                    + outreach
                    + ")",
                SECTION_MAX)));
    ArrayNode blocks = root.putArray("blocks");

    String title = escape(SinkSupport.truncate(headline, 500));
    String titleLine =
        link.map(u -> "*<" + linkTarget(u) + "|" + title + ">*").orElse("*" + title + "*");
    section(blocks, (updated ? ":arrows_counterclockwise: *Updated* · " : "") + titleLine);
    section(
        blocks,
        "*Why now:* " + escape(SinkSupport.truncate(SinkSupport.whyNow(o, MAX_REASONS), 2000)));

    StringBuilder facts = new StringBuilder();
    facts
        .append("score *")
        .append(SinkSupport.score(o))
        .append("* (")
        .append(SinkSupport.lower(o.strength()))
        .append(") · urgency *")
        .append(SinkSupport.lower(o.temporal().urgency()))
        .append('*');
    o.temporal()
        .outreachDate()
        .ifPresent(d -> facts.append(" · reach out by *").append(d).append('*'));
    facts.append(" · window ").append(SinkSupport.lower(o.temporal().window()).replace('_', ' '));
    facts.append(" · profile ").append(escape(SinkSupport.truncate(alert.profile().name(), 200)));
    ObjectNode context = blocks.addObject().put("type", "context");
    context.putArray("elements").addObject().put("type", "mrkdwn").put("text", facts.toString());

    if (updated && !o.changes().isEmpty()) {
      StringBuilder changes = new StringBuilder("*What changed:*");
      List<String> lines = o.changes().stream().limit(MAX_CHANGES).toList();
      for (String line : lines) {
        changes.append("\n• ").append(escape(SinkSupport.truncate(line, 400)));
      }
      section(blocks, changes.toString());
    }
    link.ifPresent(
        u -> {
          ObjectNode actions = blocks.addObject().put("type", "actions");
          ObjectNode button = actions.putArray("elements").addObject().put("type", "button");
          button.putObject("text").put("type", "plain_text").put("text", "Open");
          button.put("url", u.toString());
        });
    return root;
  }

  private static void section(ArrayNode blocks, String mrkdwn) {
    ObjectNode section = blocks.addObject().put("type", "section");
    section
        .putObject("text")
        .put("type", "mrkdwn")
        .put("text", SinkSupport.truncate(mrkdwn, SECTION_MAX));
  }

  private static boolean isWebUrl(URI u) {
    return SinkSupport.isHttp(u) && u.toString().length() <= 2000;
  }

  /** A URL inside {@code <url|text>}: escaped, and without a {@code |} that would end it. */
  private static String linkTarget(URI u) {
    return escape(u.toString().replace("|", "%7C"));
  }

  /** Escapes text for Slack mrkdwn: {@code &}, {@code <} and {@code >} are control characters. */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "SlackWebhookSink[" + id + ", https://" + webhook.getHost() + "/…]";
  }

  /** Builds a {@link SlackWebhookSink}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private String id = "slack";
    private URI webhook;
    private HttpToolkit http;
    private RateLimit rateLimit = RateLimit.perSecond(1);

    private Builder() {}

    /** The sink's id, also the toolkit's rate-limit and breaker key. Default {@code "slack"}. */
    public Builder id(String id) {
      this.id = SinkSupport.notBlank("id", id);
      return this;
    }

    /** The incoming webhook's URL; an absolute http(s) URL, validated without being shown. */
    public Builder webhookUrl(Secret url) {
      Objects.requireNonNull(url, "url");
      URI u;
      try {
        u = new URI(url.reveal().strip());
      } catch (URISyntaxException e) {
        throw new ValidationException("webhookUrl is not a valid URL (value not shown)");
      }
      if (!SinkSupport.isHttp(u) || u.getHost() == null) {
        throw new ValidationException(
            "webhookUrl must be an absolute http(s) URL (value not shown)");
      }
      this.webhook = u;
      return this;
    }

    public Builder http(HttpToolkit http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /** Messages per period for this sink id; default one per second, Slack's guidance. */
    public Builder rateLimit(RateLimit limit) {
      this.rateLimit = Objects.requireNonNull(limit, "limit");
      return this;
    }

    public SlackWebhookSink build() {
      SinkSupport.required(webhook, "webhookUrl");
      SinkSupport.required(http, "http");
      return new SlackWebhookSink(this);
    }
  }
}
