package io.github.discoverysdk.connectors.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/**
 * Finds phone numbers with Google's libphonenumber ({@link PhoneNumberUtil#findNumbers} at {@code
 * VALID} leniency), fed only bounded pieces of the text: runs of characters a phone number can be
 * written with (digits, spaces, {@code + - . ( ) /} and their Unicode variants), holding at least
 * {@link #MIN_DIGITS} digits, cut into pieces of at most {@link #PIECE} characters that overlap by
 * {@link #OVERLAP}; a run of more than {@link #MAX_RUN} digits ends a run. Each piece gets its own
 * unlimited number of tries, so a text cannot hide a number behind many decoys (as one call's
 * {@code maxTries} would allow), and the work stays linear in the text whatever it holds.
 * Thread-safe.
 */
final class PhoneScanner {
  static final int PIECE = 1_024;
  static final int OVERLAP = 64;
  static final int MIN_DIGITS = 6;
  static final int MAX_RUN = 17;
  private static final String SEPARATORS =
      " \u00A0\u2007\u202F+-\u2010\u2011\u2012\u2013\u2014\u2015\u2212.()/[]~\uFF0D\uFF08\uFF09\uFF0B";

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final String region;

  PhoneScanner(String region) {
    this.region = region;
  }

  void phones(String s, ContactScanner.Spans out) {
    int n = s.length();
    int i = 0;
    int lastEnd = 0;
    while (i < n) {
      if (!isPhoneChar(s.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      int digits = 0;
      int run = 0;
      int runStart = i;
      while (i < n && isPhoneChar(s.charAt(i))) {
        if (Character.isDigit(s.charAt(i))) {
          if (run == 0) {
            runStart = i;
          }
          run++;
          digits++;
          if (run > MAX_RUN) {
            break;
          }
        } else {
          run = 0;
        }
        i++;
      }
      int end = i;
      if (run > MAX_RUN) {
        // Too many digits in a row for any phone number: the window ends before them.
        end = runStart;
        digits -= run;
        while (i < n && Character.isDigit(s.charAt(i))) {
          i++;
        }
      }
      if (digits >= MIN_DIGITS) {
        lastEnd = window(s, start, end, lastEnd, out);
      }
    }
  }

  /** Scans {@code [from, to)} piece by piece; returns the end of the last span reported. */
  private int window(String s, int from, int to, int lastEnd, ContactScanner.Spans out) {
    int p = from;
    while (true) {
      int end = Math.min(p + PIECE, to);
      boolean last = end == to;
      String piece = s.substring(p, end);
      for (PhoneNumberMatch m :
          util.findNumbers(piece, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
        int ms = p + m.start();
        int me = p + m.end();
        if (!last && me > end - OVERLAP) {
          break; // may be cut by the piece's end: the next piece sees it whole
        }
        if (ms >= lastEnd) {
          out.span(ms, me);
          lastEnd = me;
        }
      }
      if (last) {
        return lastEnd;
      }
      p = end - OVERLAP;
    }
  }

  private static boolean isPhoneChar(char c) {
    return Character.isDigit(c) || SEPARATORS.indexOf(c) >= 0;
  }
}
