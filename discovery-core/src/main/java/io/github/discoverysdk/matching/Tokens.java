package io.github.discoverysdk.matching;

import java.util.Arrays;

/**
 * The words of one text field, folded, with their offsets and the typographic facts the matcher
 * weighs: capitalisation, sentence starts, dots that join words into a host name. Dotted letters
 * make one word: {@code "I.B.M."} and {@code "I. B. M."} are {@code ibm}, {@code "S.A."} is {@code
 * sa}. Parallel arrays, reused from field to field, so that scanning allocates little. Not
 * thread-safe: one per scan.
 */
final class Tokens {
  static final int CAP = 1; // first letter upper case
  static final int ALL_CAPS = 2; // two or more letters, all upper case
  static final int SENTENCE_START = 4; // first word of the field or after . ! ? : or a line break
  static final int JOINED_NEXT = 8; // followed directly by "." and a word: part of a host name
  static final int ALPHA = 16; // letters only
  static final int AMPERSAND = 32;

  /** Character classes of ASCII: 0 separator, or one of the following. */
  private static final byte LOWER = 1;

  private static final byte UPPER = 2;
  private static final byte DIGIT = 3;
  private static final byte[] ASCII = new byte[128];

  /** ASCII letters and digits folded to lower case; 0 for the rest. */
  private static final char[] FOLD = new char[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      ASCII[c] = LOWER;
      ASCII[c - 32] = UPPER;
      FOLD[c] = c;
      FOLD[c - 32] = c;
    }
    for (char c = '0'; c <= '9'; c++) {
      ASCII[c] = DIGIT;
      FOLD[c] = c;
    }
  }

  String text = "";

  /** The characters of {@link #text}, copied once per field: indexing an array is cheaper. */
  char[] src = new char[512];

  int size;
  int[] start = new int[64];
  int[] end = new int[64];
  int[] flags = new int[64];
  int[] charStart = new int[65];
  int[] word = new int[64];

  /** {@link String#hashCode()} of each folded word (see {@link WordTable#hash}). */
  int[] hash = new int[64];

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
    if (src.length < n) {
      src = new char[Math.max(n, src.length * 2)];
    }
    char[] cs = src;
    s.getChars(0, n, cs, 0);
    boolean sentence = true;
    acronym = -1;
    int longer = 0;
    int capitalised = 0;
    int i = 0;
    while (i < n) {
      char c = cs[i];
      if (c < 0x80 && ASCII[c] == 0) {
        if (c == '&') {
          begin(i);
          append('a');
          append('n');
          append('d');
          hash[size] = AND_HASH;
          finish(i, i + 1, AMPERSAND | (sentence ? SENTENCE_START : 0));
          i++;
          continue;
        }
        if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\n' || c == ';' || c == '|') {
          sentence = true;
        }
        i++;
        continue;
      }
      if (c >= 0x80 && !Character.isLetterOrDigit(Character.codePointAt(cs, i, n))) {
        i += Character.charCount(Character.codePointAt(cs, i, n));
        continue;
      }
      int from = i;
      begin(from);
      if (chars.length - charCount < n - from) {
        // An ASCII word folds to as many characters as it has, at most the rest of the text.
        chars = Arrays.copyOf(chars, Math.max(chars.length * 2, charCount + n - from));
      }
      // ASCII, the common case: fold, hash and count in one pass.
      char[] out = chars;
      int at = charCount;
      int hc = 0;
      int upper = 0;
      int digitCount = 0;
      while (i < n) {
        char d = cs[i];
        if (d >= 0x80) {
          break;
        }
        char f = FOLD[d];
        if (f == 0) {
          break;
        }
        if (f != d) {
          upper++;
        } else if (f <= '9') {
          digitCount++;
        }
        out[at++] = f;
        hc = 31 * hc + f;
        i++;
      }
      int letters = i - from - digitCount;
      boolean digits = digitCount > 0;
      boolean ascii = true;
      // A word with other letters: count on, and fold it below.
      while (i < n && (!ascii || cs[i] >= 0x80)) {
        char d = cs[i];
        if (d < 0x80) {
          byte k = ASCII[d];
          if (k == 0) {
            break;
          }
          if (k == UPPER) {
            upper++;
            letters++;
          } else if (k == LOWER) {
            letters++;
          } else {
            digits = true;
          }
          i++;
        } else {
          int cp = Character.codePointAt(cs, i, n);
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
      if (ascii) {
        charCount = at;
        hash[size] = hc;
      } else {
        String folded = Normalizer.fold(s.substring(from, to));
        for (int k = 0; k < folded.length(); ) {
          // By code point: letters beyond the BMP (CJK Extension B, Adlam, Deseret …) are pairs.
          int cp = folded.codePointAt(k);
          int next = k + Character.charCount(cp);
          if (Character.isLetterOrDigit(cp)) {
            for (; k < next; k++) {
              append(folded.charAt(k));
            }
          }
          k = next;
        }
        if (charCount == charStart[size]) {
          continue; // only marks
        }
        hash[size] = WordTable.hash(chars, charStart[size], charCount - charStart[size]);
      }
      int f = sentence ? SENTENCE_START : 0;
      char c0 = cs[from];
      if (c0 < 0x80) {
        if (ASCII[c0] == UPPER) {
          f |= CAP;
        }
      } else {
        int first = Character.codePointAt(cs, from, n);
        if (Character.isUpperCase(first) || Character.isTitleCase(first)) {
          f |= CAP;
        }
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
      if (to + 1 < n && cs[to] == '.' && isWordStart(cs, to + 1, n)) {
        f |= JOINED_NEXT;
      }
      // Possessive: "Stripe's", "Stripe’s".
      if (i + 1 < n
          && (cs[i] == '\'' || cs[i] == '\u2019')
          && (cs[i + 1] == 's' || cs[i + 1] == 'S')
          && (i + 2 == n || !Character.isLetterOrDigit(cs[i + 2]))) {
        i += 2;
      }
      if (charCount - charStart[size] == 1
          && (f & ALPHA) != 0
          && joinsAcronym(cs, from, to, n, f)) {
        // "I.B.M.", "I. B. M.", "S.A.": one word, as "IBM" and "SA" are.
        int p = size - 1;
        int kept = flags[p] & (SENTENCE_START | CAP | ALPHA);
        boolean caps =
            (f & CAP) != 0 && (flags[p] & CAP) != 0 && (length(p) == 1 || has(p, ALL_CAPS));
        flags[p] = kept | (f & JOINED_NEXT) | (caps ? ALL_CAPS : 0);
        hash[p] = 31 * hash[p] + hash[size];
        end[p] = to;
        charStart[size] = charCount;
        acronym = p;
        sentence = false;
        continue;
      }
      // Counted for the headline test below: longer words, not at a sentence start.
      if ((f & (SENTENCE_START | ALPHA)) == ALPHA && charCount - charStart[size] >= 4) {
        longer++;
        if ((f & CAP) != 0) {
          capitalised++;
        }
      }
      finish(from, to, f);
      sentence = false;
    }
    headline = longer < 2 ? size < 6 : capitalised * 10 >= longer * 6;
  }

  private static final int AND_HASH = "and".hashCode();

  /** The word that holds the letters of a dotted acronym read so far, or -1. */
  private int acronym = -1;

  /**
   * Whether the one letter at {@code from..to} continues a dotted acronym in the word before it:
   * that word is a letter or an acronym, and a dot separates them ("I.B.M", "s.a."), or a dot and a
   * space between capitals where this letter is dotted too ("I. B. M.", not "Plan B. A plan").
   */
  private boolean joinsAcronym(char[] cs, int from, int to, int n, int f) {
    if (size == 0) {
      return false;
    }
    int p = size - 1;
    if (!has(p, ALPHA) || (length(p) != 1 && acronym != p)) {
      return false;
    }
    int gap = end[p];
    if (cs[gap] != '.') {
      return false;
    }
    if (from == gap + 1) {
      return true;
    }
    return from == gap + 2
        && cs[gap + 1] == ' '
        && (f & CAP) != 0
        && has(p, CAP)
        && (length(p) == 1 || has(p, ALL_CAPS))
        && to < n
        && cs[to] == '.';
  }

  private static boolean isWordStart(char[] cs, int i, int n) {
    char c = cs[i];
    return c < 0x80 ? ASCII[c] != 0 : Character.isLetterOrDigit(Character.codePointAt(cs, i, n));
  }

  private void begin(int from) {
    if (size == start.length) {
      int cap = size * 2;
      start = Arrays.copyOf(start, cap);
      end = Arrays.copyOf(end, cap);
      flags = Arrays.copyOf(flags, cap);
      word = Arrays.copyOf(word, cap);
      hash = Arrays.copyOf(hash, cap);
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
