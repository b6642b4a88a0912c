package io.github.discoverysdk.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * HTML to text on the fields of each connector, in the shape its API sends them: JSON strings as
 * Jackson reads them, feed bodies as ROME reads them (escaped or in CDATA), each handed to the
 * {@link Text} method its connector uses. A field must come out with every word, decoded exactly as
 * many times as it was encoded, without the bodies of {@code <style>} and {@code <script>}.
 */
class HtmlTextCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The JSON string field {@code name} of {@code json}, as the connector's Jackson reads it. */
  private static String field(String json, String name) throws Exception {
    JsonNode n = JSON.readTree(json);
    return n.get(name).asText();
  }

  /** The first item of an RSS or Atom document, as the connector's ROME reads it. */
  private static SyndEntry entry(String xml) throws Exception {
    SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
    return feed.getEntries().get(0);
  }

  // Greenhouse
  /** The case of #19: "ARR 20%" came out, the words between the comparisons were lost. */
  @Test
  void greenhouseTextLossCaseKeepsEveryWordOfEscapedComparisons() throws Exception {
    String content =
        field(
            "{\"content\":\"&lt;p&gt;ARR &amp;lt; $5M and growth &amp;gt; 20%&lt;/p&gt;\"}",
            "content");

    assertThat(Text.escapedHtml(content, 20_000)).isEqualTo("ARR < $5M and growth > 20%");
  }

  @Test
  void greenhouseNestedEscapedMarkupDropsStylesAndScriptsAndDecodesEveryNamedEntity()
      throws Exception {
    String content =
        field(
            "{\"content\":\"&lt;div class=&quot;content-intro&quot;&gt;&lt;style&gt;p{color:red}"
                + "&lt;/style&gt;&lt;h2&gt;About Vault-Tec&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;Caf&amp;eacute;"
                + " in M&amp;uuml;nchen &amp;amp; Z&amp;uuml;rich&lt;/li&gt;&lt;li&gt;We &amp;hearts;"
                + " &amp;Uuml;bermensch &amp;ccedil;a&lt;/li&gt;&lt;/ul&gt;&lt;script&gt;track('x')"
                + "&lt;/script&gt;&lt;p&gt;Pay:&amp;nbsp;$150K&amp;ndash;$190K&lt;/p&gt;&lt;/div&gt;\"}",
            "content");

    assertThat(Text.escapedHtml(content, 20_000))
        .isEqualTo("About Vault-Tec Café in München & Zürich We ♥ Übermensch ça Pay: $150K–$190K");
  }

  @Test
  void greenhouseAnEscapedAmpersandEntityStaysLiteralText() throws Exception {
    // "&amp;amp;lt;" is the text "&lt;" escaped twice: one layer for HTML, one for Greenhouse.
    String content =
        field("{\"content\":\"&lt;p&gt;Write &amp;amp;lt; in HTML&lt;/p&gt;\"}", "content");

    assertThat(Text.escapedHtml(content, 20_000)).isEqualTo("Write &lt; in HTML");
  }

  @Test
  void greenhouseAContentThatWasNotEscapedIsReadAsHtmlOnce() {
    assertThat(Text.escapedHtml("<p>ARR &lt; $5M</p>", 100)).isEqualTo("ARR < $5M");
  }

  // Lever
  @Test
  void leverDescriptionPlainIsTakenAsItIsWithoutDecoding() throws Exception {
    String plain =
        field(
            "{\"descriptionPlain\":\"ARR < $5M and growth > 20%.\\n\\nUse a<b and &amp; literally.\"}",
            "descriptionPlain");

    assertThat(Text.plain(plain, 20_000))
        .isEqualTo("ARR < $5M and growth > 20%. Use a<b and &amp; literally.");
  }

  @Test
  void leverDescriptionHtmlKeepsTheWordsOfNestedBlocks() throws Exception {
    String html =
        field(
            "{\"description\":\"<div><div><b>Vault-Tec</b> is hiring.</div><div><br></div>"
                + "<div>ARR &lt; $5M &amp; growth &gt; 20%</div><ul><li>Go</li><li>Java</li></ul>"
                + "</div>\"}",
            "description");

    assertThat(Text.html(html, 20_000))
        .isEqualTo("Vault-Tec is hiring. ARR < $5M & growth > 20% Go Java");
  }

  @Test
  void leverListsContentOfListItemsOnly() throws Exception {
    String html = field("{\"content\":\"<li>Go &amp; Rust</li><li>SQL</li>\"}", "content");

    assertThat(Text.html(html, 100)).isEqualTo("Go & Rust SQL");
  }

  // Ashby
  @Test
  void ashbyDescriptionHtmlWithStyleAndEntities() throws Exception {
    String html =
        field(
            "{\"descriptionHtml\":\"<style>.x{}</style><p style=\\\"x\\\">Na&iuml;ve &laquo;ideas&raquo;"
                + " welcome&nbsp;&#8212; &#x1F680;</p>\"}",
            "descriptionHtml");

    assertThat(Text.html(html, 20_000)).isEqualTo("Naïve «ideas» welcome — 🚀");
  }

  // Rss
  @Test
  void rssAnEntityEscapedDescriptionIsDecodedOnceByXmlAndOnceAsHtml() throws Exception {
    SyndEntry e =
        entry(
            "<rss version=\"2.0\"><channel><title>t</title><link>https://acme.test</link>"
                + "<description>d</description><item><title>Acme &amp;amp; Co</title>"
                + "<description>&lt;p&gt;ARR &amp;lt; $5M and growth &amp;gt; 20%&lt;/p&gt;"
                + "</description></item></channel></rss>");

    assertThat(Text.html(e.getTitle(), 1_000)).isEqualTo("Acme & Co");
    assertThat(Text.html(e.getDescription().getValue(), 50_000))
        .isEqualTo("ARR < $5M and growth > 20%");
  }

  @Test
  void rssContentEncodedInCdataIsHtmlDecodedOnce() throws Exception {
    SyndEntry e =
        entry(
            "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">"
                + "<channel><title>t</title><link>https://acme.test</link><description>d"
                + "</description><item><title>x</title><content:encoded><![CDATA[<div><script>"
                + "var a = 1 < 2;</script><p>ARR &lt; $5M &amp;&nbsp;growth &gt; 20%</p>"
                + "<blockquote><p>&ldquo;We &hearts; it&rdquo;</p></blockquote></div>]]>"
                + "</content:encoded></item></channel></rss>");

    assertThat(Text.html(e.getContents().get(0).getValue(), 50_000))
        .isEqualTo("ARR < $5M & growth > 20% “We ♥ it”");
  }

  // ICalendarAndEvents
  @Test
  void calendarAnHtmlDescriptionOfAnEventIsText() {
    // Meetup and Google Calendar put HTML into DESCRIPTION; ical4j has unfolded and unescaped it.
    String description = "<p>Join us &amp; learn.<br>Room <b>4</b></p><p>Free &euro;0</p>";

    assertThat(Text.html(description, 50_000)).isEqualTo("Join us & learn. Room 4 Free €0");
  }

  @Test
  void calendarAPlainTitleWithAnAmpersandIsUnchanged() {
    assertThat(Text.html("R&D Summit: AT&T & Co < 5", 1_000))
        .isEqualTo("R&D Summit: AT&T & Co < 5");
  }

  // Limits
  @Test
  void limitsTextIsCutToTheCapAfterDecoding() {
    assertThat(Text.html("<p>" + "&hearts;".repeat(100) + "</p>", 10)).isEqualTo("♥".repeat(10));
    assertThat(Text.plain("  a \n\t b  ", 100)).isEqualTo("a b");
    assertThat(Text.plain("abcdef", 3)).isEqualTo("abc");
  }

  @Test
  void limitsNullAndEmptyGiveEmptyText() {
    assertThat(Text.html(null, 10)).isEmpty();
    assertThat(Text.escapedHtml(null, 10)).isEmpty();
    assertThat(Text.plain(null, 10)).isEmpty();
    assertThat(Text.html("<script>x</script><style>y</style>", 10)).isEmpty();
  }
}
