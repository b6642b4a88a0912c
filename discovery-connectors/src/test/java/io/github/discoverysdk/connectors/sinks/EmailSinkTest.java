package io.github.discoverysdk.connectors.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.discoverysdk.connectors.http.ConnectorException.Kind;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertKind;
import io.github.discoverysdk.testkit.MutableClock;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailSinkTest {
  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(
          new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

  final MutableClock clock = MutableClock.at(SinkFixtures.NOW);

  EmailSink sink(int port) {
    return EmailSink.builder()
        .smtp("127.0.0.1", port)
        .from("Discovery <alerts@example.com>")
        .to("seller@example.com")
        .clock(clock)
        .timeout(Duration.ofSeconds(5))
        .build();
  }

  private static String part(MimeMultipart multipart, String type) throws Exception {
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart p = multipart.getBodyPart(i);
      if (p.isMimeType(type)) {
        return (String) p.getContent();
      }
    }
    throw new AssertionError("no " + type + " part");
  }

  @Test
  void alertArrivesWithSubjectTextAndHtmlParts() throws Exception {
    Alert alert = SinkFixtures.alert(AlertKind.NEW, SinkFixtures.kubecon("opp_7f3a"));

    sink(smtp.getSmtp().getPort()).deliver(alert);

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage m = received[0];
    assertThat(m.getSubject()).isEqualTo("[HIGH] Acme — VP Eng speaking at KubeCon NA 2026");
    assertThat(m.getFrom()[0].toString()).isEqualTo("Discovery <alerts@example.com>");
    assertThat(m.getAllRecipients()[0].toString()).isEqualTo("seller@example.com");
    assertThat(m.getSentDate()).isEqualTo(Date.from(SinkFixtures.NOW));
    assertThat(m.getMessageID()).isEqualTo("<" + EmailSink.messageId(alert) + ">");
    assertThat(m.isMimeType("multipart/alternative")).isTrue();
    MimeMultipart body = (MimeMultipart) m.getContent();
    assertThat(body.getCount()).isEqualTo(2);
    String text = part(body, "text/plain");
    String html = part(body, "text/html");
    assertThat(text)
        .contains("Acme — VP Eng speaking at KubeCon NA 2026")
        .contains("https://events.example/kubecon?talk=42&ref=news")
        .contains("Score 82 (strong) · urgency high · reach out by 2026-10-29")
        .contains("- Watchlist account Acme, exact domain match")
        .contains("Next step: Ask for a meeting at KubeCon before 2026-11-05");
    assertThat(html)
        .contains(
            "<a href=\"https://events.example/kubecon?talk=42&amp;ref=news\">Acme — VP Eng"
                + " speaking at KubeCon NA 2026</a>")
        .contains("<li>Speaks at KubeCon NA on 2026-11-12</li>")
        .contains("reach out by 2026-10-29")
        .doesNotContain("{{");
  }

  @Test
  void hostileStringsAreEscapedInHtmlAndSubjectStaysOneLine() throws Exception {
    Alert alert = SinkFixtures.alert(AlertKind.UPDATED, SinkFixtures.hostile("o1"));

    sink(smtp.getSmtp().getPort()).deliver(alert);

    MimeMessage m = smtp.getReceivedMessages()[0];
    assertThat(m.getSubject())
        .startsWith("[HIGH] Updated: Evil <Corp> & Co — Launch <script>")
        .doesNotContain("\n", "\r");
    String html = part((MimeMultipart) m.getContent(), "text/html");
    assertThat(html)
        .doesNotContain("<script>", "<b>Tom", "<Corp>", "<Room 9>")
        .contains("Evil &lt;Corp&gt; &amp; Co")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        .contains("<li>Moved to &lt;Room 9&gt; &amp; later</li>")
        .contains("<strong>Updated</strong>");
    String text = part((MimeMultipart) m.getContent(), "text/plain");
    assertThat(text).contains("UPDATED").contains("- Moved to <Room 9> & later");
  }

  @Test
  void headerInjectionInTheTitleCannotAddHeaders() throws Exception {
    Alert alert =
        SinkFixtures.alert(
            AlertKind.NEW,
            io.github.discoverysdk.model.Opportunity.builder()
                .from(SinkFixtures.kubecon("o1"))
                .title("Hi\r\nBcc: victim@example.com")
                .build());

    sink(smtp.getSmtp().getPort()).deliver(alert);

    MimeMessage m = smtp.getReceivedMessages()[0];
    assertThat(m.getHeader("Bcc")).isNull();
    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(m.getAllRecipients()).hasSize(1);
  }

  @Test
  void anUnreachableServerIsATransientFailure() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    EmailSink down = sink(closedPort);

    DeliveryException e =
        catchThrowableOfType(
            DeliveryException.class,
            () -> down.deliver(SinkFixtures.alert(AlertKind.NEW, SinkFixtures.kubecon("o1"))));

    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(e.permanent()).isFalse();
    assertThat(e.sinkId()).isEqualTo("email");
  }
}
