package io.github.discoverysdk.connectors.text;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The title and employer a sentence gives a person found at tokens {@code [from, to)}: "Acme CEO
 * Jane Doe", "Acme's CFO Jane Doe", "Jane Doe, VP Sales at Acme", "Jane Doe (CTO, Acme)",
 * "appointed Jane Doe as its new CFO", "Jane Doe joins Acme as Head of People", "named Jane Doe
 * Chief Revenue Officer", "Jane Doe is the CEO of Acme". Bounded look-around: a few tokens each
 * side.
 */
record TitleAndEmployer(Optional<String> title, Optional<String> employer) {
  private static final Set<String> DETERMINERS =
      Set.of(
          "its",
          "the",
          "our",
          "a",
          "an",
          "new",
          "interim",
          "acting",
          "their",
          "his",
          "her",
          "former",
          "now",
          "also",
          "currently");
  private static final Set<String> MADE = Set.of("promoted", "appointed", "named", "elected");
  private static final Set<String> LINKS = Set.of("as", "to");
  private static final Set<String> JOINS = Set.of("joins", "joined", "join", "rejoins");
  private static final Set<String> BE = Set.of("is", "was", "becomes", "became", "serves");
  private static final Set<String> AUX = Set.of("has", "will", "have", "had");
  private static final Set<String> OF = Set.of("at", "of", ",", "@", "for");

  static TitleAndEmployer find(
      String text,
      List<Tok> toks,
      int from,
      int to,
      Titles.Span[] titleStartingAt,
      Titles.Span[] titleEndingAt,
      Cand[] candStartingAt,
      Cand[] candEndingAt) {
    int n = toks.size();
    Titles.Span before = titleEndingAt[from];
    if (before != null) {
      return new TitleAndEmployer(
          Optional.of(spanText(text, toks, before)),
          orgEndingAt(text, candEndingAt, before.from())
              .or(() -> employerAfter(text, toks, to, candStartingAt)));
    }
    int j = to;
    if (j >= n) {
      return none();
    }
    String w = toks.get(j).lower();
    Titles.Span title = null;
    Optional<String> employer = Optional.empty();
    int direct = skipDeterminers(toks, j);
    if (RuleEntityExtractor.isSeparator(toks.get(j)) && j + 1 < n) {
      int k = skipDeterminers(toks, j + 1);
      title = k < n ? titleStartingAt[k] : null;
    } else if (titleStartingAt[direct] != null) {
      title = titleStartingAt[direct];
    } else if (LINKS.contains(w) || BE.contains(w)) {
      int k = j + 1;
      if (BE.contains(w)
          && k + 1 < n
          && MADE.contains(toks.get(k).lower())
          && LINKS.contains(toks.get(k + 1).lower())) {
        k += 2; // "was promoted to", "is named as"
      }
      k = skipDeterminers(toks, k);
      if (k < n && candStartingAt[k] != null && RuleEntityExtractor.possessive(toks.get(k))) {
        employer = orgAt(text, candStartingAt, k);
        k++;
      }
      title = k < n ? titleStartingAt[k] : null;
    } else {
      int k = j;
      if (AUX.contains(w)) {
        k++;
      }
      if (k < n && JOINS.contains(toks.get(k).lower()) && k + 1 < n) {
        Cand org = candStartingAt[k + 1];
        employer = orgAt(text, candStartingAt, k + 1);
        if (org != null) {
          int m = org.to();
          if (m < n && toks.get(m).lower().equals("as")) {
            int t = skipDeterminers(toks, m + 1);
            title = t < n ? titleStartingAt[t] : null;
          }
        }
      }
    }
    if (title == null
        && from > 1
        && toks.get(from - 1).is(",")
        && titleEndingAt[from - 1] != null) {
      // "its chief executive officer, Daniel Reyes"
      Titles.Span t = titleEndingAt[from - 1];
      Optional<String> org = orgEndingAt(text, candEndingAt, t.from());
      return new TitleAndEmployer(
          Optional.of(spanText(text, toks, t)), org.isPresent() ? org : employer);
    }
    if (title == null) {
      return new TitleAndEmployer(Optional.empty(), employer);
    }
    Optional<String> after = employerAfter(text, toks, title.to(), candStartingAt);
    return new TitleAndEmployer(
        Optional.of(spanText(text, toks, title)), employer.isPresent() ? employer : after);
  }

  private static TitleAndEmployer none() {
    return new TitleAndEmployer(Optional.empty(), Optional.empty());
  }

  private static int skipDeterminers(List<Tok> toks, int k) {
    int limit = Math.min(toks.size(), k + 3);
    if (k >= toks.size()) {
      return toks.size();
    }
    while (k < limit && DETERMINERS.contains(toks.get(k).lower())) {
      k++;
    }
    return k;
  }

  private static Optional<String> employerAfter(
      String text, List<Tok> toks, int k, Cand[] candStartingAt) {
    if (k + 1 < toks.size() && OF.contains(toks.get(k).lower())) {
      int m = k + 1;
      if (m < toks.size() && toks.get(m).lower().equals("the")) {
        m++;
      }
      return orgAt(text, candStartingAt, m);
    }
    return Optional.empty();
  }

  private static Optional<String> orgAt(String text, Cand[] candStartingAt, int k) {
    return org(text, k < candStartingAt.length ? candStartingAt[k] : null);
  }

  private static Optional<String> orgEndingAt(String text, Cand[] candEndingAt, int k) {
    return org(text, candEndingAt[k]);
  }

  private static Optional<String> org(String text, Cand c) {
    if (c != null && c.org()) {
      return Optional.of(text.substring(c.start(), c.end()));
    }
    return Optional.empty();
  }

  private static String spanText(String text, List<Tok> toks, Titles.Span t) {
    return text.substring(toks.get(t.from()).start(), toks.get(t.to() - 1).end());
  }
}
