package io.github.discoverysdk.matching;

import java.util.Collection;

/**
 * What the words around a name found in a text say about it: a legal form or a domain after it,
 * business words nearby, an everyday sense ("Apple pie"), another proper noun around it ("Times
 * Square"), or words that add nothing to it. Decides whether a name that is also a common word is
 * meant as a name. Reads the tokens of the field being scanned; per-thread scratch of a {@link
 * Scan}.
 */
final class TextEvidence {
  static final WordTable CUES = table(Lexicon.CUES);
  private static final WordTable GENERIC_WORDS = table(Lexicon.GENERIC);
  static final WordTable COMMON_WORDS = table(Lexicon.COMMON);
  private static final WordTable SUFFIXES = table(Normalizer.LEGAL_SUFFIXES);
  static final WordTable ARTICLES = table(Lexicon.ARTICLES);
  static final WordTable TLDS =
      table(
          java.util.Set.of(
              "com", "io", "ai", "net", "org", "co", "app", "dev", "tech", "de", "uk", "fr", "eu",
              "nl", "ch", "se", "es", "it", "us", "ca", "au", "jp", "in", "cloud", "inc"));

  private final Tokens t;
  private final char[] suffixChars = new char[3];

  TextEvidence(Tokens t) {
    this.t = t;
  }

  /** 1: business words nearby; 2: capitalised mid-sentence only; 3: reject. */
  int guard(int i, int j, boolean cap, boolean informative) {
    Tokens tk = t;
    if (!cap) {
      return 3;
    }
    if (informative && properNounAround(i, j)) {
      return 3;
    }
    if (everydaySense(i, j)) {
      return 3;
    }
    if (cueNear(i, j)) {
      return 1;
    }
    boolean acronym = tk.has(i, Tokens.ALL_CAPS) && tk.hasLower;
    if (informative && (!tk.has(i, Tokens.SENTENCE_START) || acronym)) {
      return 2;
    }
    return 3;
  }

  /** "Apple pie", "Visa application": a word nearby shows the everyday sense of the name. */
  boolean everydaySense(int i, int j) {
    java.util.Set<String> senses = Lexicon.SENSES.get(t.word(i));
    if (senses == null) {
      return false;
    }
    for (int k = Math.max(0, i - 3); k <= Math.min(t.size - 1, j + 3); k++) {
      if ((k < i || k > j) && senses.contains(t.word(k))) {
        return true;
      }
    }
    return false;
  }

  /** "Times Square", "Big Apple", "Shell Beach": the name is part of another proper noun. */
  private boolean properNounAround(int i, int j) {
    Tokens tk = t;
    if (i > 0
        && !tk.has(i, Tokens.SENTENCE_START)
        && tk.has(i - 1, Tokens.CAP)
        && tk.has(i - 1, Tokens.ALPHA)
        && onlySpaces(tk.end[i - 1], tk.start[i])
        && !isCue(i - 1)) {
      return true;
    }
    int k = j + 1;
    return k < tk.size
        && tk.has(k, Tokens.CAP)
        && tk.has(k, Tokens.ALPHA)
        && !tk.has(k, Tokens.SENTENCE_START)
        && onlySpaces(tk.end[j], tk.start[k])
        && !isCue(k)
        && GENERIC_WORDS.get(tk.chars, tk.charStart[k], tk.length(k), tk.hash[k]) < 0
        && SUFFIXES.get(tk.chars, tk.charStart[k], tk.length(k), tk.hash[k]) < 0;
  }

  private boolean onlySpaces(int from, int to) {
    for (int k = from; k < to; k++) {
      if (t.src[k] != ' ') {
        return false;
      }
    }
    return true;
  }

  boolean cueNear(int i, int j) {
    int from = Math.max(0, i - 6);
    int to = Math.min(t.size - 1, j + 6);
    for (int k = from; k <= to; k++) {
      if ((k < i || k > j) && isCue(k)) {
        return true;
      }
    }
    return false;
  }

  private boolean isCue(int k) {
    return CUES.get(t.chars, t.charStart[k], t.length(k), t.hash[k]) >= 0;
  }

  /** A legal form right after the name: "Apple Inc.", "Nestlé S.A.", "Maersk A/S". */
  boolean legalSuffixAt(int k) {
    Tokens tk = t;
    if (k >= tk.size || !onlySpacesOrComma(tk.end[k - 1], tk.start[k])) {
      return false;
    }
    int len = tk.length(k);
    if (len == 1) {
      // Dotted or slashed forms arrive as one-letter words: S.A., N.V., A/S, S.p.A.
      char[] joined = suffixChars;
      int n = 0;
      for (int m = k; m < tk.size && m < k + 3 && tk.length(m) == 1; m++) {
        joined[n++] = tk.chars[tk.charStart[m]];
        if (n >= 2 && SUFFIXES.get(joined, 0, n) >= 0 && tk.has(k, Tokens.CAP)) {
          return true;
        }
      }
      return false;
    }
    if (SUFFIXES.get(tk.chars, tk.charStart[k], len, tk.hash[k]) < 0) {
      return false;
    }
    // "as", "co", "company" … are words too: only a capitalised form counts, but for the
    // abbreviations nobody writes otherwise.
    return tk.has(k, Tokens.CAP)
        || tk.is(k, "inc")
        || tk.is(k, "ltd")
        || tk.is(k, "llc")
        || tk.is(k, "plc");
  }

  private boolean onlySpacesOrComma(int from, int to) {
    for (int k = from; k < to; k++) {
      char c = t.src[k];
      if (c != ' ' && c != ',') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the words from {@code k} on add nothing to a name: legal forms, TLDs, generic words,
   * places.
   */
  boolean trivialTail(int k) {
    Tokens tk = t;
    for (int m = k; m < tk.size; m++) {
      int off = tk.charStart[m];
      int len = tk.length(m);
      if (len == 1
          || tk.is(m, "and")
          || SUFFIXES.get(tk.chars, off, len, tk.hash[m]) >= 0
          || TLDS.get(tk.chars, off, len, tk.hash[m]) >= 0
          || GENERIC_WORDS.get(tk.chars, off, len, tk.hash[m]) >= 0
          || Taxonomy.region(tk.word(m)).isPresent()) {
        continue;
      }
      return false;
    }
    return true;
  }

  boolean hasGenericTail(int k) {
    Tokens tk = t;
    for (int m = k; m < tk.size; m++) {
      if (GENERIC_WORDS.get(tk.chars, tk.charStart[m], tk.length(m), tk.hash[m]) >= 0
          || Taxonomy.region(tk.word(m)).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private static WordTable table(Collection<String> ws) {
    WordTable t = new WordTable();
    for (String w : ws) {
      t.intern(w);
    }
    return t;
  }
}
