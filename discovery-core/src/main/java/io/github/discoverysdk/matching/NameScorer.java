package io.github.discoverysdk.matching;

import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;

/**
 * Confirms and scores the entries of a name found in the field being scanned: which rule applies
 * (structured field, exact name, alias, reduced name, near miss, spacing variant, lower case,
 * guarded common word) and with what confidence, offering each surviving entry to the scan's {@link
 * Candidates}. The scan sets the field and, for a structured name, its base confidence, rule and
 * index before it scans the field's words. Per-thread scratch of a {@link Scan}.
 */
final class NameScorer {
  static final double ORG_EXACT = 0.97;
  private static final double ORG_GENERIC = 0.95;
  private static final double ORG_ALIAS = 0.93;
  static final double PERSON_EXACT = 0.93;
  private static final double PERSON_ALIAS = 0.88;
  private static final double ORG_FUZZY = 0.68;
  static final double STRONG = 0.9;
  static final double NAME_IN_TITLE = 0.85;
  private static final double NAME_IN_TEXT = 0.8;
  private static final double ALIAS_STRONG = 0.76;
  private static final double ALIAS_IN_TITLE = 0.72;
  private static final double ALIAS_IN_TEXT = 0.7;
  private static final double REDUCED_NAME = 0.65;
  private static final double GUARDED_CAPITALIZED = 0.6;
  private static final double FUZZY = 0.6;
  private static final double SPACED = 0.62;
  private static final double LOWERCASE = 0.55;
  private static final double KEYWORD = 0.7;

  private final Tokens t;
  private final TextEvidence evidence;
  private final Candidates candidates;

  /** The field being scanned. */
  EvidenceField field;

  /** Whether the field is a structured name (an organisation or a person's employer). */
  boolean structured;

  /** A structured name's confidence when the whole name matches, its rule, and its index. */
  double structuredBase;

  String structuredRule;
  int structuredIndex;

  /** Whether the first word of a structured name is a leading article ("The Trade Desk"). */
  boolean leadingArticle;

  NameScorer(Tokens t, TextEvidence evidence, Candidates candidates) {
    this.t = t;
    this.evidence = evidence;
    this.candidates = candidates;
  }

