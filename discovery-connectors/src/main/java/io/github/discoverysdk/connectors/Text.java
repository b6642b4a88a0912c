package io.github.discoverysdk.connectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;

/**
 * Plain text out of the text fields of sources, through jsoup's HTML5 parser. Stateless and
 * thread-safe.
 *
 * <p>Three kinds of field, one method each, so that a field is decoded exactly as many times as its
 * source encoded it:
 *
 * <ul>
 *   <li>{@link #html}: an HTML fragment (Lever {@code description}, Ashby {@code descriptionHtml},
 *       RSS {@code description} and {@code content:encoded} once the XML parser has read them,
 *       iCalendar descriptions, titles that may carry entities). Entities are decoded once, by the
 *       parser; {@code <script>}, {@code <style>} and the like are dropped with their bodies.
 *   <li>{@link #escapedHtml}: HTML that was entity-escaped once more (Greenhouse {@code content}):
 *       one layer of entities is decoded, and the HTML under it is read as {@link #html} does.
 *   <li>{@link #plain}: text that is already plain (Lever and Ashby {@code descriptionPlain}):
 *       nothing is decoded, so "a&lt;b" stays as it was sent.
 * </ul>
 *
 * <p>The hand-written code this replaces decoded every field twice, so an escaped "&amp;lt;" became
 * a tag and the words up to the next "&gt;" were lost (#19). jsoup's tokenizer reads each character
 * once and its tree builder bounds the scope searches of deep or misnested markup, so hostile input
 * is cleaned in linear time ({@code UntrustedTextTimeTest}).
 */
final class Text {
  private Text() {}

  /** The text of an HTML fragment, whitespace collapsed, cut to {@code max} characters. */
  static String html(String html, int max) {
    if (html == null || html.isEmpty()) {
      return "";
    }
    if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
      return plain(html, max); // nothing for a parser to do
    }
    Document doc = Jsoup.parseBodyFragment(html);
    // Element.text() leaves out script, style and other data bodies, puts a space between
    // blocks and at <br>, and decodes each entity of the HTML5 table once.
    return plain(doc.body().text(), max);
  }

  /**
   * The text of HTML that was entity-escaped once more, as Greenhouse sends {@code content}: one
   * layer of entities decoded, then read as {@link #html}. A field that already holds a raw {@code
   * <} was not escaped (escaping would have made it {@code &lt;}), so it is read as HTML directly
   * rather than decoded twice.
   */
  static String escapedHtml(String escaped, int max) {
    if (escaped == null || escaped.isEmpty()) {
      return "";
    }
    if (escaped.indexOf('<') >= 0) {
      return html(escaped, max);
    }
    return html(Parser.unescapeEntities(escaped, false), max);
  }

  /**
   * Plain text with its whitespace collapsed (including no-break spaces), stripped and cut to
   * {@code max} characters; nothing is decoded.
   */
  static String plain(String text, int max) {
    if (text == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(Math.min(text.length(), max + 1));
    boolean space = false;
    for (int i = 0; i < text.length() && b.length() < max; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        space = b.length() > 0;
      } else {
        if (space) {
          b.append(' ');
          space = false;
        }
        b.append(c);
      }
    }
    return b.length() <= max ? b.toString() : b.substring(0, max);
  }
}
