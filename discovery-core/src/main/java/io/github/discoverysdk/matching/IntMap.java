package io.github.discoverysdk.matching;

/**
 * A map from non-negative int keys to objects, open addressing with linear probing and
 * backward-shift deletion: no boxing on the hot path of the trie walk. Not thread-safe.
 */
final class IntMap<V> {
  private int[] keys;
  private Object[] values;
  private int size;

  IntMap(int expected) {
    int cap = 4;
    while (cap < expected * 2) {
      cap <<= 1;
    }
    keys = new int[cap];
    values = new Object[cap];
    java.util.Arrays.fill(keys, -1);
  }

  int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  V get(int key) {
    int mask = keys.length - 1;
    int h = mix(key) & mask;
    int k;
    while ((k = keys[h]) != -1) {
      if (k == key) {
        return (V) values[h];
      }
      h = (h + 1) & mask;
    }
    return null;
  }

  void put(int key, V value) {
    int mask = keys.length - 1;
    int h = mix(key) & mask;
    while (keys[h] != -1) {
      if (keys[h] == key) {
        values[h] = value;
        return;
      }
      h = (h + 1) & mask;
    }
    keys[h] = key;
    values[h] = value;
    if (++size * 2 > keys.length) {
      grow();
    }
  }

  void remove(int key) {
    int mask = keys.length - 1;
    int h = mix(key) & mask;
    while (keys[h] != -1) {
      if (keys[h] == key) {
        // Backward-shift deletion keeps probe sequences intact without tombstones.
        int hole = h;
        int j = (h + 1) & mask;
        while (keys[j] != -1) {
          int ideal = mix(keys[j]) & mask;
          if (((j - ideal) & mask) >= ((j - hole) & mask)) {
            keys[hole] = keys[j];
            values[hole] = values[j];
            hole = j;
          }
          j = (j + 1) & mask;
        }
        keys[hole] = -1;
        values[hole] = null;
        size--;
        return;
      }
      h = (h + 1) & mask;
    }
  }

  private static int mix(int k) {
    return k * 0x9E3779B9 ^ (k >>> 16);
  }

  private void grow() {
    int[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new int[oldKeys.length * 2];
    values = new Object[oldKeys.length * 2];
    java.util.Arrays.fill(keys, -1);
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != -1) {
        int h = mix(oldKeys[i]) & mask;
        while (keys[h] != -1) {
          h = (h + 1) & mask;
        }
        keys[h] = oldKeys[i];
        values[h] = oldValues[i];
      }
    }
  }
}