  /** Confirms the entries of a name found at words {@code i..j} and scores each. */
  void visit(int i, int j, Bucket b, boolean fuzzed, String how) {
    Tokens tk = t;
    int n = tk.size;
    boolean suffix = evidence.legalSuffixAt(j + 1);
    boolean domain =
        tk.has(j, Tokens.JOINED_NEXT)
            && j + 1 < n
            && TextEvidence.TLDS.get(
                    tk.chars, tk.charStart[j + 1], tk.length(j + 1), tk.hash[j + 1])
                >= 0;
    boolean strong = suffix || domain;
    boolean cap = tk.has(i, Tokens.CAP) || !tk.has(i, Tokens.ALPHA);
    boolean informative = tk.hasLower && !tk.headline;
    boolean lower = tk.hasUpper && !cap;
    int guardState = 0; // 0 not computed, 1 accept with context, 2 accept capitalised, 3 reject
    boolean whole =
        structured && (i == 0 || (i == 1 && leadingArticle)) && evidence.trivialTail(j + 1);
    boolean wholeWithGeneric = whole && evidence.hasGenericTail(j + 1);
    for (int k = 0, count = b.count; k < count; k++) {
      int meta = b.meta[k];
      int flags = meta & 0xff;
      MatchKind entryKind = Bucket.KINDS[(meta >>> 8) & 0xff];
      MatchTarget target = Bucket.TARGETS[meta >>> 16];
      if (target == MatchTarget.KEYWORD) {
        if (!fuzzed && !structured) {
          candidates.offer(
              b,
              k,
              MatchKind.EXACT,
              KEYWORD,
              field,
              tk.start[i],
              tk.end[j],
              tk.text,
              true,
              "keyword");
        }
        continue;
      }
      boolean guarded = (flags & Bucket.GUARDED) != 0;
      boolean reduced = (flags & Bucket.REDUCED) != 0;
      // "the economist", "our trade desk": in lower case or in an uncased text, a name with or
      // without its leading article is likely words; its capitalised form is the evidence.
      boolean article = (flags & (Bucket.ARTICLE_LED | Bucket.NO_ARTICLE)) != 0;
      MatchKind kind = fuzzed ? MatchKind.FUZZY : entryKind;
      double conf;
      String rule;
      if (structured) {
        if (fuzzed) {
          if (guarded || !whole) {
            continue;
          }
          conf = ORG_FUZZY;
          rule = structuredRule + "-" + how;
        } else if (whole) {
          boolean alias = entryKind == MatchKind.ALIAS;
          conf = structuredBase;
          if (alias) {
            conf = structuredBase == PERSON_EXACT ? PERSON_ALIAS : ORG_ALIAS;
          } else if (wholeWithGeneric || reduced) {
            conf = structuredBase == PERSON_EXACT ? PERSON_ALIAS : ORG_GENERIC;
          }
          rule = structuredRule;
        } else {
          // The name inside a longer organisation name: "Stripe Payments Europe Ltd".
          if (guarded || reduced) {
            continue;
          }
          conf = entryKind == MatchKind.ALIAS ? ALIAS_IN_TEXT : NAME_IN_TEXT;
          rule = structuredRule + "-partial";
        }
        candidates.offer(
            b, k, kind, conf, field, structuredIndex, structuredIndex + 1, tk.text, false, rule);
        continue;
      }
      boolean inTitle = field == EvidenceField.TITLE;
      if (fuzzed) {
        if (guarded || reduced || lower) {
          continue;
        }
        // A near miss needs more than a capital: business words nearby, or a capital that is
        // not just the start of a sentence ("Nestled in the Alps" is not Nestlé).
        boolean spaced = how.equals("spacing");
        boolean capitalMeans =
            spaced
                ? tk.has(j, Tokens.CAP) && informative
                : (j > i || !tk.has(i, Tokens.SENTENCE_START)) && informative;
        if (!capitalMeans && !evidence.cueNear(i, j)) {
          continue;
        }
        conf = spaced ? SPACED : FUZZY;
        rule =
            spaced
                ? (inTitle ? "spacing-in-title" : "spacing-in-text")
                : (inTitle ? "fuzzy-in-title" : "fuzzy-in-text");
      } else if (entryKind == MatchKind.ALIAS) {
        conf =
            strong ? ALIAS_STRONG : field == EvidenceField.TITLE ? ALIAS_IN_TITLE : ALIAS_IN_TEXT;
        rule = inTitle ? "alias-in-title" : "alias-in-text";
      } else if (reduced) {
        conf = strong ? NAME_IN_TEXT : REDUCED_NAME;
        rule = "name-without-generic-words";
      } else {
        conf = strong ? STRONG : field == EvidenceField.TITLE ? NAME_IN_TITLE : NAME_IN_TEXT;
        rule =
            suffix
                ? "name-with-legal-suffix"
                : domain ? "name-as-domain" : inTitle ? "name-in-title" : "name-in-text";
      }
      if (lower && !domain) {
        // In a text that uses capitals, a name in lower case is mostly the word: "a red stripe".
        if (guarded || article || i == j) {
          continue;
        }
        conf = Math.min(conf, LOWERCASE);
        rule = "lowercase-name";
      } else if (!tk.hasUpper && !strong) {
        // No capitals anywhere: case tells nothing, so common words need business words nearby.
        if ((guarded || article) && (!evidence.cueNear(i, j) || evidence.everydaySense(i, j))) {
          continue;
        }
        conf = Math.min(conf, GUARDED_CAPITALIZED);
        rule = inTitle ? "name-in-uncased-title" : "name-in-uncased-text";
      }
      if (guarded && !strong && tk.hasUpper) {
        if (guardState == 0) {
          guardState = evidence.guard(i, j, cap, informative);
        }
        if (guardState == 3) {
          continue;
        }
        if (guardState == 2) {
          conf = Math.min(conf, GUARDED_CAPITALIZED);
          rule = "common-word-capitalized";
        } else {
          rule = rule + "-with-context";
        }
      }
      candidates.offer(b, k, kind, conf, field, tk.start[i], tk.end[j], tk.text, true, rule);
    }
  }
}
