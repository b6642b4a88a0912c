package io.github.discoverysdk.matching;

import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-thread scratch of one {@link ProfileIndex#match} call: goes over a signal's fields once,
 * looking each word up in the {@link TermIndex} (the trie of names and keywords, with one misspelt
 * word, spacing variants, host names and tickers), and hands what it finds to the {@link
 * NameScorer}, the {@link TitleMatcher} and the {@link Candidates}. Reads the index under its read
 * lock; reused from one signal to the next.
 */
final class Scan {
  private final TermIndex terms;
  private final Tokens t = new Tokens();
  private final Candidates candidates = new Candidates();
  private final NameScorer scorer;
  private final TitleMatcher titleMatcher;

  /** Per word of the field: its near-miss word id, -1 for none, -2 not yet looked up. */
  private int[] fuzzyAlt = new int[64];

  private final TickerContext tickerContext = new TickerContext();

  Scan(TermIndex terms) {
    this.terms = terms;
    this.scorer = new NameScorer(t, new TextEvidence(t), candidates);
    this.titleMatcher = new TitleMatcher(terms, candidates);
  }

  /** Forgets the last signal, keeping the scratch arrays. */
  void clear() {
    candidates.clear();
    t.text = "";
    if (t.src.length > 1 << 16) {
      t.src = new char[512]; // do not keep the largest text seen
    }
  }

  /** Every profile the signal concerns: see {@link ProfileIndex#match}. */
  Map<ProfileId, List<Match>> run(Signal signal) {
    List<OrganizationMention> orgs = signal.organizations();
    for (int i = 0; i < orgs.size(); i++) {
      OrganizationMention org = orgs.get(i);
      String rule = "organization-" + org.role().name().toLowerCase(Locale.ROOT);
      structuredName(org.name(), EvidenceField.ORGANIZATION, i, rule, false);
      int index = i;
      org.domain()
          .flatMap(Normalizer::domain)
          .ifPresent(
              d ->
                  candidates.keyed(
                      terms.domains,
                      d,
                      NameScorer.ORG_EXACT,
                      EvidenceField.ORGANIZATION,
                      index,
                      index + 1,
                      d,
                      "organization-domain"));
    }
    signal
        .url()
        .map(Object::toString)
        .flatMap(Normalizer::domain)
        .ifPresent(
            d ->
                candidates.keyed(
                    terms.domains, d, NameScorer.STRONG, EvidenceField.URL, 0, 0, d, "url-domain"));
    scanText(signal.title(), EvidenceField.TITLE);
    scanText(signal.text(), EvidenceField.TEXT);
    List<PersonMention> people = signal.people();
    for (int i = 0; i < people.size(); i++) {
      PersonMention person = people.get(i);
      int index = i;
      person
          .title()
          .ifPresent(
              title -> titleMatcher.matchTitle(title, EvidenceField.PERSON, index, index + 1));
      person
          .employer()
          .ifPresent(
              emp -> structuredName(emp, EvidenceField.PERSON, index, "person-employer", true));
    }
    if (signal.type() == SignalType.JOB_POSTING && !terms.titles.isEmpty()) {
      titleMatcher.matchTitle(signal.title(), EvidenceField.TITLE, 0, signal.title().length());
    }
    for (String industry : signal.industries()) {
      List<String> keys = Taxonomy.industryAndBroader(industry);
      for (int k = 0; k < keys.size(); k++) {
        candidates.keyed(
            terms.industries,
            keys.get(k),
            k == 0 ? 1.0 : 0.85,
            EvidenceField.INDUSTRY,
            0,
            industry.length(),
            industry,
            k == 0 ? "industry" : "industry-broader");
      }
    }
    List<String> places = new ArrayList<>(signal.regions());
    signal
        .event()
        .flatMap(e -> e.location())
        .ifPresent(
            loc -> {
              places.add(loc);
              for (String part : loc.split(",")) {
                if (!part.isBlank()) {
                  places.add(part.strip());
                }
              }
            });
    for (String place : places) {
      List<String> keys = Taxonomy.regionAndContaining(place);
      for (int k = 0; k < keys.size(); k++) {
        candidates.keyed(
            terms.regions,
            keys.get(k),
            k == 0 ? 1.0 : 0.9,
            EvidenceField.REGION,
            0,
            place.length(),
            place,
            k == 0 ? "region" : "region-contains");
      }
    }
    return candidates.result();
  }

  private void structuredName(
      String name, EvidenceField f, int index, String rule, boolean person) {
    scorer.structured = true;
    scorer.structuredBase = person ? NameScorer.PERSON_EXACT : NameScorer.ORG_EXACT;
    scorer.structuredRule = rule;
    scorer.field = f;
    scorer.structuredIndex = index;
    scanTokens(name);
    scorer.structured = false;
  }

  private void scanText(String text, EvidenceField f) {
    if (text.isEmpty()) {
      return;
    }
    scorer.field = f;
    scanTokens(text);
  }

  private void scanTokens(String text) {
    Tokens tk = t;
    tk.scan(text);
    int n = tk.size;
    scorer.leadingArticle =
        scorer.structured
            && n > 1
            && TextEvidence.ARTICLES.get(tk.chars, tk.charStart[0], tk.length(0), tk.hash[0]) >= 0;
    boolean tickerContexts = !scorer.structured && !terms.symbols.isEmpty();
    if (fuzzyAlt.length < n) {
      fuzzyAlt = new int[Math.max(n, fuzzyAlt.length * 2)];
    }
    for (int i = 0; i < n; i++) {
      tk.word[i] = terms.words.get(tk.chars, tk.charStart[i], tk.length(i), tk.hash[i]);
      fuzzyAlt[i] = -2;
    }
    for (int i = 0; i < n; i++) {
      walk(i, i, terms.root, false);
      if (i + 1 < n) {
        spacing(i);
      }
      int w = tk.word[i];
      if (w >= 0 && terms.compact.size() > 0) {
        Bucket joined = terms.compact.get(w);
        if (joined != null) {
          scorer.visit(i, i, joined, true, "spacing");
        }
      }
      if (tk.has(i, Tokens.JOINED_NEXT) && (i == 0 || !tk.has(i - 1, Tokens.JOINED_NEXT))) {
        host(i);
      }
      if (tickerContexts) {
        ticker(i);
      }
    }
  }

  /** Follows the trie from word {@code i}, allowing one misspelt word. */
  private void walk(int i, int j, TrieNode node, boolean fuzzed) {
    if (j >= t.size) {
      return;
    }
    int w = t.word[j];
    TrieNode c = w >= 0 ? child(node, w) : null;
    if (c != null) {
      if (c.count > 0) {
        scorer.visit(i, j, c, fuzzed, fuzzed ? "fuzzy" : null);
      }
      if (c.children != null) {
        walk(i, j + 1, c, fuzzed);
      }
      return;
    }
    if (!fuzzed && w < 0) {
      int alt = fuzzyAlternative(j);
      if (alt >= 0) {
        TrieNode fc = child(node, alt);
        if (fc != null) {
          if (fc.count > 0) {
            scorer.visit(i, j, fc, true, "fuzzy");
          }
          if (fc.children != null) {
            walk(i, j + 1, fc, true);
          }
        }
      }
    }
  }

  private TrieNode child(TrieNode node, int w) {
    if (node == terms.root) {
      TrieNode[] nodes = terms.top;
      return w < nodes.length ? nodes[w] : null;
    }
    return node.child(w);
  }

  private int fuzzyAlternative(int j) {
    int alt = fuzzyAlt[j];
    if (alt != -2) {
      return alt;
    }
    alt = -1;
    Tokens tk = t;
    int len = tk.length(j);
    int off = tk.charStart[j];
    if (len >= Fuzzy.MIN_LENGTH - 1
        && tk.has(j, Tokens.ALPHA)
        && (tk.has(j, Tokens.CAP) || !tk.hasUpper || scorer.structured)
        && TextEvidence.COMMON_WORDS.get(tk.chars, off, len, tk.hash[j]) < 0
        && TextEvidence.CUES.get(tk.chars, off, len, tk.hash[j]) < 0) {
      alt = terms.fuzzy.closest(tk.chars, off, len, terms.words);
    }
    fuzzyAlt[j] = alt;
    return alt;
  }

  /** "Data bricks": two adjacent words that together spell an indexed word. */
  private void spacing(int i) {
    Tokens tk = t;
    if (!tk.has(i, Tokens.ALPHA)
        || !tk.has(i + 1, Tokens.ALPHA)
        || !(tk.has(i, Tokens.CAP) || !tk.hasUpper || scorer.structured)
        || !separatedBySpaceOrHyphen(i)) {
      return;
    }
    int a = tk.length(i);
    int b = tk.length(i + 1);
    if (a + b < Fuzzy.MIN_LENGTH) {
      return;
    }
    // The folded words lie side by side in tk.chars: the pair is a range, and its hash follows
    // from the two words' hashes.
    int h = tk.hash[i];
    for (int k = 0; k < b; k++) {
      h *= 31;
    }
    int id = terms.words.get(tk.chars, tk.charStart[i], a + b, h + tk.hash[i + 1]);
    if (id < 0) {
      return;
    }
    TrieNode c = child(terms.root, id);
    if (c != null) {
      if (c.count > 0) {
        scorer.visit(i, i + 1, c, true, "spacing");
      }
      if (c.children != null) {
        walk(i, i + 2, c, true);
      }
    }
    Bucket joined = terms.compact.get(id);
    if (joined != null) {
      scorer.visit(i, i + 1, joined, true, "spacing");
    }
  }

  private boolean separatedBySpaceOrHyphen(int i) {
    char[] s = t.src;
    for (int k = t.end[i]; k < t.start[i + 1]; k++) {
      char c = s[k];
      if (c != ' ' && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** A ticker written as one: "NYSE: CRM", "(NASDAQ: MDB)", "$CRM", "ticker CRM". */
  private void ticker(int i) {
    Tokens tk = t;
    TickerContext tc = tickerContext;
    int context = tc.find(tk, i);
    if (context == TickerContext.NONE) {
      return;
    }
    String symbol = tc.symbol(tk);
    Bucket b =
        context == TickerContext.EXCHANGE
            ? terms.tickers.get(tk.word(i) + ':' + symbol)
            : terms.symbols.get(symbol);
    if (b == null) {
      return;
    }
    String rule =
        switch (context) {
          case TickerContext.EXCHANGE -> "ticker-with-exchange";
          case TickerContext.CASHTAG -> "cashtag";
          default -> "ticker-after-word";
        };
    double conf = context == TickerContext.EXCHANGE ? NameScorer.STRONG : NameScorer.NAME_IN_TITLE;
    for (int k = 0; k < b.count; k++) {
      candidates.offer(
          b,
          k,
          MatchKind.TICKER,
          conf,
          scorer.field,
          tc.spanStart,
          tc.symbolEnd,
          tk.text,
          true,
          rule);
    }
  }

  /** A dotted host name in the text: "careers.stripe.com", "jane@stripe.com". */
  private void host(int i) {
    Tokens tk = t;
    int m = i;
    while (m + 1 < tk.size && tk.has(m, Tokens.JOINED_NEXT)) {
      m++;
    }
    if (!tk.has(m, Tokens.ALPHA) || tk.length(m) < 2 || tk.length(m) > 6) {
      return;
    }
    String host = tk.text.substring(tk.start[i], tk.end[m]);
    String d = Normalizer.domain(host).orElse("");
    Bucket b = terms.domains.get(d);
    if (b == null) {
      return;
    }
    for (int k = 0; k < b.count; k++) {
      candidates.offer(
          b,
          k,
          MatchKind.DOMAIN,
          scorer.structured ? scorer.structuredBase : NameScorer.STRONG,
          scorer.field,
          scorer.structured ? scorer.structuredIndex : tk.start[i],
          scorer.structured ? scorer.structuredIndex + 1 : tk.end[m],
          scorer.structured ? host : tk.text,
          !scorer.structured,
          scorer.structured ? scorer.structuredRule + "-domain" : "domain-in-text");
    }
  }
}
