package io.github.discoverysdk.matching;

/**
 * Finds where a text writes a stock ticker as a ticker: after an exchange and a colon ({@code
 * "NYSE: CRM"}, {@code "(NASDAQ: MDB)"}), as a cashtag ({@code "$CRM"}), or in capitals after the
 * word {@code ticker} or {@code symbol} ({@code "under the ticker CRM"}). The ordinary word ({@code
 * "the CRM market"}) is no ticker context. Reads the words and characters of {@link Tokens} and
 * keeps the span of the last context found; allocates only for a context found. Not thread-safe:
 * one per scan.
 */
final class TickerContext {
  static final int NONE = 0;
  static final int EXCHANGE = 1;
  static final int CASHTAG = 2;
  static final int WORD = 3;

  /** Longest symbol read ("BRK.B", "RDS-A"); a longer run of letters is no symbol. */
  private static final int MAX_SYMBOL = 10;

  /** Where the evidence begins: the exchange, the {@code $}, or the symbol. */
  int spanStart;

  int symbolStart;
  int symbolEnd;

  /** The kind of context that begins at word {@code i}, with its span; {@link #NONE} if none. */
  int find(Tokens tk, int i) {
    char[] s = tk.src;
    int n = tk.text.length();
    int at = tk.start[i];
    if (at > 0 && s[at - 1] == '$' && (at == 1 || !Character.isLetterOrDigit(s[at - 2]))) {
      // A cashtag: "$CRM", never an amount ("$5M") or a word in lower case.
      if (isUpper(s[at]) && symbol(s, at, n, true)) {
        spanStart = at - 1;
        return CASHTAG;
      }
      return NONE;
    }
    if ((tk.is(i, "ticker") || tk.is(i, "symbol")) && i + 1 < tk.size) {
      int j = tk.is(i + 1, "symbol") && i + 2 < tk.size ? i + 2 : i + 1;
      boolean capitals = tk.has(j, Tokens.ALL_CAPS) || (tk.length(j) == 1 && tk.has(j, Tokens.CAP));
      if (capitals && tk.start[j] - tk.end[j - 1] <= 3 && symbol(s, tk.start[j], n, true)) {
        spanStart = tk.start[j];
        return WORD;
      }
    }
    int end = tk.end[i];
    if (tk.has(i, Tokens.ALPHA) && tk.length(i) >= 2 && tk.length(i) <= 10) {
      int k = end;
      if (k < n && s[k] == ' ') {
        k++;
      }
      if (k < n && s[k] == ':') {
        k++;
        while (k < n && k - end <= 3 && s[k] == ' ') {
          k++;
        }
        if (k < n && symbol(s, k, n, false)) {
          spanStart = tk.start[i];
          return EXCHANGE;
        }
        return NONE;
      }
    }
    return NONE;
  }

  /** The symbol of the last context found, in lower case ("crm", "brk.b"). */
  String symbol(Tokens tk) {
    char[] out = new char[symbolEnd - symbolStart];
    for (int k = 0; k < out.length; k++) {
      out[k] = Character.toLowerCase(tk.src[symbolStart + k]);
    }
    return new String(out);
  }

  /**
   * Reads a symbol from {@code from}: letters and digits, with single inner dots or hyphens, at
   * most {@link #MAX_SYMBOL} long and not followed by another letter or digit; in capitals when
   * {@code capitals}.
   */
  private boolean symbol(char[] s, int from, int n, boolean capitals) {
    int k = from;
    while (k < n && k - from <= MAX_SYMBOL) {
      char c = s[k];
      if (isAlnum(c)) {
        if (capitals && c >= 'a' && c <= 'z') {
          return false;
        }
        k++;
      } else if ((c == '.' || c == '-') && k > from && k + 1 < n && isAlnum(s[k + 1])) {
        k++;
      } else {
        break;
      }
    }
    if (k == from || k - from > MAX_SYMBOL || (k < n && Character.isLetterOrDigit(s[k]))) {
      return false;
    }
    symbolStart = from;
    symbolEnd = k;
    return true;
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || isUpper(c) || (c >= '0' && c <= '9');
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
