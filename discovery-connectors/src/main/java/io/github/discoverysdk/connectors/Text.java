package io.github.discoverysdk.connectors;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain text out of HTML fragments from sources. Stateless and thread-safe. */
final class Text {
  /** The longest tag body removed; a longer "<...>" is text, as in {@code <[^>]{0,2000}>}. */
  static final int MAX_TAG = 2_000;

  private static final Pattern ENTITY =
      Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
  private static final Pattern SPACE = Pattern.compile("\\s+");
  private static final Map<String, String> NAMED =
      Map.ofEntries(
          Map.entry("amp", "&"),
          Map.entry("lt", "<"),
          Map.entry("gt", ">"),
          Map.entry("quot", "\""),
          Map.entry("apos", "'"),
          Map.entry("nbsp", " "),
          Map.entry("ndash", "–"),
          Map.entry("mdash", "—"),
          Map.entry("hellip", "…"),
          Map.entry("lsquo", "‘"),
          Map.entry("rsquo", "’"),
          Map.entry("ldquo", "“"),
          Map.entry("rdquo", "”"),
          Map.entry("eacute", "é"),
          Map.entry("egrave", "è"),
          Map.entry("uuml", "ü"),
          Map.entry("ouml", "ö"),
          Map.entry("auml", "ä"),
          Map.entry("szlig", "ß"),
          Map.entry("copy", "©"),
          Map.entry("reg", "®"),
          Map.entry("trade", "™"),
          Map.entry("euro", "€"));

  private Text() {}

  /**
   * Tags removed, entities decoded (twice, since some sources escape HTML that itself holds
   * entities), whitespace collapsed, cut to {@code max} characters.
   */
  static String plain(String html, int max) {
    if (html == null) {
      return "";
    }
    String s = unescape(html);
    s = stripTags(s);
    s = unescape(s);
    s = stripTags(s);
    s = SPACE.matcher(s).replaceAll(" ").strip();
    return s.length() <= max ? s : s.substring(0, max);
  }

  /**
   * Every {@code <...>} whose body has at most {@link #MAX_TAG} characters and no {@code >},
   * replaced by one space, scanning left to right: what {@code <[^>]{0,2000}>} replaces, in linear
   * time. The regular expression tried up to 2,000 characters after every {@code <}, so a body of
   * many {@code <} and no {@code >} cost 2,000 steps a character (SEC-14).
   */
  static String stripTags(String s) {
    int lt = s.indexOf('<');
    int gt = lt < 0 ? -1 : s.indexOf('>', lt + 1);
    StringBuilder b = null;
    int copied = 0;
    while (lt >= 0 && gt >= 0) {
      if (gt < lt) {
        // The first '>' after an earlier '<' lies before this one: look again from here. Every
        // '>' is passed once, so the whole scan is linear.
        gt = s.indexOf('>', lt + 1);
        continue;
      }
      if (gt - lt - 1 <= MAX_TAG) {
        if (b == null) {
          b = new StringBuilder(s.length());
        }
        b.append(s, copied, lt).append(' ');
        copied = gt + 1;
        lt = s.indexOf('<', copied);
      } else {
        lt = s.indexOf('<', lt + 1);
      }
    }
    return b == null ? s : b.append(s, copied, s.length()).toString();
  }

  static String unescape(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = ENTITY.matcher(s);
    StringBuilder b = new StringBuilder(s.length());
    while (m.find()) {
      String e = m.group(1);
      String r;
      if (e.charAt(0) == '#') {
        int cp;
        try {
          cp =
              e.length() > 1 && (e.charAt(1) == 'x' || e.charAt(1) == 'X')
                  ? Integer.parseInt(e.substring(2), 16)
                  : Integer.parseInt(e.substring(1));
        } catch (NumberFormatException x) {
          cp = -1;
        }
        r = Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : "";
      } else {
        r = NAMED.getOrDefault(e, m.group());
      }
      m.appendReplacement(b, Matcher.quoteReplacement(r));
    }
    m.appendTail(b);
    return b.toString();
  }
}
