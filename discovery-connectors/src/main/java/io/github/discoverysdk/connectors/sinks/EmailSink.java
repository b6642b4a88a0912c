package io.github.discoverysdk.connectors.sinks;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.MissingDependencyException;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertKind;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.support.Hashing;
import io.github.discoverysdk.support.Require;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts as email over SMTP (Jakarta Mail, Angus implementation): a {@code
 * multipart/alternative} message with a plain-text and an HTML body rendered from the templates
 * {@code alert-email.txt} and {@code alert-email.html} next to this class. Every value from a
 * signal is HTML-escaped in the HTML body; the subject names the urgency and the company and is
 * stripped of line breaks (no header injection).
 *
 * <pre>{@code
 * AlertSink email = EmailSink.builder()
 *     .smtp("smtp.example.com", 587).startTls(true)
 *     .credentials("alerts@example.com", Secret.of(System.getenv("SMTP_PASSWORD")))
 *     .from("Discovery <alerts@example.com>")
 *     .to("sales-team@example.com")
 *     .clock(clock)
 *     .build();
 * }</pre>
 *
 * <p>The {@code Message-ID} is derived from {@link Alert#dedupeKey()}, so a redelivered alert has
 * the same id and mail clients that deduplicate on it show it once. The {@code Date} header comes
 * from the injected clock. Failures are {@link DeliveryException}s: a rejected login ({@code
 * UNAUTHORIZED}) and rejected addresses or a 5xx SMTP reply ({@code CLIENT_ERROR}) are permanent; a
 * 4xx SMTP reply or a connection failure ({@code UNAVAILABLE}) is worth retrying later. The SMTP
 * server is configured by the host, not by users, so no SSRF guard applies.
 *
 * <p>Immutable and thread-safe: each delivery opens its own connection.
 */
public final class EmailSink implements AlertSink {
  private static final Logger log = LoggerFactory.getLogger(EmailSink.class);
  private static final MailTemplate HTML = MailTemplate.load("alert-email.html");
  private static final MailTemplate TEXT = MailTemplate.load("alert-email.txt");

  private final String id;
  private final String host;
  private final int port;
  private final String username;
  private final Secret password;
  private final Function<Profile, List<String>> recipients;
  private final Clock clock;
  private final SmtpMail mail;

  private EmailSink(Builder b) {
    this.id = b.id;
    this.host = b.host;
    this.port = b.port;
    this.username = b.username;
    this.password = b.password;
    this.recipients = b.recipients;
    this.clock = b.clock;
    Properties p = new Properties();
    p.setProperty("mail.transport.protocol", b.ssl ? "smtps" : "smtp");
    String prefix = b.ssl ? "mail.smtps." : "mail.smtp.";
    p.setProperty(prefix + "host", host);
    p.setProperty(prefix + "port", Integer.toString(port));
    p.setProperty(prefix + "auth", Boolean.toString(username != null));
    p.setProperty(prefix + "connectiontimeout", Long.toString(b.timeout.toMillis()));
    p.setProperty(prefix + "timeout", Long.toString(b.timeout.toMillis()));
    p.setProperty(prefix + "writetimeout", Long.toString(b.timeout.toMillis()));
    if (b.startTls) {
      p.setProperty("mail.smtp.starttls.enable", "true");
      p.setProperty("mail.smtp.starttls.required", "true");
    }
    if (b.ssl || b.startTls) {
      p.setProperty(prefix + "ssl.checkserveridentity", "true");
    }
    this.mail = new SmtpMail(id, p, host, port, username, password, b.from);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  /**
   * Delivers {@code alert}.
   *
   * @throws DeliveryException typed by what failed; {@link DeliveryException#permanent()} when
   *     retrying cannot help
   */
  @Override
  public void deliver(Alert alert) throws DeliveryException {
    SinkSupport.delivering(id, () -> send(alert));
  }

  private void send(Alert alert) throws ConnectorException {
    Objects.requireNonNull(alert, "alert");
    List<String> to = recipients.apply(alert.profile());
    if (to == null || to.isEmpty()) {
      log.debug("{}: no recipients for profile {}; alert not sent", id, alert.profile().id());
      return;
    }
    Map<String, String> values = values(alert);
    mail.send(
        "<" + messageId(alert) + ">",
        to,
        values.get("subject"),
        Date.from(clock.instant()),
        TEXT.render(values),
        HTML.render(values));
  }

  static String messageId(Alert alert) {
    return Hashing.sha256Hex("email|" + alert.dedupeKey()).substring(0, 40) + "@discovery-sdk";
  }

  /** "[HIGH] Acme — VP Eng speaks at KubeCon", with "Updated: " for an update; one line. */
  static String subject(Alert alert) {
    Opportunity o = alert.opportunity();
    String s =
        "["
            + o.temporal().urgency().name()
            + "] "
            + (alert.kind() == AlertKind.UPDATED ? "Updated: " : "")
            + SinkSupport.headline(o);
    return SinkSupport.truncate(oneLine(s), 200);
  }

  private static String oneLine(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
    }
    return b.toString().strip();
  }

  private static Map<String, String> values(Alert alert) {
    Opportunity o = alert.opportunity();
    boolean updated = alert.kind() == AlertKind.UPDATED;
    Map<String, String> v = new LinkedHashMap<>();
    String subject = subject(alert);
    String headline = SinkSupport.headline(o);
    String url = o.url().filter(SinkSupport::isHttp).map(URI::toString).orElse("");
    v.put("subject", subject);
    v.put("headline", headline);
    v.put("url", url);
    v.put(
        "headlineHtml",
        url.isEmpty()
            ? MailTemplate.escapeHtml(headline)
            : "<a href=\""
                + MailTemplate.escapeHtml(url)
                + "\">"
                + MailTemplate.escapeHtml(headline)
                + "</a>");
    v.put("score", Long.toString(SinkSupport.score(o)));
    v.put("strength", SinkSupport.lower(o.strength()));
    v.put("urgency", SinkSupport.lower(o.temporal().urgency()));
    v.put("window", SinkSupport.lower(o.temporal().window()).replace('_', ' '));
    v.put(
        "outreach",
        o.temporal().outreachDate().map(d -> "reach out by " + d).orElse("no outreach date"));
    v.put("action", o.temporal().recommendedAction());
    v.put("profile", alert.profile().name());
    List<String> reasons = o.score().reasons().stream().filter(r -> !r.isBlank()).limit(5).toList();
    if (reasons.isEmpty()) {
      reasons = List.of(o.temporal().recommendedAction());
    }
    StringBuilder text = new StringBuilder();
    StringBuilder html = new StringBuilder();
    for (String r : reasons) {
      text.append("- ").append(r).append('\n');
      html.append("<li>").append(MailTemplate.escapeHtml(r)).append("</li>\n");
    }
    v.put("reasons", text.toString().stripTrailing());
    v.put("reasonsHtml", html.toString().stripTrailing());
    StringBuilder changes = new StringBuilder();
    StringBuilder changesHtml = new StringBuilder();
    if (updated && !o.changes().isEmpty()) {
      changes.append("\nWhat changed:\n");
      changesHtml.append("<p style=\"margin: 0 0 4px 0;\"><strong>What changed</strong></p>\n<ul>");
      for (String c : o.changes().stream().limit(10).toList()) {
        changes.append("- ").append(c).append('\n');
        changesHtml.append("<li>").append(MailTemplate.escapeHtml(c)).append("</li>");
      }
      changesHtml.append("</ul>");
    }
    v.put("changes", changes.toString());
    v.put("changesHtml", changesHtml.toString());
    v.put(
        "updatedBanner",
        updated ? "UPDATED - this opportunity changed since the last alert.\n\n" : "");
    v.put(
        "updatedBannerHtml",
        updated
            ? "<p style=\"margin: 0 0 8px 0; color: #b35c00;\"><strong>Updated</strong>: this"
                + " opportunity changed since the last alert.</p>"
            : "");
    return v;
  }

  @Override
  public String toString() {
    return "EmailSink[" + id + ", " + host + ":" + port + "]";
  }

  /** Builds an {@link EmailSink}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private String id = "email";
    private String host;
    private int port = 587;
    private boolean startTls;
    private boolean ssl;
    private String username;
    private Secret password;
    private String from;
    private Function<Profile, List<String>> recipients;
    private Clock clock = Clock.systemUTC();
    private Duration timeout = Duration.ofSeconds(30);

    private Builder() {}

    public Builder id(String id) {
      this.id = SinkSupport.notBlank("id", id);
      return this;
    }

    /** The SMTP server. */
    public Builder smtp(String host, int port) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new ValidationException("smtp host must not be blank");
      }
      if (port < 1 || port > 65535) {
        throw new ValidationException("smtp port must be 1..65535, was " + port);
      }
      this.host = host;
      this.port = port;
      return this;
    }

    /** Upgrade the connection with STARTTLS, and refuse to send when the server cannot. */
    public Builder startTls(boolean startTls) {
      this.startTls = startTls;
      return this;
    }

    /** Connect with implicit TLS (SMTPS, usually port 465). */
    public Builder ssl(boolean ssl) {
      this.ssl = ssl;
      return this;
    }

    /** Log in with these credentials; without them the sink sends without authentication. */
    public Builder credentials(String username, Secret password) {
      Objects.requireNonNull(username, "username");
      this.password = Objects.requireNonNull(password, "password");
      if (username.isBlank()) {
        throw new ValidationException("username must not be blank");
      }
      this.username = username;
      return this;
    }

    /** The sender, for example {@code "Discovery <alerts@example.com>"}. */
    public Builder from(String address) {
      this.from = address("from", address);
      return this;
    }

    /** The same recipients for every alert. */
    public Builder to(String... addresses) {
      Objects.requireNonNull(addresses, "addresses");
      if (addresses.length == 0) {
        throw new ValidationException("to needs at least one address");
      }
      List<String> list = new ArrayList<>();
      for (String a : addresses) {
        list.add(address("to", a));
      }
      List<String> fixed = List.copyOf(list);
      this.recipients = p -> fixed;
      return this;
    }

    /** The recipients of each profile's alerts (its owner's address, a team list). */
    public Builder recipients(Function<Profile, List<String>> recipients) {
      this.recipients = Objects.requireNonNull(recipients, "recipients");
      return this;
    }

    /** The clock of the {@code Date} header. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Connect, read and write timeout of the SMTP connection; default 30 s. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      Require.positive("timeout", timeout);
      this.timeout = timeout;
      return this;
    }

    /** A valid address, normalised; Jakarta Mail parses it, so it must be present. */
    private static String address(String what, String address) {
      Objects.requireNonNull(address, what);
      requireMail();
      return SmtpMail.address(what, address);
    }

    private static void requireMail() {
      MissingDependencyException.require(
          "jakarta.mail.Session", "EmailSink", "jakarta.mail:jakarta.mail-api");
      MissingDependencyException.require(
          "org.eclipse.angus.mail.smtp.SMTPTransport", "EmailSink", "org.eclipse.angus:angus-mail");
    }

    public EmailSink build() {
      requireMail();
      SinkSupport.required(host, "smtp host");
      SinkSupport.required(from, "from");
      SinkSupport.required(recipients, "to or recipients");
      if (ssl && startTls) {
        throw new ValidationException("choose ssl or startTls, not both");
      }
      return new EmailSink(this);
    }
  }
}
