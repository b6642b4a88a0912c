package io.github.discoverysdk.matching;

import java.util.Arrays;

/**
 * Interns the folded words of every indexed term as small integers, and looks a text's word up by
 * its characters without making a string. Open addressing with linear probing over one {@code long}
 * array: each slot packs the word's full hash with its id, so that a probe compares integers and
 * only a matching hash compares characters. The hash is {@link String#hashCode()}'s, which lets
 * {@link Tokens} compute it while it folds a word. Words are never removed: the vocabulary of
 * removed profiles stays, which costs a few bytes per distinct word and keeps ids stable. Not
 * thread-safe; {@link ProfileIndex} guards it.
 */
final class WordTable {
  /** {@code hash << 32 | (id + 1)}; 0 is an empty slot. */
  private long[] slots = new long[1024];

  private int shift = 32 - 10;

  /**
   * One bit per word's hash, four bits per slot (so at least eight per word): most lookups of
   * absent words (joined pairs of text words, say) end here, in an array a sixteenth the size of
   * the slots that stays in cache, rather than in a probe of the slots.
   */
  private long[] filter = new long[1024 / 16];

  private int filterShift = 32 - 12;

  private String[] byId = new String[512];
  private char[][] charsById = new char[512][];
  private int size;

  int size() {
    return size;
  }

  String word(int id) {
    return byId[id];
  }

  /** The id of a word, adding it when new. */
  int intern(String w) {
    char[] c = w.toCharArray();
    int hc = w.hashCode();
    int found = get(c, 0, c.length, hc);
    if (found >= 0) {
      return found;
    }
    if (size == byId.length) {
      byId = Arrays.copyOf(byId, size * 2);
      charsById = Arrays.copyOf(charsById, size * 2);
    }
    int id = size++;
    byId[id] = w;
    charsById[id] = c;
    place(slots, hc, id);
    mark(hc);
    if (size * 2 > slots.length) {
      grow();
    }
    return id;
  }

  /** The id of the word spelt by {@code len} characters of {@code buf} from {@code off}, or -1. */
  int get(char[] buf, int off, int len) {
    return get(buf, off, len, hash(buf, off, len));
  }

  /**
   * The id of the word spelt by {@code len} characters of {@code buf} from {@code off}, whose
   * {@link #hash} is {@code hc}, or -1.
   */
  int get(char[] buf, int off, int len, int hc) {
    int bit = (hc * 0x2545F491) >>> filterShift;
    if ((filter[bit >>> 6] & (1L << bit)) == 0) {
      return -1;
    }
    long[] s = slots;
    int mask = s.length - 1;
    int h = index(hc, shift);
    long v;
    while ((v = s[h]) != 0) {
      if ((int) (v >>> 32) == hc) {
        int id = (int) v - 1;
        char[] k = charsById[id];
        if (k.length == len && equal(k, buf, off, len)) {
          return id;
        }
      }
      h = (h + 1) & mask;
    }
    return -1;
  }

  private static boolean equal(char[] k, char[] buf, int off, int len) {
    for (int i = 0; i < len; i++) {
      if (k[i] != buf[off + i]) {
        return false;
      }
    }
    return true;
  }

  /** {@link String#hashCode()} of the characters, without making the string. */
  static int hash(char[] buf, int off, int len) {
    int hc = 0;
    for (int i = off, end = off + len; i < end; i++) {
      hc = 31 * hc + buf[i];
    }
    return hc;
  }

  private void mark(int hc) {
    int bit = (hc * 0x2545F491) >>> filterShift;
    filter[bit >>> 6] |= 1L << bit;
  }

  /** Fibonacci hashing: the top bits of the product depend on every bit of the hash. */
  private static int index(int hc, int shift) {
    return ((hc ^ (hc >>> 16)) * 0x9E3779B9) >>> shift;
  }

  private void place(long[] s, int hc, int id) {
    int mask = s.length - 1;
    int h = index(hc, shift);
    while (s[h] != 0) {
      h = (h + 1) & mask;
    }
    s[h] = ((long) hc << 32) | (id + 1L);
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    shift--;
    filter = new long[slots.length / 16];
    filterShift--;
    for (long v : old) {
      if (v != 0) {
        place(slots, (int) (v >>> 32), (int) v - 1);
        mark((int) (v >>> 32));
      }
    }
  }
}
