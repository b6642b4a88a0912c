package io.github.discoverysdk.matching;

import java.util.Arrays;

/**
 * Interns the folded words of every indexed term as small integers, and looks a text's word up by
 * its characters without making a string. Open addressing with linear probing. Words are never
 * removed: the vocabulary of removed profiles stays, which costs a few bytes per distinct word and
 * keeps ids stable. Not thread-safe; {@link ProfileIndex} guards it.
 */
final class WordTable {
  private String[] keys = new String[1024];
  private int[] ids = new int[1024];
  private String[] byId = new String[512];
  private int size;

  int size() {
    return size;
  }

  String word(int id) {
    return byId[id];
  }

  /** The id of a word, adding it when new. */
  int intern(String w) {
    int mask = keys.length - 1;
    int h = hash(w) & mask;
    while (keys[h] != null) {
      if (keys[h].equals(w)) {
        return ids[h];
      }
      h = (h + 1) & mask;
    }
    if (size == byId.length) {
      byId = Arrays.copyOf(byId, size * 2);
    }
    byId[size] = w;
    keys[h] = w;
    ids[h] = size;
    size++;
    if (size * 2 > keys.length) {
      grow();
    }
    return size - 1;
  }

  /** The id of a word, or -1. */
  int get(String w) {
    int mask = keys.length - 1;
    int h = hash(w) & mask;
    while (keys[h] != null) {
      if (keys[h].equals(w)) {
        return ids[h];
      }
      h = (h + 1) & mask;
    }
    return -1;
  }

  /** The id of the word spelt by {@code len} characters of {@code buf} from {@code off}, or -1. */
  int get(char[] buf, int off, int len) {
    int hc = 0;
    for (int i = 0; i < len; i++) {
      hc = 31 * hc + buf[off + i];
    }
    int mask = keys.length - 1;
    int h = spread(hc) & mask;
    String k;
    while ((k = keys[h]) != null) {
      if (k.length() == len && equal(k, buf, off, len)) {
        return ids[h];
      }
      h = (h + 1) & mask;
    }
    return -1;
  }

  private static boolean equal(String k, char[] buf, int off, int len) {
    for (int i = 0; i < len; i++) {
      if (k.charAt(i) != buf[off + i]) {
        return false;
      }
    }
    return true;
  }

  private static int hash(String w) {
    return spread(w.hashCode());
  }

  private static int spread(int h) {
    return (h ^ (h >>> 16)) * 0x9E3779B9;
  }

  private void grow() {
    String[] oldKeys = keys;
    int[] oldIds = ids;
    keys = new String[oldKeys.length * 2];
    ids = new int[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        int h = hash(oldKeys[i]) & mask;
        while (keys[h] != null) {
          h = (h + 1) & mask;
        }
        keys[h] = oldKeys[i];
        ids[h] = oldIds[i];
      }
    }
  }
}
