package io.github.discoverysdk.matching;

import java.util.Arrays;

/**
 * Near-miss matching of single words: a deletion neighbourhood (every form of a name word with one
 * character deleted, hashed) finds candidate words for a misspelt text word by lookups only, and a
 * bounded Damerau-Levenshtein distance and Jaro-Winkler similarity confirm them. Cost per text word
 * is its length in hash lookups, whatever the number of indexed words. Not thread-safe for updates;
 * {@link ProfileIndex} guards it, and lookups only read.
 */
final class Fuzzy {
  /** Shortest name word that may be matched fuzzily: shorter words have too many neighbours. */
  static final int MIN_LENGTH = 6;

  private long[] keys = new long[1024];
  private int[][] values = new int[1024][];
  private int size;

  /** The longest word ever registered: a text word longer by more than 2 has no near miss. */
  private int longest;

  /** Registers a name word's deletion neighbourhood. */
  void add(String w, int id) {
    longest = Math.max(longest, w.length());
    char[] c = w.toCharArray();
    put(hash(c, 0, c.length, -1), id);
    for (int skip = 0; skip < c.length; skip++) {
      put(hash(c, 0, c.length, skip), id);
    }
  }

  /** Unregisters a name word's deletion neighbourhood. */
  void remove(String w, int id) {
    char[] c = w.toCharArray();
    drop(hash(c, 0, c.length, -1), id);
    for (int skip = 0; skip < c.length; skip++) {
      drop(hash(c, 0, c.length, skip), id);
    }
  }

  /**
   * The id of the closest registered word to the text word, within the allowed distance (1, or 2
   * for words of 9 letters or more), or -1. Plurals ("Snowflakes") and words that merely add {@code
   * s} are not typos and are refused. Costs at most the square of the longest registered word's
   * length, however long the text word.
   */
  int closest(char[] buf, int off, int len, WordTable words) {
    if (len > longest + 2) {
      // Farther than any allowed distance from every registered word; and the neighbourhood of a
      // long text word costs the square of its length (a megabyte-long word took hours).
      return -1;
    }
    int best = -1;
    int bestDistance = Integer.MAX_VALUE;
    double bestSimilarity = 0;
    for (int skip = -1; skip < len; skip++) {
      int[] ids = get(hash(buf, off, len, skip));
      if (ids == null) {
        continue;
      }
      for (int id : ids) {
        if (id == best) {
          continue;
        }
        String w = words.word(id);
        int max = w.length() >= 9 ? 2 : 1;
        if (Math.abs(w.length() - len) > max
            || w.charAt(0) != buf[off]
            || isPlural(buf, off, len, w)) {
          continue;
        }
        int d = distance(buf, off, len, w, max);
        if (d > max) {
          continue;
        }
        double sim = jaroWinkler(buf, off, len, w);
        if (d < bestDistance || (d == bestDistance && sim > bestSimilarity)) {
          best = id;
          bestDistance = d;
          bestSimilarity = sim;
        }
      }
    }
    return best;
  }

  private static boolean isPlural(char[] buf, int off, int len, String w) {
    int extra = len - w.length();
    if (extra < 1 || extra > 2 || buf[off + len - 1] != 's') {
      return false;
    }
    for (int i = 0; i < w.length(); i++) {
      if (buf[off + i] != w.charAt(i)) {
        return false;
      }
    }
    return extra == 1 || buf[off + len - 2] == 'e';
  }

