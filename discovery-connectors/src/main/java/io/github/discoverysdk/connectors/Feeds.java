package io.github.discoverysdk.connectors;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import io.github.discoverysdk.connectors.HttpSignalSource.Mapped;
import io.github.discoverysdk.connectors.HttpSignalSource.Page;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.xml.sax.InputSource;

/**
 * RSS and Atom through ROME. DOCTYPE declarations are refused (ROME's default, asserted here so a
 * future change cannot quietly enable them), which shuts out external entities and entity expansion
 * bombs. Stateless and thread-safe.
 */
final class Feeds {
  private Feeds() {}

  static SyndFeed parse(String sourceId, HttpResult result, String what) throws ConnectorException {
    byte[] body = result.body();
    if (body.length == 0) {
      throw ConnectorException.parseError(sourceId, what, "empty body", null);
    }
    // Counted before ROME builds its tree of every entry: a compact feed under the byte cap can
    // hold enough entries to cost seconds and hundreds of megabytes.
    long entries =
        HttpSignalSource.count(body, "<item", false)
            + HttpSignalSource.count(body, "<entry", false);
    if (entries > HttpSignalSource.MAX_RECORDS) {
      throw HttpSignalSource.tooManyRecords(sourceId, what, entries);
    }
    SyndFeedInput input = new SyndFeedInput();
    input.setAllowDoctypes(false);
    input.setXmlHealerOn(false);
    if (input.isAllowDoctypes()) {
      throw new IllegalStateException("feeds must never allow DOCTYPE");
    }
    try {
      return input.build(new InputSource(new ByteArrayInputStream(body)));
    } catch (Exception e) {
      throw ConnectorException.parseError(
          sourceId, what, "malformed or refused feed: " + e.getClass().getSimpleName(), e);
    }
  }

  /** Maps every entry into a page; entries without a title or date are rejected. */
  static Page page(
      String sourceId,
      SyndFeed feed,
      SignalType type,
      List<OrganizationMention> organizations,
      Instant now) {
    Page page = new Page();
    int i = 0;
    for (SyndEntry e : feed.getEntries()) {
      String recordId =
          Optional.ofNullable(e.getUri())
              .or(() -> Optional.ofNullable(e.getLink()))
              .orElse("#" + i);
      i++;
      page.add(recordId, () -> map(sourceId, e, type, organizations, now));
    }
    return page;
  }

  private static Mapped map(
      String sourceId,
      SyndEntry e,
      SignalType type,
      List<OrganizationMention> organizations,
      Instant now) {
    String key =
        Optional.ofNullable(e.getUri())
            .filter(s -> !s.isBlank())
            .or(() -> Optional.ofNullable(e.getLink()).filter(s -> !s.isBlank()))
            .orElseThrow(() -> new IllegalArgumentException("entry has neither guid/id nor link"));
    if (key.length() > 512) {
      key = HttpSignalSource.fingerprint(key);
    }
    String title = Text.html(e.getTitle(), 1_000);
    if (title.isEmpty()) {
      throw new IllegalArgumentException("field 'title' is missing");
    }
    Instant published =
        Optional.ofNullable(e.getPublishedDate())
            .or(() -> Optional.ofNullable(e.getUpdatedDate()))
            .map(java.util.Date::toInstant)
            .orElseThrow(
                () -> new IllegalArgumentException("field 'pubDate'/'published' is missing"));
    Instant changed =
        Optional.ofNullable(e.getUpdatedDate()).map(java.util.Date::toInstant).orElse(published);
    String text = "";
    SyndContent d = e.getDescription();
    if (d != null && d.getValue() != null) {
      text = text(d);
    } else if (!e.getContents().isEmpty() && e.getContents().get(0).getValue() != null) {
      text = text(e.getContents().get(0));
    }
    Signal.Builder b =
        Signal.builder()
            .key(SignalKey.of(sourceId, key))
            .type(type)
            .title(title)
            .text(text)
            .publishedAt(published)
            .observedAt(now)
            .organizations(organizations);
    Optional.ofNullable(e.getLink()).flatMap(JobPostings::httpUri).ifPresent(b::url);
    return new Mapped(b.build(), changed);
  }

  /**
   * The text of an RSS description, a {@code content:encoded} or an Atom summary or content. The
   * XML parser has already decoded the feed's own escaping (or read the CDATA section), so what is
   * left is HTML, decoded once more by {@link Text#html}; an Atom {@code type="text"} body is plain
   * text and is not decoded again.
   */
  private static String text(SyndContent c) {
    String type = c.getType();
    boolean plain = type != null && (type.equals("text") || type.equals("text/plain"));
    return plain ? Text.plain(c.getValue(), 50_000) : Text.html(c.getValue(), 50_000);
  }
}
