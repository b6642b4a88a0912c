package io.github.discoverysdk.connectors.pii;

/**
 * Finds e-mail addresses, IBANs (mod-97 checked) and payment card numbers (Luhn and issuer prefix
 * checked) by hand-written scans, with no regular expression: each position of the text is looked
 * at a bounded number of times (at most a few dozen characters per candidate), so a pass is linear
 * in the text and uses constant memory beyond its output. Stateless and thread-safe.
 */
final class ContactScanner {
  static final int MAX_LOCAL = 64;
  static final int MAX_DOMAIN = 253;
  static final int MAX_IBAN = 34;
  static final int MIN_IBAN = 15;

  private ContactScanner() {}

  /** Receives each span found, in order, never overlapping. */
  interface Spans {
    void span(int start, int end);
  }

  // ---- e-mail

  static void emails(String s, Spans out) {
    int copied = 0;
    int at = s.indexOf('@');
    while (at >= 0) {
      int start = at;
      while (start > copied && at - start < MAX_LOCAL && isLocal(s.charAt(start - 1))) {
        start--;
      }
      while (start < at && s.charAt(start) == '.') {
        start++;
      }
      int end = at + 1;
      while (end < s.length() && end - at - 1 < MAX_DOMAIN && isDomain(s.charAt(end))) {
        end++;
      }
      while (end > at + 1 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == '-')) {
        end--;
      }
      if (start < at && validDomain(s, at + 1, end)) {
        out.span(start, end);
        copied = end;
        at = s.indexOf('@', end);
      } else {
        at = s.indexOf('@', at + 1);
      }
    }
  }

  private static boolean isLocal(char c) {
    return Character.isLetterOrDigit(c) || "._%+-".indexOf(c) >= 0;
  }

  private static boolean isDomain(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '-';
  }

  /** A dot after the first label and a top-level label of two or more letters. */
  private static boolean validDomain(String s, int from, int to) {
    int dot = to - 1;
    while (dot > from && s.charAt(dot) != '.') {
      dot--; // bounded by the domain's length, never past it
    }
    if (dot <= from || to - dot - 1 < 2) {
      return false;
    }
    for (int i = dot + 1; i < to; i++) {
      if (!Character.isLetter(s.charAt(i))) {
        return false;
      }
    }
    return s.charAt(from) != '.' && s.charAt(from) != '-';
  }

  // ---- IBAN

  static void ibans(String s, Spans out) {
    int n = s.length();
    int[] ends = new int[MAX_IBAN + 1];
    char[] chars = new char[MAX_IBAN];
    int i = 0;
    while (i + 4 <= n) {
      if (!ibanStart(s, i)) {
        i++;
        continue;
      }
      // Collect up to 34 upper-case letters or digits, single spaces allowed between them.
      int count = 0;
      int p = i;
      while (p < n && count < MAX_IBAN) {
        char c = s.charAt(p);
        if (isIbanChar(c)) {
          chars[count++] = c;
          ends[count] = p + 1;
          p++;
        } else if (c == ' ' && count > 0 && p + 1 < n && isIbanChar(s.charAt(p + 1))) {
          p++;
        } else {
          break;
        }
      }
      int found = 0;
      for (int k = count; k >= MIN_IBAN; k--) {
        int end = ends[k];
        if (end < n && Character.isLetterOrDigit(s.charAt(end))) {
          continue; // must end at a word boundary
        }
        if (mod97(chars, k) == 1) {
          found = end;
          break;
        }
      }
      if (found > 0) {
        out.span(i, found);
        i = found;
      } else {
        i++;
      }
    }
  }

  private static boolean ibanStart(String s, int i) {
    return isUpper(s.charAt(i))
        && isUpper(s.charAt(i + 1))
        && isDigit(s.charAt(i + 2))
        && isDigit(s.charAt(i + 3))
        && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)));
  }

  private static boolean isIbanChar(char c) {
    return isUpper(c) || isDigit(c);
  }

  /** The ISO 13616 check: the country and check digits moved to the end, letters as 10..35. */
  static int mod97(char[] chars, int k) {
    int r = 0;
    for (int j = 0; j < k; j++) {
      char c = chars[(j + 4) % k];
      if (isDigit(c)) {
        r = (r * 10 + (c - '0')) % 97;
      } else {
        r = (r * 100 + (c - 'A' + 10)) % 97;
      }
    }
    return r;
  }

  // ---- payment cards

  /**
   * Cards: 13 to 19 digits, written together or in groups separated by one space or hyphen, with a
   * known issuer prefix and a valid Luhn check digit, not glued to a letter or another digit.
   */
  static void cards(String s, Spans out) {
    int n = s.length();
    int[] digits = new int[19];
    int i = 0;
    while (i < n) {
      if (!isDigit(s.charAt(i)) || (i > 0 && Character.isLetterOrDigit(s.charAt(i - 1)))) {
        i = i > 0 && isDigit(s.charAt(i)) ? skipGroup(s, i) : i + 1;
        continue;
      }
      // i starts a group; look at most 19 digits ahead for the longest valid card.
      int count = 0;
      int best = -1;
      int p = i;
      while (p < n && count <= 19) {
        char c = s.charAt(p);
        if (isDigit(c)) {
          if (count == 19) {
            break;
          }
          digits[count++] = c - '0';
          p++;
          if ((p == n || !isDigit(s.charAt(p)))
              && count >= 13
              && (p == n || !Character.isLetter(s.charAt(p)))
              && issuer(digits, count)
              && luhn(digits, count)) {
            best = p;
          }
        } else if ((c == ' ' || c == '-') && p + 1 < n && isDigit(s.charAt(p + 1))) {
          p++;
        } else {
          break;
        }
      }
      if (best > 0) {
        out.span(i, best);
        i = best;
      } else {
        i = nextGroup(s, i);
      }
    }
  }

  /** The position after the digit group at {@code i}. */
  private static int skipGroup(String s, int i) {
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The start of the group after the one at {@code i}, or the end of the group. */
  private static int nextGroup(String s, int i) {
    int p = skipGroup(s, i);
    if (p + 1 < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '-')) {
      if (isDigit(s.charAt(p + 1))) {
        return p + 1;
      }
    }
    return p;
  }

  /**
   * Visa (13, 16 or 19 digits), Mastercard (16), American Express (15), Diners (14 to 16), JCB (16
   * to 19), Discover, UnionPay and Maestro (16 to 19): the issuer's prefix with its lengths.
   */
  static boolean issuer(int[] d, int count) {
    int two = d[0] * 10 + d[1];
    int four = two * 100 + d[2] * 10 + d[3];
    return switch (d[0]) {
      case 4 -> count == 13 || count == 16 || count == 19;
      case 5 -> two >= 51 && two <= 55 && count == 16;
      case 2 -> four >= 2221 && four <= 2720 && count == 16;
      case 3 ->
          switch (two) {
            case 34, 37 -> count == 15;
            case 30, 36, 38, 39 -> count >= 14 && count <= 16;
            case 35 -> count >= 16;
            default -> false;
          };
      case 6 -> count >= 16;
      default -> false;
    };
  }

  static boolean luhn(int[] d, int count) {
    int sum = 0;
    for (int j = 0; j < count; j++) {
      int v = d[count - 1 - j];
      if (j % 2 == 1) {
        v *= 2;
        if (v > 9) {
          v -= 9;
        }
      }
      sum += v;
    }
    return sum % 10 == 0;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
