package io.github.discoverysdk.connectors.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds job titles among a text's tokens: a head ("Chief", "VP", "Head", "Director", "CEO"...)
 * followed by title words and joiners ("Vice President of Sales and Marketing, EMEA"). A title must
 * hold a core word (an officer acronym, chief, president, director, head of, founder, manager,
 * partner, counsel...), so that "Senior" or "General" alone is none. Linear in the tokens.
 */
final class Titles {
  /** A title over tokens {@code [from, to)}. */
  record Span(int from, int to) {}

  /** Most tokens of one title. */
  static final int MAX_TOKENS = 12;

  private static final Set<String> CORE =
      Set.of(
          "ceo",
          "cfo",
          "cto",
          "coo",
          "cro",
          "cmo",
          "cio",
          "ciso",
          "cpo",
          "chro",
          "cco",
          "cdo",
          "cso",
          "cao",
          "vp",
          "svp",
          "evp",
          "avp",
          "chief",
          "president",
          "director",
          "founder",
          "co-founder",
          "cofounder",
          "chairman",
          "chairwoman",
          "chair",
          "manager",
          "partner",
          "counsel",
          "officer",
          "lead",
          "engineer",
          "gm",
          "md",
          "treasurer",
          "controller",
          "architect",
          "scientist",
          "analyst",
          "representative",
          "producer");

  /** Heads accepted in lower case too ("the company's chief executive officer"). */
  private static final Set<String> LOWER_HEADS =
      Set.of("chief", "vice", "head", "co-founder", "founder", "director", "general");

  private Titles() {}

  static List<Span> find(List<Tok> toks) {
    List<Span> out = new ArrayList<>();
    int n = toks.size();
    int i = 0;
    int lastEnd = 0;
    while (i < n) {
      int end = titleAt(toks, i);
      if (end > i) {
        // "Global Head of Partnerships", "Country Manager": capitalised title words before a head.
        int from = i;
        while (from > lastEnd
            && from > i - 3
            && toks.get(from - 1).capitalised()
            && EntityLexicon.TITLE_WORDS.contains(toks.get(from - 1).lower())) {
          from--;
        }
        out.add(new Span(from, end));
        lastEnd = end;
        i = end;
      } else {
        i++;
      }
    }
    return out;
  }

  /** The end of a title starting at token {@code i}, or {@code i} when none starts there. */
  static int titleAt(List<Tok> toks, int i) {
    Tok head = toks.get(i);
    String h = head.lower();
    if (!head.word() || !EntityLexicon.TITLE_HEADS.contains(h)) {
      return i;
    }
    if (!head.capitalised() && !LOWER_HEADS.contains(h)) {
      return i;
    }
    boolean lowerCase = !head.capitalised();
    int n = toks.size();
    int end = i + 1;
    int j = i + 1;
    while (j < n && j - i < MAX_TOKENS) {
      Tok t = toks.get(j);
      String w = t.lower();
      if (EntityLexicon.TITLE_WORDS.contains(w)
          && t.word()
          && (lowerCase || t.capitalised() || EntityLexicon.TITLE_HEADS.contains(w))) {
        end = j + 1;
        j++;
      } else if (EntityLexicon.TITLE_JOINERS.contains(w)
          && j + 1 < n
          && EntityLexicon.TITLE_WORDS.contains(toks.get(j + 1).lower())
          && (w.equals(",")
              ? isRegion(toks.get(j + 1)) || toks.get(j + 1).capitalised()
              : lowerCase
                  || toks.get(j + 1).capitalised()
                  || EntityLexicon.TITLE_HEADS.contains(toks.get(j + 1).lower()))) {
        j++;
      } else {
        break;
      }
    }
    if (!hasCore(toks, i, end)) {
      return i;
    }
    return end;
  }

  private static boolean isRegion(Tok t) {
    return Set.of("emea", "apac", "americas", "europe", "dach", "nordics", "latam", "uk", "us")
        .contains(t.lower());
  }

  private static boolean hasCore(List<Tok> toks, int from, int to) {
    for (int k = from; k < to; k++) {
      String w = toks.get(k).lower();
      if (w.equals("head")) {
        if (k + 1 < to && toks.get(k + 1).lower().equals("of")) {
          return true;
        }
      } else if (w.equals("vice")) {
        if (k + 1 < to && toks.get(k + 1).lower().equals("president")) {
          return true;
        }
      } else if (CORE.contains(w)) {
        return true;
      }
    }
    return false;
  }
}
