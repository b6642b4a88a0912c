package io.github.discoverysdk.matching;

import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.ProfileId;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The best evidence per profile term found by one scan of a signal, and the scan's result. A slot's
 * candidate is replaced only by higher confidence; candidates live in an open-addressing table
 * keyed by {@link Slot#key}, and are grouped by profile at the end. Per-thread scratch of a {@link
 * Scan}: its arrays and candidates are reused from one signal to the next.
 */
final class Candidates {
  /** The best candidate of one slot so far. */
  private static final class Candidate {
    long key; // Slot.key: which slot
    long owner;
    MatchTarget target;
    ProfileId profile;
    String term;
    MatchKind kind;
    double confidence;
    EvidenceField field;
    int start;
    int end;
    String rule;
    String source; // the field's text (matchedText = source[start, end)) or the matched text
    boolean span;
    int pos; // where the candidate table points at it
    int next; // the next candidate of the same profile, or -1
  }

  /** The best candidate per slot, in the order the slots were first offered. */
  Candidate[] best = new Candidate[64];

  int used;

  /** Open addressing from {@link Slot#key} to 1 + the candidate's index in {@link #best}. */
  int[] table = new int[128];

  /** Per profile group of result(): its first and last candidate, and the owner table. */
  int[] groupFirst = new int[64];

  int[] groupLast = new int[64];
  int[] owners = new int[128];
  final Match.Builder builder = Match.builder();
  Match[] matches = new Match[4];

  /** Forgets the candidates of the last scan, keeping the arrays for the next. */
  void clear() {
    for (int k = 0; k < used; k++) {
      Candidate c = best[k];
      table[c.pos] = 0;
      c.profile = null;
      c.term = null;
      c.source = null;
      c.rule = null;
    }
    used = 0;
  }

  /** Offers every entry of the bucket under {@code key}, if any, with its own kind. */
  void keyed(
      Map<String, Bucket> map,
      String key,
      double confidence,
      EvidenceField f,
      int start,
      int end,
      String matched,
      String rule) {
    Bucket b = map.get(key);
    if (b == null) {
      return;
    }
    for (int k = 0; k < b.count; k++) {
      offer(b, k, b.kind(k), confidence, f, start, end, matched, false, rule);
    }
  }

  /** Keeps the evidence for the entry's slot if it beats the slot's best so far. */
  void offer(
      Bucket b,
      int k,
      MatchKind kind,
      double confidence,
      EvidenceField f,
      int start,
      int end,
      String source,
      boolean span,
      String rule) {
    int[] tab = table;
    int mask = tab.length - 1;
    long key = b.keys[k];
    int h = mix(key) & mask;
    Candidate c;
    int at;
    while ((at = tab[h]) != 0) {
      c = best[at - 1];
      if (c.key == key) {
        if (c.confidence >= confidence) {
          return;
        }
        set(c, kind, confidence, f, start, end, source, span, rule);
        return;
      }
      h = (h + 1) & mask;
    }
    if (used == best.length) {
      best = Arrays.copyOf(best, used * 2);
    }
    c = best[used];
    if (c == null) {
      c = new Candidate();
      best[used] = c;
    }
    c.key = key;
    c.owner = b.owners[k];
    c.target = Bucket.TARGETS[b.meta[k] >>> 16];
    c.profile = b.profiles[k];
    c.term = b.terms[k];
    c.pos = h;
    tab[h] = ++used;
    set(c, kind, confidence, f, start, end, source, span, rule);
    if (used * 2 > tab.length) {
      growTable();
    }
  }

  private void set(
      Candidate c,
      MatchKind kind,
      double confidence,
      EvidenceField f,
      int start,
      int end,
      String source,
      boolean span,
      String rule) {
    c.kind = kind;
    c.confidence = confidence;
    c.field = f;
    c.start = start;
    c.end = end;
    c.source = source;
    c.span = span;
    c.rule = rule;
  }

  private void growTable() {
    int[] tab = new int[table.length * 2];
    int mask = tab.length - 1;
    for (int k = 0; k < used; k++) {
      Candidate c = best[k];
      int h = mix(c.key) & mask;
      while (tab[h] != 0) {
        h = (h + 1) & mask;
      }
      tab[h] = k + 1;
      c.pos = h;
    }
    table = tab;
  }

  /** The best candidates grouped by profile, as {@link ProfileIndex#match} returns them. */
  Map<ProfileId, List<Match>> result() {
    int n = used;
    if (n == 0) {
      return Map.of();
    }
    // Group the candidates by profile, profiles in the order of their first candidate and each
    // profile's matches in the order of their slots' first offer.
    int ownerCap = Integer.highestOneBit(Math.max(n, 8) * 4 - 1);
    if (owners.length < ownerCap) {
      owners = new int[ownerCap];
    } else {
      Arrays.fill(owners, 0, ownerCap, 0);
    }
    if (groupFirst.length < n) {
      groupFirst = new int[Math.max(n, groupFirst.length * 2)];
      groupLast = new int[groupFirst.length];
    }
    int[] own = owners;
    int mask = ownerCap - 1;
    int groups = 0;
    for (int k = 0; k < n; k++) {
      Candidate c = best[k];
      c.next = -1;
      long owner = c.owner;
      int h = mix(owner) & mask;
      int at;
      while ((at = own[h]) != 0 && best[groupFirst[at - 1]].owner != owner) {
        h = (h + 1) & mask;
      }
      if (at == 0) {
        groupFirst[groups] = k;
        groupLast[groups] = k;
        own[h] = ++groups;
      } else {
        best[groupLast[at - 1]].next = k;
        groupLast[at - 1] = k;
      }
    }
    Map<ProfileId, List<Match>> out = new LinkedHashMap<>((int) (groups / 0.75f) + 1);
    String lastSource = null;
    int lastStart = -1;
    int lastEnd = -1;
    String lastMatched = null;
    Match[] ms = matches;
    for (int g = 0; g < groups; g++) {
      int count = 0;
      for (int k = groupFirst[g]; k >= 0; k = best[k].next) {
        Candidate c = best[k];
        String matched;
        if (!c.span) {
          matched = c.source;
        } else if (c.source == lastSource && c.start == lastStart && c.end == lastEnd) {
          matched = lastMatched; // the same span found for another profile
        } else {
          matched = c.source.substring(c.start, c.end);
          lastSource = c.source;
          lastStart = c.start;
          lastEnd = c.end;
          lastMatched = matched;
        }
        Match m =
            builder
                .target(c.target)
                .kind(c.kind)
                .term(c.term)
                .matchedText(matched)
                .confidence(c.confidence)
                .field(c.field)
                .start(c.start)
                .end(c.end)
                .rule(c.rule)
                .build();
        if (count == ms.length) {
          ms = Arrays.copyOf(ms, count * 2);
          matches = ms;
        }
        ms[count++] = m;
      }
      List<Match> list =
          count == 1
              ? List.of(ms[0])
              : count == 2 ? List.of(ms[0], ms[1]) : List.of(Arrays.copyOf(ms, count));
      out.put(best[groupFirst[g]].profile, list);
    }
    Arrays.fill(ms, null);
    return Collections.unmodifiableMap(out);
  }

  private static int mix(long key) {
    int k = (int) (key ^ (key >>> 32));
    return (k * 0x9E3779B9) ^ (k >>> 16);
  }
}
