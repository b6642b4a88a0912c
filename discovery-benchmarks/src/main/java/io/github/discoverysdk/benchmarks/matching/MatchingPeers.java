package io.github.discoverysdk.benchmarks.matching;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import io.github.discoverysdk.matching.ProfileIndex;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.MatchKind;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.Presearcher;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.monitor.TermFilteredPresearcher;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.PhraseQuery;

/**
 * The matchers the benchmark compares, each answering "which profiles does this signal name?" as a
 * set of profile ids. Built once; matching is thread-safe except where noted.
 */
public final class MatchingPeers {
  private MatchingPeers() {}

  /** A matcher under test. */
  public interface Peer extends AutoCloseable {
    Set<String> match(Signal signal);

    @Override
    default void close() {}
  }

  /** The SDK's index; counts exact and alias company matches of at least the default 0.5. */
  public static Peer profileIndex(List<Profile> profiles) {
    ProfileIndex index = ProfileIndex.of(profiles);
    return signal -> companies(index.match(signal));
  }

  static Set<String> companies(Map<ProfileId, List<Match>> result) {
    Set<String> out = new HashSet<>();
    result.forEach(
        (id, matches) -> {
          for (Match m : matches) {
            if ((m.target() == MatchTarget.WATCHLIST || m.target() == MatchTarget.COMPETITOR)
                && m.kind() != MatchKind.FUZZY
                && m.confidence() >= 0.5) {
              out.add(id.value());
              return;
            }
          }
        });
    return out;
  }

  /** One {@code indexOf} per profile name over the lower-cased text, with word boundaries. */
  public static Peer naiveLoop(List<Profile> profiles) {
    List<String> ids = new ArrayList<>();
    List<String[]> names = new ArrayList<>();
    for (Profile p : profiles) {
      ids.add(p.id().value());
      names.add(
          MatchingWorkload.names(p).stream()
              .map(n -> n.toLowerCase(Locale.ROOT))
              .toArray(String[]::new));
    }
    return signal -> {
      String text = (signal.title() + "\n" + signal.text()).toLowerCase(Locale.ROOT);
      Set<String> out = new HashSet<>();
      for (int p = 0; p < ids.size(); p++) {
        for (String n : names.get(p)) {
          if (containsWord(text, n)) {
            out.add(ids.get(p));
            break;
          }
        }
      }
      return out;
    };
  }

  private static boolean containsWord(String text, String name) {
    int from = 0;
    int at;
    while ((at = text.indexOf(name, from)) >= 0) {
      if (boundary(text, at - 1) && boundary(text, at + name.length())) {
        return true;
      }
      from = at + 1;
    }
    return false;
  }

  private static boolean boundary(String text, int i) {
    return i < 0 || i >= text.length() || !Character.isLetterOrDigit(text.charAt(i));
  }

  /**
   * hankcs' Aho-Corasick double-array trie over the distinct lower-cased names, each mapped to the
   * profiles that hold it; hits are kept at word boundaries.
   */
  public static Peer ahoCorasick(List<Profile> profiles) {
    Map<String, List<String>> byName = new TreeMap<>();
    for (Profile p : profiles) {
      for (String n : MatchingWorkload.names(p)) {
        byName
            .computeIfAbsent(n.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(p.id().value());
      }
    }
    Map<String, String[]> values = new HashMap<>();
    byName.forEach((k, v) -> values.put(k, v.toArray(String[]::new)));
    AhoCorasickDoubleArrayTrie<String[]> trie = new AhoCorasickDoubleArrayTrie<>();
    trie.build(new TreeMap<>(values));
    return signal -> {
      String text = (signal.title() + "\n" + signal.text()).toLowerCase(Locale.ROOT);
      Set<String> out = new HashSet<>();
      trie.parseText(
          text,
          (begin, end, ids) -> {
            if (boundary(text, begin - 1) && boundary(text, end)) {
              for (String id : ids) {
                out.add(id);
              }
            }
          });
      return out;
    };
  }

  /** Which presearcher Lucene Monitor uses. */
  public enum LucenePresearcher {
    TERM_FILTERED,
    MULTIPASS
  }

  /**
   * Lucene Monitor: one stored query per profile, a disjunction of phrase queries over the
   * StandardAnalyzer's tokens of each name, matched against the signal's title and text.
   */
  public static Peer luceneMonitor(List<Profile> profiles, LucenePresearcher kind) {
    Analyzer analyzer = new StandardAnalyzer();
    Presearcher presearcher =
        kind == LucenePresearcher.MULTIPASS
            ? new MultipassTermFilteredPresearcher(2)
            : new TermFilteredPresearcher();
    try {
      Monitor monitor = new Monitor(analyzer, presearcher);
      List<MonitorQuery> batch = new ArrayList<>();
      for (Profile p : profiles) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        for (String n : MatchingWorkload.names(p)) {
          PhraseQuery.Builder phrase = new PhraseQuery.Builder();
          for (String t : tokens(analyzer, n)) {
            phrase.add(new Term("text", t));
          }
          q.add(phrase.build(), BooleanClause.Occur.SHOULD);
        }
        batch.add(new MonitorQuery(p.id().value(), q.build()));
        if (batch.size() == 1_000) {
          monitor.register(batch);
          batch.clear();
        }
      }
      monitor.register(batch);
      return new Peer() {
        @Override
        public Set<String> match(Signal signal) {
          Document doc = new Document();
          doc.add(new TextField("text", signal.title() + "\n" + signal.text(), Field.Store.NO));
          try {
            MatchingQueries<QueryMatch> matches = monitor.match(doc, QueryMatch.SIMPLE_MATCHER);
            Set<String> out = new HashSet<>();
            for (QueryMatch m : matches.getMatches()) {
              out.add(m.getQueryId());
            }
            return out;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public void close() {
          try {
            monitor.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> tokens(Analyzer analyzer, String text) throws IOException {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    }
    return out;
  }
}
