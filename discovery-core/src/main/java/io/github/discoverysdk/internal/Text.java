package io.github.discoverysdk.internal;

/** Not API. Text as it may appear in a log line or an exception message. */
public final class Text {
  private Text() {}

  /**
   * {@code text} on one line: line and paragraph separators and other control characters are
   * written as escapes ({@code \n}, {@code \r}, {@code \t}, {@code \u2028}...), so that text from a
   * source, an API's reply or a user cannot forge log lines. Null stays null.
   */
  public static String oneLine(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escape = escape(c);
      if (escape != null && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (escape == null) {
          out.append(c);
        } else {
          out.append(escape);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  private static String escape(char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
          return String.format("\\u%04x", (int) c);
        }
        return null;
    }
  }
}
