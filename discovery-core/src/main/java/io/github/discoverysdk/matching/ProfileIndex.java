package io.github.discoverysdk.matching;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An index of every profile's watchlist companies (names, aliases, domains), competitors, keywords,
 * target titles, industries and regions, that finds in one pass over a signal every profile the
 * signal concerns.
 *
 * <h2>How a signal is matched</h2>
 *
 * Each text field is split into folded words (see {@link Normalizer}); each word is looked up once
 * in the vocabulary of all indexed terms, and a trie over word ids finds every indexed name that
 * starts there. Words the vocabulary does not know are checked for typos through a deletion
 * neighbourhood, adjacent words are joined to catch spacing variants ("Data bricks"), and dotted
 * host names ("careers.stripe.com") are looked up as domains. A name that begins with an article
 * ("The Trade Desk", "Der Spiegel") is also indexed without it, and an article before a structured
 * organisation name is ignored; an article and one word ("The Economist") is, without its article,
 * guarded as a common word is, and an article and a generic word ("The Group") is never reduced.
 * Tickers ({@link Company#tickers()}) are looked up only where the text writes a ticker: after its
 * exchange and a colon ("NYSE: CRM"), as a cashtag ("$CRM") or in capitals after the word "ticker";
 * their matches are of kind {@link MatchKind#TICKER}. Structured organisation and person fields,
 * job titles, industries and regions are looked up by key. No step loops over profiles: the cost
 * grows with the length of the signal and the number of matches, not with the number of profiles.
 *
 * <h2>Confidence</h2>
 *
 * Confidence orders the evidence: a structured organisation field (0.97, 0.93 for an alias) beats
 * the exact name with a legal suffix or a domain (0.9), which beats the exact name in a title
 * (0.85) or text (0.8), which beats an alias (0.7) and a near miss (0.6 to 0.68). A ticker after
 * its exchange counts as a domain does (0.9), a cashtag or a ticker after "ticker" as a name in a
 * title (0.85). Names that are also common words or places (Apple, Square, Target, Shell, Oracle,
 * Zoom, Slack, Visa, Phoenix …) need evidence: a legal suffix, a domain, a structured role, or
 * business words nearby; a capital letter in the middle of a sentence counts for less (0.6), and
 * without any of these, or in lower case, or inside another proper noun ("Times Square"), they are
 * not matched. Every match carries its span, the text it matched and the rule that made it.
 *
 * <h2>Updates and thread safety</h2>
 *
 * {@link #put(Profile)} and {@link #remove(ProfileId)} change one profile's entries in place, in
 * time proportional to that profile's terms. The index is thread-safe: any number of threads may
 * call {@link #match(Signal)} while others update it; a match sees each profile either wholly
 * before or wholly after a concurrent update. Words of removed profiles stay in the vocabulary.
 */
public final class ProfileIndex {

  private static final double ORG_EXACT = 0.97;
  private static final double ORG_GENERIC = 0.95;
  private static final double ORG_ALIAS = 0.93;
  private static final double PERSON_EXACT = 0.93;
  private static final double PERSON_ALIAS = 0.88;
  private static final double ORG_FUZZY = 0.68;
  private static final double STRONG = 0.9;
  private static final double NAME_IN_TITLE = 0.85;
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

  private static final WordTable CUES = table(Lexicon.CUES);
  private static final WordTable GENERIC_WORDS = table(Lexicon.GENERIC);
  private static final WordTable COMMON_WORDS = table(Lexicon.COMMON);
  private static final WordTable SUFFIXES = table(Normalizer.LEGAL_SUFFIXES);
  private static final WordTable ARTICLES = table(Lexicon.ARTICLES);
  private static final WordTable TLDS =
      table(
          java.util.Set.of(
              "com", "io", "ai", "net", "org", "co", "app", "dev", "tech", "de", "uk", "fr", "eu",
              "nl", "ch", "se", "es", "it", "us", "ca", "au", "jp", "in", "cloud", "inc"));

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final TermIndex terms = new TermIndex();
  private final ThreadLocal<Scan> scans = ThreadLocal.withInitial(Scan::new);

  private ProfileIndex() {}

  /** An index of the enabled profiles among {@code profiles}. */
  public static ProfileIndex of(Collection<Profile> profiles) {
    ProfileIndex index = new ProfileIndex();
    for (Profile p : profiles) {
      index.put(p);
    }
    return index;
  }

  /** An empty index, to be filled with {@link #put(Profile)}. */
  public static ProfileIndex empty() {
    return new ProfileIndex();
  }

  /**
   * Adds a profile, or replaces the profile with the same id: its old terms are removed and its new
   * ones indexed, without rebuilding anything else. A disabled profile is removed. Takes time
   * proportional to the profile's terms (well under a millisecond for a typical profile).
   */
  public void put(Profile profile) {
    lock.writeLock().lock();
    try {
      terms.unregister(profile.id());
      if (profile.enabled()) {
        terms.register(profile);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Removes a profile's terms; returns whether the index held the profile. Takes time proportional
   * to the profile's terms and to how many other profiles share them.
   */
  public boolean remove(ProfileId id) {
    lock.writeLock().lock();
    try {
      return terms.unregister(id);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Whether the index holds the profile (it was put, enabled, and not removed since). */
  public boolean contains(ProfileId id) {
    lock.readLock().lock();
    try {
      return terms.contains(id);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** How many profiles the index holds. */
  public int profileCount() {
    lock.readLock().lock();
    try {
      return terms.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Every profile the signal concerns, with the best match per profile term. Profiles whose matches
   * are only industry or region are included too; it is for the caller to require an anchor (see
   * {@link MatchTarget#isAnchor()}) and a minimum confidence.
   */
  public Map<ProfileId, List<Match>> match(Signal signal) {
    Scan scan = scans.get();
    lock.readLock().lock();
    try {
      return scan.run(signal);
    } finally {
      lock.readLock().unlock();
      scan.clear();
    }
  }

  private static WordTable table(Collection<String> ws) {
    WordTable t = new WordTable();
    for (String w : ws) {
      t.intern(w);
    }
    return t;
  }

  // ---------------------------------------------------------------- matching (read lock)

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

  /** Per-thread scratch of one {@link #match} call. */
  private final class Scan {
    final Tokens t = new Tokens();

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
    int[] fuzzyAlt = new int[64];
    final char[] suffixChars = new char[3];
    final TickerContext tickerContext = new TickerContext();
    EvidenceField field;
    boolean structured;
    double structuredBase;
    String structuredRule;

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
      t.text = "";
      if (t.src.length > 1 << 16) {
        t.src = new char[512]; // do not keep the largest text seen
      }
    }

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
                    keyed(
                        terms.domains,
                        d,
                        ORG_EXACT,
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
              d -> keyed(terms.domains, d, STRONG, EvidenceField.URL, 0, 0, d, "url-domain"));
      scanText(signal.title(), EvidenceField.TITLE);
      scanText(signal.text(), EvidenceField.TEXT);
      List<PersonMention> people = signal.people();
      for (int i = 0; i < people.size(); i++) {
        PersonMention person = people.get(i);
        int index = i;
        person
            .title()
            .ifPresent(title -> matchTitle(title, EvidenceField.PERSON, index, index + 1));
        person
            .employer()
            .ifPresent(
                emp -> structuredName(emp, EvidenceField.PERSON, index, "person-employer", true));
      }
      if (signal.type() == SignalType.JOB_POSTING && !terms.titles.isEmpty()) {
        matchTitle(signal.title(), EvidenceField.TITLE, 0, signal.title().length());
      }
      for (String industry : signal.industries()) {
        List<String> keys = Taxonomy.industryAndBroader(industry);
        for (int k = 0; k < keys.size(); k++) {
          keyed(
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
          keyed(
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
      return result();
    }

    private void keyed(
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

    // ------------------------------------------------------------ structured names

    private void structuredName(
        String name, EvidenceField f, int index, String rule, boolean person) {
      structured = true;
      structuredBase = person ? PERSON_EXACT : ORG_EXACT;
      structuredRule = rule;
      this.field = f;
      structuredIndex = index;
      scanTokens(name);
      structured = false;
    }

    int structuredIndex;

    // ------------------------------------------------------------ text

    private void scanText(String text, EvidenceField f) {
      if (text.isEmpty()) {
        return;
      }
      this.field = f;
      scanTokens(text);
    }

    private void scanTokens(String text) {
      Tokens tk = t;
      tk.scan(text);
      int n = tk.size;
      leadingArticle =
          structured
              && n > 1
              && ARTICLES.get(tk.chars, tk.charStart[0], tk.length(0), tk.hash[0]) >= 0;
      boolean tickerContexts = !structured && !terms.symbols.isEmpty();
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
            visit(i, i, joined, true, "spacing");
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

    /** Whether the first word of a structured name is a leading article ("The Trade Desk"). */
    boolean leadingArticle;

    /** Follows the trie from word {@code i}, allowing one misspelt word. */
    private void walk(int i, int j, TrieNode node, boolean fuzzed) {
      if (j >= t.size) {
        return;
      }
      int w = t.word[j];
      TrieNode c = w >= 0 ? child(node, w) : null;
      if (c != null) {
        if (c.count > 0) {
          visit(i, j, c, fuzzed, fuzzed ? "fuzzy" : null);
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
              visit(i, j, fc, true, "fuzzy");
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
          && (tk.has(j, Tokens.CAP) || !tk.hasUpper || structured)
          && COMMON_WORDS.get(tk.chars, off, len, tk.hash[j]) < 0
          && CUES.get(tk.chars, off, len, tk.hash[j]) < 0) {
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
          || !(tk.has(i, Tokens.CAP) || !tk.hasUpper || structured)
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
          visit(i, i + 1, c, true, "spacing");
        }
        if (c.children != null) {
          walk(i, i + 2, c, true);
        }
      }
      Bucket joined = terms.compact.get(id);
      if (joined != null) {
        visit(i, i + 1, joined, true, "spacing");
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
      double conf = context == TickerContext.EXCHANGE ? STRONG : NAME_IN_TITLE;
      for (int k = 0; k < b.count; k++) {
        offer(b, k, MatchKind.TICKER, conf, field, tc.spanStart, tc.symbolEnd, tk.text, true, rule);
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
        offer(
            b,
            k,
            MatchKind.DOMAIN,
            structured ? structuredBase : STRONG,
            field,
            structured ? structuredIndex : tk.start[i],
            structured ? structuredIndex + 1 : tk.end[m],
            structured ? host : tk.text,
            !structured,
            structured ? structuredRule + "-domain" : "domain-in-text");
      }
    }

    // ------------------------------------------------------------ confirmation

    /** Confirms the entries of a name found at words {@code i..j} and scores each. */
    private void visit(int i, int j, Bucket b, boolean fuzzed, String how) {
      Tokens tk = t;
      int n = tk.size;
      boolean suffix = legalSuffixAt(j + 1);
      boolean domain =
          tk.has(j, Tokens.JOINED_NEXT)
              && j + 1 < n
              && TLDS.get(tk.chars, tk.charStart[j + 1], tk.length(j + 1), tk.hash[j + 1]) >= 0;
      boolean strong = suffix || domain;
      boolean cap = tk.has(i, Tokens.CAP) || !tk.has(i, Tokens.ALPHA);
      boolean informative = tk.hasLower && !tk.headline;
      boolean lower = tk.hasUpper && !cap;
      int guardState = 0; // 0 not computed, 1 accept with context, 2 accept capitalised, 3 reject
      boolean whole = structured && (i == 0 || (i == 1 && leadingArticle)) && trivialTail(j + 1);
      boolean wholeWithGeneric = whole && hasGenericTail(j + 1);
      for (int k = 0, count = b.count; k < count; k++) {
        int meta = b.meta[k];
        int flags = meta & 0xff;
        MatchKind entryKind = Bucket.KINDS[(meta >>> 8) & 0xff];
        MatchTarget target = Bucket.TARGETS[meta >>> 16];
        if (target == MatchTarget.KEYWORD) {
          if (!fuzzed && !structured) {
            offer(
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
          offer(
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
          if (!capitalMeans && !cueNear(i, j)) {
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
          if ((guarded || article) && (!cueNear(i, j) || everydaySense(i, j))) {
            continue;
          }
          conf = Math.min(conf, GUARDED_CAPITALIZED);
          rule = inTitle ? "name-in-uncased-title" : "name-in-uncased-text";
        }
        if (guarded && !strong && tk.hasUpper) {
          if (guardState == 0) {
            guardState = guard(i, j, cap, informative);
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
        offer(b, k, kind, conf, field, tk.start[i], tk.end[j], tk.text, true, rule);
      }
    }

    /** 1: business words nearby; 2: capitalised mid-sentence only; 3: reject. */
    private int guard(int i, int j, boolean cap, boolean informative) {
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
    private boolean everydaySense(int i, int j) {
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

    private boolean cueNear(int i, int j) {
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
    private boolean legalSuffixAt(int k) {
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
    private boolean trivialTail(int k) {
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

    private boolean hasGenericTail(int k) {
      Tokens tk = t;
      for (int m = k; m < tk.size; m++) {
        if (GENERIC_WORDS.get(tk.chars, tk.charStart[m], tk.length(m), tk.hash[m]) >= 0
            || Taxonomy.region(tk.word(m)).isPresent()) {
          return true;
        }
      }
      return false;
    }

    // ------------------------------------------------------------ titles

    private void matchTitle(String candidate, EvidenceField f, int start, int end) {
      if (terms.titles.isEmpty()) {
        return;
      }
      JobTitle jt = JobTitle.parse(candidate);
      if (jt.normalized().isEmpty()) {
        return;
      }
      int seniority = jt.seniority().ordinal();
      Bucket exact = terms.titles.get(jt.normalized());
      if (exact != null) {
        for (int k = 0; k < exact.count; k++) {
          offer(exact, k, MatchKind.EXACT, 0.9, f, start, end, candidate, false, "title-exact");
        }
      }
      String[] ws = jt.normalized().split(" ");
      StringBuilder b = new StringBuilder();
      for (int from = 0; from < ws.length; from++) {
        b.setLength(0);
        // Runs no longer than the longest indexed title: the cost stays linear in the title's
        // length (a person's title of 4,000 words took 19 s when every run was looked up).
        for (int to = from; to < ws.length && to - from < terms.longestTitle; to++) {
          if (to > from) {
            b.append(' ');
          }
          b.append(ws[to]);
          if (from == 0 && to == ws.length - 1) {
            continue;
          }
          Bucket within = terms.titles.get(b.toString());
          if (within == null) {
            continue;
          }
          for (int k = 0; k < within.count; k++) {
            // "Executive Assistant to the VP of Sales" holds the words but not the role.
            int flags = within.flags(k);
            if (flags == seniority || flags == JobTitle.Seniority.UNKNOWN.ordinal()) {
              offer(
                  within,
                  k,
                  MatchKind.EXACT,
                  0.8,
                  f,
                  start,
                  end,
                  candidate,
                  false,
                  "title-contains");
            }
          }
        }
      }
      if (jt.seniority() == JobTitle.Seniority.UNKNOWN) {
        return;
      }
      for (String function : jt.functions()) {
        keyed(
            terms.titleRoles,
            TermIndex.roleKey(jt.seniority(), function),
            0.75,
            f,
            start,
            end,
            candidate,
            "title-role");
        JobTitle.Seniority near =
            switch (jt.seniority()) {
              case HEAD -> JobTitle.Seniority.VICE_PRESIDENT;
              case VICE_PRESIDENT -> JobTitle.Seniority.HEAD;
              default -> null;
            };
        if (near != null) {
          keyed(
              terms.titleRoles,
              TermIndex.roleKey(near, function),
              0.6,
              f,
              start,
              end,
              candidate,
              "title-related");
        }
      }
    }

    // ------------------------------------------------------------ results

    private void offer(
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

    private Map<ProfileId, List<Match>> result() {
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
  }

  private static int mix(long key) {
    int k = (int) (key ^ (key >>> 32));
    return (k * 0x9E3779B9) ^ (k >>> 16);
  }
}
