package io.github.discoverysdk.connectors.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A word or a punctuation mark of a text, with its UTF-16 offsets. A word runs over letters and
 * digits and over an inner {@code . ' ’ & -} between two of them ("e.g", "O'Neil", "AT&T",
 * "Co-founder"); every other non-space character is a token of its own. Tokenising is one linear
 * pass with no regular expression.
 */
record Tok(String text, int start, int end, boolean word) {
  /** Most tokens read from one text (a chunk); the rest is ignored. */
  static final int MAX_TOKENS = 20_000;

  static List<Tok> of(String s) {
    List<Tok> out = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n && out.size() < MAX_TOKENS) {
      int cp = s.codePointAt(i);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      if (Character.isLetterOrDigit(cp)) {
        int start = i;
        i += Character.charCount(cp);
        while (i < n) {
          int c = s.codePointAt(i);
          if (Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK) {
            i += Character.charCount(c);
          } else if ((c == '.' || c == '\'' || c == '’' || c == '&' || c == '-')
              && i + 1 < n
              && Character.isLetterOrDigit(s.codePointAt(i + 1))) {
            i += 1;
          } else {
            break;
          }
        }
        out.add(new Tok(s.substring(start, i), start, i, true));
      } else {
        int len = Character.charCount(cp);
        out.add(new Tok(s.substring(i, i + len), i, i + len, false));
        i += len;
      }
    }
    return out;
  }

  /** Starts with an upper-case letter, or holds one after a lower-case start ("eBay"). */
  boolean capitalised() {
    if (!word) {
      return false;
    }
    int first = text.codePointAt(0);
    if (Character.isUpperCase(first) || Character.isTitleCase(first)) {
      return true;
    }
    if (Character.isDigit(first)) {
      return false;
    }
    for (int i = 1; i < text.length(); i++) {
      if (Character.isUpperCase(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  boolean is(String s) {
    return text.equals(s);
  }

  String lower() {
    return text.toLowerCase(java.util.Locale.ROOT);
  }
}
