package io.github.discoverysdk.matching;

import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.ProfileId;
import java.util.Arrays;

/**
 * The entries of one indexed form (a name, an alias, a domain …) of the {@link ProfileIndex}: one
 * row per slot that holds the form, with its kind and flags. Rows are kept as parallel arrays, so
 * that confirming a hit reads a few contiguous arrays rather than one scattered object per profile.
 */
class Bucket {
  /** The name without its generic words ("Acme" of "Acme Labs"). */
  static final int REDUCED = 1;

  /** A one-word name that is also a common word or a place. */
  static final int GUARDED = 2;

  /** The compact form of a multi-word name. */
  static final int SPACING = 4;

  /** A name that begins with an article ("The Economist"). */
  static final int ARTICLE_LED = 8;

  /** A name without its leading article ("Trade Desk"). */
  static final int NO_ARTICLE = 16;

  static final MatchTarget[] TARGETS = MatchTarget.values();
  static final MatchKind[] KINDS = MatchKind.values();
  private static final int[] NO_INTS = new int[0];
  private static final long[] NO_LONGS = new long[0];
  private static final ProfileId[] NO_PROFILES = new ProfileId[0];
  private static final String[] NO_TERMS = new String[0];

  int count;
  long[] keys = NO_LONGS; // Slot.key
  long[] owners = NO_LONGS; // Slot.owner
  int[] meta = NO_INTS; // flags | kind << 8 | target << 16
  ProfileId[] profiles = NO_PROFILES;
  String[] terms = NO_TERMS;

  void add(Slot slot, MatchKind kind, int flags) {
    if (count == keys.length) {
      int cap = Math.max(2, count * 2);
      keys = Arrays.copyOf(keys, cap);
      owners = Arrays.copyOf(owners, cap);
      meta = Arrays.copyOf(meta, cap);
      profiles = Arrays.copyOf(profiles, cap);
      terms = Arrays.copyOf(terms, cap);
    }
    keys[count] = slot.key;
    owners[count] = slot.owner;
    meta[count] = flags | kind.ordinal() << 8 | slot.target.ordinal() << 16;
    profiles[count] = slot.profile;
    terms[count] = slot.term;
    count++;
  }

  int flags(int k) {
    return meta[k] & 0xff;
  }

  MatchKind kind(int k) {
    return KINDS[(meta[k] >>> 8) & 0xff];
  }

  MatchTarget target(int k) {
    return TARGETS[meta[k] >>> 16];
  }

  void removeProfile(ProfileId id) {
    int kept = 0;
    for (int i = 0; i < count; i++) {
      if (!profiles[i].equals(id)) {
        keys[kept] = keys[i];
        owners[kept] = owners[i];
        meta[kept] = meta[i];
        profiles[kept] = profiles[i];
        terms[kept] = terms[i];
        kept++;
      }
    }
    Arrays.fill(profiles, kept, count, null);
    Arrays.fill(terms, kept, count, null);
    count = kept;
  }
}