  /**
   * Optimal-string-alignment distance (Levenshtein with adjacent transpositions) between the text
   * word and {@code w}, or {@code max + 1} as soon as it must exceed {@code max}. Only the diagonal
   * band of width {@code 2 * max + 1} is computed (a cell farther from the diagonal is farther than
   * {@code max}), so the cost is linear in the words' length.
   */
  static int distance(char[] a, int off, int n, String b, int max) {
    int m = b.length();
    if (Math.abs(n - m) > max) {
      return max + 1;
    }
    int over = max + 1;
    int[] prev2 = new int[m + 1];
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = Math.min(j, over);
    }
    for (int i = 1; i <= n; i++) {
      int lo = Math.max(1, i - max);
      int hi = Math.min(m, i + max);
      // The cells just outside the band stand for everything beyond it: more than max.
      cur[lo - 1] = lo == 1 ? Math.min(i, over) : over;
      if (hi < m) {
        cur[hi + 1] = over;
      }
      int rowMin = cur[lo - 1];
      char ca = a[off + i - 1];
      for (int j = lo; j <= hi; j++) {
        char cb = b.charAt(j - 1);
        int cost = ca == cb ? 0 : 1;
        int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a[off + i - 2] == cb) {
          v = Math.min(v, prev2[j - 2] + 1);
        }
        cur[j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > max) {
        return max + 1;
      }
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[m], max + 1);
  }

  /** Jaro-Winkler similarity in 0..1 (prefix scale 0.1, up to 4 characters). */
  static double jaroWinkler(char[] a, int off, int n, String b) {
    int m = b.length();
    if (n == 0 || m == 0) {
      return 0;
    }
    int window = Math.max(0, Math.max(n, m) / 2 - 1);
    boolean[] aMatched = new boolean[n];
    boolean[] bMatched = new boolean[m];
    int matches = 0;
    for (int i = 0; i < n; i++) {
      int lo = Math.max(0, i - window);
      int hi = Math.min(m - 1, i + window);
      for (int j = lo; j <= hi; j++) {
        if (!bMatched[j] && a[off + i] == b.charAt(j)) {
          aMatched[i] = true;
          bMatched[j] = true;
          matches++;
          break;
        }
      }
    }
    if (matches == 0) {
      return 0;
    }
    int transpositions = 0;
    int j = 0;
    for (int i = 0; i < n; i++) {
      if (aMatched[i]) {
        while (!bMatched[j]) {
          j++;
        }
        if (a[off + i] != b.charAt(j)) {
          transpositions++;
        }
        j++;
      }
    }
    double mm = matches;
    double jaro = (mm / n + mm / m + (mm - transpositions / 2.0) / mm) / 3;
    int prefix = 0;
    while (prefix < Math.min(4, Math.min(n, m)) && a[off + prefix] == b.charAt(prefix)) {
      prefix++;
    }
    return jaro + prefix * 0.1 * (1 - jaro);
  }

  /** FNV-1a over the word with the character at {@code skip} left out (none when -1). */
  static long hash(char[] c, int off, int len, int skip) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < len; i++) {
      if (i != skip) {
        h ^= c[off + i];
        h *= 0x100000001b3L;
      }
    }
    // A word and another word's deletion share one hash space: "databriks" is "databricks" less
    // one letter, and the text word itself is looked up among the deletions.
    return h;
  }

  private int[] get(long key) {
    int mask = keys.length - 1;
    int h = (int) (key ^ (key >>> 32)) & mask;
    while (values[h] != null) {
      if (keys[h] == key) {
        return values[h];
      }
      h = (h + 1) & mask;
    }
    return null;
  }

  private void put(long key, int id) {
    int mask = keys.length - 1;
    int h = (int) (key ^ (key >>> 32)) & mask;
    while (values[h] != null) {
      if (keys[h] == key) {
        int[] v = values[h];
        for (int x : v) {
          if (x == id) {
            return;
          }
        }
        int[] grown = Arrays.copyOf(v, v.length + 1);
        grown[v.length] = id;
        values[h] = grown;
        return;
      }
      h = (h + 1) & mask;
    }
    keys[h] = key;
    values[h] = new int[] {id};
    if (++size * 2 > keys.length) {
      grow();
    }
  }

  private void drop(long key, int id) {
    int mask = keys.length - 1;
    int h = (int) (key ^ (key >>> 32)) & mask;
    while (values[h] != null) {
      if (keys[h] == key) {
        int[] v = values[h];
        int[] kept = new int[v.length];
        int n = 0;
        for (int x : v) {
          if (x != id) {
            kept[n++] = x;
          }
        }
        // An empty array stays as a tombstone-free placeholder: probing continues past it.
        values[h] = Arrays.copyOf(kept, n);
        return;
      }
      h = (h + 1) & mask;
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    int[][] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2][];
    size = 0;
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != null && oldValues[i].length > 0) {
        int h = (int) (oldKeys[i] ^ (oldKeys[i] >>> 32)) & mask;
        while (values[h] != null) {
          h = (h + 1) & mask;
        }
        keys[h] = oldKeys[i];
        values[h] = oldValues[i];
        size++;
      }
    }
  }
}
