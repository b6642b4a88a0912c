package io.github.discoverysdk.matching;

import java.util.Arrays;

/**
 * The words of one text field, folded, with their offsets and the typographic facts the matcher
 * weighs: capitalisation, sentence starts, dots that join words into a host name. Parallel arrays,
 * reused from field to field, so that scanning allocates little. Not thread-safe: one per scan.
 */
final class Tokens {
  static final int CAP = 1; // first letter upper case
  static final int ALL_CAPS = 2; // two or more letters, all upper case
  static final int SENTENCE_START = 4; // first word of the field or after . ! ? : or a line break
  static final int JOINED_NEXT = 8; // followed directly by "." and a word: part of a host name
  static final int ALPHA = 16; // letters only
  static final int AMPERSAND = 32;

  String text = "";
  int size;
  int[] start = new int[64];
  int[] end = new int[64];
  int[] flags = new int[64];
  int[] charStart = new int[65];
  int[] word = new int[64];
  char[] chars = new char[512];
  int charCount;
  boolean hasUpper;
  boolean hasLower;

  /** Most longer words capitalised: capitalisation tells nothing (a headline). */
  boolean headline;

  void scan(String s) {
    text = s;
    size = 0;
    charCount = 0;
    hasUpper = false;
    hasLower = false;
    int n = s.length();
    boolean sentence = true;
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '&') {
        begin(i);
        append('a');
        append('n');
        append('d');
        finish(i, i + 1, AMPERSAND | (sentence ? SENTENCE_START : 0));
        i++;
        continue;
      }
      if (c < 0x80 ? !isAsciiWordChar(c) : !Character.isLetterOrDigit(s.codePointAt(i))) {
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\n' || c == ';' || c == '|') {
          sentence = true;
        }
        i += c < 0x80 ? 1 : Character.charCount(s.codePointAt(i));
        continue;
      }
      int from = i;
      boolean ascii = true;
      int upper = 0;
      int letters = 0;
      boolean digits = false;
      while (i < n) {
        char d = s.charAt(i);
        if (d < 0x80) {
          if (!isAsciiWordChar(d)) {
            break;
          }
          if (d >= 'A' && d <= 'Z') {
            upper++;
            letters++;
          } else if (d >= 'a' && d <= 'z') {
            letters++;
          } else {
            digits = true;
          }
          i++;
        } else {
          int cp = s.codePointAt(i);
          int type = Character.getType(cp);
          if (!Character.isLetterOrDigit(cp)
              && type != Character.NON_SPACING_MARK
              && type != Character.COMBINING_SPACING_MARK) {
            break;
          }
          ascii = false;
          if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
            upper++;
            letters++;
          } else if (Character.isLetter(cp)) {
            letters++;
          } else if (Character.isDigit(cp)) {
            digits = true;
          }
          i += Character.charCount(cp);
        }
      }
      int to = i;
      begin(from);
      if (ascii) {
        for (int k = from; k < to; k++) {
          char d = s.charAt(k);
          append(d >= 'A' && d <= 'Z' ? (char) (d + 32) : d);
        }
      } else {
        String folded = Normalizer.fold(s.substring(from, to));
        for (int k = 0; k < folded.length(); k++) {
          char d = folded.charAt(k);
          if (Character.isLetterOrDigit(d)) {
            append(d);
          }
        }
        if (charCount == charStart[size]) {
          continue; // only marks
        }
      }
      int f = sentence ? SENTENCE_START : 0;
      int first = s.codePointAt(from);
      if (Character.isUpperCase(first) || Character.isTitleCase(first)) {
        f |= CAP;
      }
      if (upper >= 2 && upper == letters) {
        f |= ALL_CAPS;
      }
      if (!digits) {
        f |= ALPHA;
      }
      if (upper > 0) {
        hasUpper = true;
      }
      if (upper < letters) {
        hasLower = true;
      }
      if (to + 1 < n && s.charAt(to) == '.' && isWordStart(s, to + 1)) {
        f |= JOINED_NEXT;
      }
      // Possessive: "Stripe's", "Stripe’s".
      if (i + 1 < n
          && (s.charAt(i) == '\'' || s.charAt(i) == '\u2019')
          && (s.charAt(i + 1) == 's' || s.charAt(i + 1) == 'S')
          && (i + 2 == n || !Character.isLetterOrDigit(s.charAt(i + 2)))) {
        i += 2;
      }
      finish(from, to, f);
      sentence = false;
    }
    int longer = 0;
    int capitalised = 0;
    for (int k = 0; k < size; k++) {
      if ((flags[k] & SENTENCE_START) == 0 && length(k) >= 4 && (flags[k] & ALPHA) != 0) {
        longer++;
        if ((flags[k] & CAP) != 0) {
          capitalised++;
        }
      }
    }
    headline = longer < 2 ? size < 6 : capitalised * 10 >= longer * 6;
  }

  private static boolean isAsciiWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isWordStart(String s, int i) {
    char c = s.charAt(i);
    return c < 0x80 ? isAsciiWordChar(c) : Character.isLetterOrDigit(s.codePointAt(i));
  }

  private void begin(int from) {
    if (size == start.length) {
      int cap = size * 2;
      start = Arrays.copyOf(start, cap);
      end = Arrays.copyOf(end, cap);
      flags = Arrays.copyOf(flags, cap);
      word = Arrays.copyOf(word, cap);
      charStart = Arrays.copyOf(charStart, cap + 1);
    }
    charStart[size] = charCount;
  }

  private void append(char c) {
    if (charCount == chars.length) {
      chars = Arrays.copyOf(chars, chars.length * 2);
    }
    chars[charCount++] = c;
  }

  private void finish(int from, int to, int f) {
    start[size] = from;
    end[size] = to;
    flags[size] = f;
    word[size] = -1;
    size++;
    charStart[size] = charCount;
  }

  int length(int i) {
    return charStart[i + 1] - charStart[i];
  }

  String word(int i) {
    return new String(chars, charStart[i], length(i));
  }

  boolean has(int i, int flag) {
    return (flags[i] & flag) != 0;
  }

  /** Whether word {@code i} equals {@code w}, without allocating. */
  boolean is(int i, String w) {
    int len = length(i);
    if (len != w.length()) {
      return false;
    }
    int off = charStart[i];
    for (int k = 0; k < len; k++) {
      if (chars[off + k] != w.charAt(k)) {
        return false;
      }
    }
    return true;
  }
}
