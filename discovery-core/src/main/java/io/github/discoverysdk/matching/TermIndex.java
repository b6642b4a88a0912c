package io.github.discoverysdk.matching;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The terms of every profile in a {@link ProfileIndex}, and their registration: the vocabulary of
 * indexed words, a trie over word ids for names and keywords, the compact forms of multi-word
 * names, the deletion neighbourhoods of name words, and keyed tables of domains, tickers, titles,
 * industries and regions. What each profile added is recorded, so that {@link #unregister} takes
 * out exactly that. Not thread-safe: the index updates it under its write lock, and scans read its
 * tables under the read lock.
 */
final class TermIndex {
  /** What one profile added, so that it can be taken out again. */
  private static final class Registration {
    final List<TrieNode> nodes = new ArrayList<>();
    final List<Integer> compactIds = new ArrayList<>();
    final List<Integer> fuzzyWords = new ArrayList<>();
    final List<Map.Entry<Map<String, Bucket>, String>> keyed = new ArrayList<>();
  }

  final WordTable words = new WordTable();
  final TrieNode root = new TrieNode(null, -1);

  /** The root's children by word id: the first step of every walk is one array read. */
  TrieNode[] top = new TrieNode[1024];

  final IntMap<Bucket> compact = new IntMap<>(64);
  final Fuzzy fuzzy = new Fuzzy();
  private int[] fuzzyRefs = new int[1024];
  final Map<String, Bucket> domains = new HashMap<>();

  /** Tickers by {@code "exchange:symbol"} in lower case, and by symbol alone. */
  final Map<String, Bucket> tickers = new HashMap<>();

  final Map<String, Bucket> symbols = new HashMap<>();
  final Map<String, Bucket> titles = new HashMap<>();
  final Map<String, Bucket> titleRoles = new HashMap<>();
  final Map<String, Bucket> industries = new HashMap<>();
  final Map<String, Bucket> regions = new HashMap<>();
  private final Map<ProfileId, Registration> registered = new HashMap<>();
  private final Tokens updateTokens = new Tokens();

  private long slotCount;
  private long registrationCount;

  /**
   * The most words of any target title ever indexed: a longer run of a signal's title words is no
   * indexed title.
   */
  int longestTitle;

  /** Whether the profile is registered. */
  boolean contains(ProfileId id) {
    return registered.containsKey(id);
  }

  /** How many profiles are registered. */
  int size() {
    return registered.size();
  }

  /** Indexes an enabled profile's terms (its old ones must have been removed). */
  void register(Profile p) {
    Registration r = new Registration();
    ProfileId id = p.id();
    long owner = registrationCount++;
    for (Company c : p.watchlist()) {
      Slot slot = new Slot(id, owner, slotCount++, MatchTarget.WATCHLIST, c.name());
      addName(c.name(), slot, MatchKind.EXACT, r);
      for (String alias : c.aliases()) {
        addName(alias, slot, MatchKind.ALIAS, r);
      }
      for (String d : c.domains()) {
        Normalizer.domain(d).ifPresent(k -> addKeyed(domains, k, slot, MatchKind.DOMAIN, r));
      }
      for (String ticker : c.tickers()) {
        String key = ticker.toLowerCase(Locale.ROOT);
        addKeyed(tickers, key, slot, MatchKind.TICKER, r);
        addKeyed(symbols, key.substring(key.indexOf(':') + 1), slot, MatchKind.TICKER, r);
      }
      if (c.name().indexOf(' ') < 0 && c.name().indexOf('.') > 0) {
        Normalizer.domain(c.name()).ifPresent(k -> addKeyed(domains, k, slot, MatchKind.DOMAIN, r));
      }
    }
    for (String competitor : p.competitors()) {
      addName(
          competitor,
          new Slot(id, owner, slotCount++, MatchTarget.COMPETITOR, competitor),
          MatchKind.EXACT,
          r);
    }
    for (String keyword : p.keywords()) {
      Slot slot = new Slot(id, owner, slotCount++, MatchTarget.KEYWORD, keyword);
      List<String> ws = wordsOf(keyword);
      if (!ws.isEmpty()) {
        TrieNode n = insert(ws);
        n.add(slot, MatchKind.EXACT, 0);
        r.nodes.add(n);
      }
    }
    for (String title : p.targetTitles()) {
      Slot slot = new Slot(id, owner, slotCount++, MatchTarget.TITLE, title);
      JobTitle jt = JobTitle.parse(title);
      if (jt.normalized().isEmpty()) {
        continue;
      }
      addKeyed(titles, jt.normalized(), slot, MatchKind.EXACT, r, jt.seniority().ordinal());
      longestTitle = Math.max(longestTitle, jt.normalized().split(" ").length);
      if (jt.seniority() != JobTitle.Seniority.UNKNOWN) {
        for (String f : jt.functions()) {
          addKeyed(titleRoles, roleKey(jt.seniority(), f), slot, MatchKind.EXACT, r);
        }
      }
    }
    for (String industry : p.industries()) {
      Slot slot = new Slot(id, owner, slotCount++, MatchTarget.INDUSTRY, industry);
      addKeyed(industries, Taxonomy.industryAndBroader(industry).get(0), slot, MatchKind.EXACT, r);
    }
    for (String region : p.regions()) {
      Slot slot = new Slot(id, owner, slotCount++, MatchTarget.REGION, region);
      addKeyed(regions, Taxonomy.regionAndContaining(region).get(0), slot, MatchKind.EXACT, r);
    }
    registered.put(id, r);
  }

  private void addName(String raw, Slot slot, MatchKind kind, Registration r) {
    List<String> ws = wordsOf(raw);
    if (raw.indexOf(' ') < 0) {
      // "Salesforce.com" is the name Salesforce.
      String key = Normalizer.companyName(raw);
      if (!key.equals(String.join(" ", ws))) {
        ws = List.of(key.split(" "));
      }
    }
    ws = ws.subList(0, Normalizer.withoutLegalSuffix(ws));
    if (ws.isEmpty()) {
      return;
    }
    boolean article = ws.size() > 1 && Lexicon.ARTICLES.contains(ws.get(0));
    addWords(ws, slot, kind, r, article ? Bucket.ARTICLE_LED : 0);
    if (article) {
      // "The Trade Desk" is also "Trade Desk"; "The Economist" is "Economist" only with evidence,
      // as a common word is; "The Group" is never just "Group".
      List<String> rest = ws.subList(1, ws.size());
      String only = rest.get(0);
      if ((rest.size() > 1 && !allPlain(rest))
          || (only.length() >= 4
              && isLetters(only)
              && !Lexicon.GENERIC.contains(only)
              && !Lexicon.COMMON.contains(only)
              && !Lexicon.CUES.contains(only)
              && !Normalizer.LEGAL_SUFFIXES.contains(only))) {
        addWords(rest, slot, kind, r, Bucket.NO_ARTICLE | (rest.size() == 1 ? Bucket.GUARDED : 0));
      }
    }
  }

  /** Indexes the words of a name; {@code flags} are added to the entry's own. */
  private void addWords(List<String> ws, Slot slot, MatchKind kind, Registration r, int flags) {
    boolean guarded =
        ws.size() == 1 && ((flags & Bucket.GUARDED) != 0 || Lexicon.isGuarded(ws.get(0)));
    TrieNode n = insert(ws);
    n.add(
        slot,
        kind,
        (guarded ? Bucket.GUARDED : 0) | (flags & (Bucket.ARTICLE_LED | Bucket.NO_ARTICLE)));
    r.nodes.add(n);
    for (String w : ws) {
      if (w.length() >= Fuzzy.MIN_LENGTH && isLetters(w) && !Lexicon.isGuarded(w)) {
        int id = words.intern(w);
        if (id >= fuzzyRefs.length) {
          fuzzyRefs = Arrays.copyOf(fuzzyRefs, Math.max(id + 1, fuzzyRefs.length * 2));
        }
        if (fuzzyRefs[id]++ == 0) {
          fuzzy.add(w, id);
        }
        r.fuzzyWords.add(id);
      }
    }
    if (ws.size() > 1) {
      int id = words.intern(String.join("", ws));
      Bucket list = compact.get(id);
      if (list == null) {
        list = new Bucket();
        compact.put(id, list);
      }
      list.add(slot, kind, Bucket.SPACING);
      r.compactIds.add(id);
    }
    int end = ws.size();
    while (end > 1 && Lexicon.GENERIC.contains(ws.get(end - 1))) {
      end--;
    }
    if (end < ws.size()) {
      List<String> reduced = ws.subList(0, end);
      String key = String.join(" ", reduced);
      if (key.length() >= 4
          && !(end == 1 && Lexicon.isGuarded(key))
          && !(end <= 2 && Lexicon.ARTICLES.contains(ws.get(0))) // "The Hut" of "The Hut Group"
          && !Taxonomy.isPlace(key)
          && !Lexicon.COMMON.contains(key)) {
        TrieNode rn = insert(reduced);
        rn.add(slot, kind, Bucket.REDUCED | (flags & Bucket.NO_ARTICLE));
        r.nodes.add(rn);
      }
    }
  }

  private List<String> wordsOf(String text) {
    updateTokens.scan(text);
    List<String> out = new ArrayList<>(updateTokens.size);
    for (int i = 0; i < updateTokens.size; i++) {
      out.add(updateTokens.word(i));
    }
    updateTokens.text = "";
    return out;
  }

  private TrieNode insert(List<String> ws) {
    TrieNode n = root;
    for (String w : ws) {
      int id = words.intern(w);
      TrieNode c = n == root ? (id < top.length ? top[id] : null) : n.child(id);
      if (c == null) {
        c = new TrieNode(n, id);
        if (n == root) {
          if (id >= top.length) {
            top = Arrays.copyOf(top, Math.max(id + 1, top.length * 2));
          }
          top[id] = c;
        } else {
          if (n.children == null) {
            n.children = new IntMap<>(2);
          }
          n.children.put(id, c);
        }
      }
      n = c;
    }
    return n;
  }

  private void addKeyed(
      Map<String, Bucket> map, String key, Slot slot, MatchKind kind, Registration r) {
    addKeyed(map, key, slot, kind, r, 0);
  }

  private void addKeyed(
      Map<String, Bucket> map, String key, Slot slot, MatchKind kind, Registration r, int flags) {
    if (key.isEmpty()) {
      return;
    }
    map.computeIfAbsent(key, k -> new Bucket()).add(slot, kind, flags);
    r.keyed.add(Map.entry(map, key));
  }

  /** Removes a profile's terms; returns whether the index held the profile. */
  boolean unregister(ProfileId id) {
    Registration r = registered.remove(id);
    if (r == null) {
      return false;
    }
    for (TrieNode n : r.nodes) {
      n.removeProfile(id);
      while (n != root && n.count == 0 && (n.children == null || n.children.size() == 0)) {
        if (n.parent == root) {
          top[n.word] = null;
        } else {
          n.parent.children.remove(n.word);
        }
        n = n.parent;
      }
    }
    for (int cid : r.compactIds) {
      Bucket list = compact.get(cid);
      if (list != null) {
        list.removeProfile(id);
        if (list.count == 0) {
          compact.remove(cid);
        }
      }
    }
    for (int w : r.fuzzyWords) {
      if (--fuzzyRefs[w] == 0) {
        fuzzy.remove(words.word(w), w);
      }
    }
    for (Map.Entry<Map<String, Bucket>, String> k : r.keyed) {
      Bucket list = k.getKey().get(k.getValue());
      if (list != null) {
        list.removeProfile(id);
        if (list.count == 0) {
          k.getKey().remove(k.getValue());
        }
      }
    }
    return true;
  }

  /** The key of a seniority and a job function in the title-role table. */
  static String roleKey(JobTitle.Seniority s, String function) {
    return s.name() + ':' + function;
  }

  /** Whether every word is generic, frequent or a business word: "Data Group", "Sales Group". */
  private static boolean allPlain(List<String> ws) {
    for (String w : ws) {
      if (!Lexicon.GENERIC.contains(w)
          && !Lexicon.COMMON.contains(w)
          && !Lexicon.CUES.contains(w)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLetters(String w) {
    for (int i = 0; i < w.length(); i++) {
      if (!Character.isLetter(w.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
