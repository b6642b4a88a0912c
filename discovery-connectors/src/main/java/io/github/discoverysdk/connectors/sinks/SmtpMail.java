package io.github.discoverysdk.connectors.sinks;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.ConnectorException.Kind;
import io.github.discoverysdk.spi.Secret;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * The Jakarta Mail side of {@link EmailSink}, in a class of its own: the verifier loads the types a
 * class assigns and catches, and EmailSink must load without Jakarta Mail (an optional dependency)
 * so that its builder can say what is missing. Immutable and thread-safe: each send opens its own
 * connection.
 */
final class SmtpMail {
  private final String sinkId;
  private final Session session;
  private final String host;
  private final int port;
  private final String username;
  private final Secret password;
  private final InternetAddress from;

  SmtpMail(
      String sinkId,
      Properties properties,
      String host,
      int port,
      String username,
      Secret password,
      String from) {
    this.sinkId = sinkId;
    this.session = Session.getInstance(properties);
    this.host = host;
    this.port = port;
    this.username = username;
    this.password = password;
    this.from = parse("from", from);
  }

  /** {@code address} checked strictly and normalised, or a {@link ValidationException}. */
  static String address(String what, String address) {
    return parse(what, address).toString();
  }

  private static InternetAddress parse(String what, String address) {
    try {
      InternetAddress a = new InternetAddress(address, true);
      a.validate();
      return a;
    } catch (AddressException e) {
      throw new ValidationException(what + " is not a valid address: '" + address + "'");
    }
  }

  /**
   * Sends a {@code multipart/alternative} message (plain text, then HTML) with a fixed Message-ID.
   *
   * @throws ConnectorException typed by what failed
   */
  void send(String messageId, List<String> to, String subject, Date date, String text, String html)
      throws ConnectorException {
    try {
      MimeMessage message = message(messageId, to, subject, date, text, html);
      try (Transport transport = session.getTransport()) {
        transport.connect(host, port, username, password == null ? null : password.reveal());
        transport.sendMessage(message, message.getAllRecipients());
      }
    } catch (AuthenticationFailedException e) {
      throw failure(Kind.UNAUTHORIZED, "the SMTP server refused the login", 535, e);
    } catch (SMTPAddressFailedException e) {
      throw smtpReply(e.getReturnCode(), "recipient refused", e);
    } catch (SMTPSendFailedException e) {
      throw smtpReply(e.getReturnCode(), "message refused", e);
    } catch (SendFailedException e) {
      throw failure(Kind.CLIENT_ERROR, "no valid recipient", 0, e);
    } catch (AddressException e) {
      throw failure(Kind.CLIENT_ERROR, "invalid recipient address", 0, e);
    } catch (MessagingException e) {
      throw failure(Kind.UNAVAILABLE, "SMTP " + host + ":" + port + " failed", 0, e);
    }
  }

  private MimeMessage message(
      String messageId, List<String> to, String subject, Date date, String text, String html)
      throws MessagingException {
    MimeMessage m = new StableIdMessage(session, messageId);
    m.setFrom(from);
    List<InternetAddress> addresses = new ArrayList<>();
    for (String a : to) {
      addresses.add(new InternetAddress(a, true));
    }
    m.setRecipients(Message.RecipientType.TO, addresses.toArray(InternetAddress[]::new));
    m.setSubject(subject, StandardCharsets.UTF_8.name());
    m.setSentDate(date);
    m.setHeader("Auto-Submitted", "auto-generated");
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText(text, StandardCharsets.UTF_8.name(), "plain");
    MimeBodyPart rich = new MimeBodyPart();
    rich.setText(html, StandardCharsets.UTF_8.name(), "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(plain); // least preferred first (RFC 2046)
    alternative.addBodyPart(rich);
    m.setContent(alternative);
    m.saveChanges();
    return m;
  }

  private ConnectorException smtpReply(int code, String what, Exception e) {
    Kind kind = code >= 400 && code < 500 ? Kind.UNAVAILABLE : Kind.CLIENT_ERROR;
    return failure(kind, what + " with SMTP " + code, code, e);
  }

  private ConnectorException failure(Kind kind, String what, int code, Exception cause) {
    // The cause's message may quote addresses; keep it as the cause, out of our message.
    return new ConnectorException(kind, sinkId, null, what, code, null, cause);
  }

  /** A message whose Message-ID is fixed in advance instead of random. */
  private static final class StableIdMessage extends MimeMessage {
    private final String messageId;

    StableIdMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
