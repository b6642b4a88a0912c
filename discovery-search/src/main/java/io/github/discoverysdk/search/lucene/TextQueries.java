package io.github.discoverysdk.search.lucene;

import io.github.discoverysdk.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns a user's search text into a query without any query syntax: the text goes through the
 * index's analyzer, and each distinct term it yields must occur in the title or the text (a title
 * match weighs double). So {@code tenant:other} searches the words "tenant" and "other", {@code
 * *:*} has no word and finds nothing, and quotes, brackets and backslashes are only separators.
 * Stateless and thread-safe.
 */
final class TextQueries {
  /** Most distinct words a query may have. */
  static final int MAX_TERMS = 32;

  private static final float TITLE_BOOST = 2f;

  private TextQueries() {}

  /** The query for {@code text}; empty if it holds no word. */
  static Optional<Query> of(Analyzer analyzer, String text) {
    Set<String> terms = terms(analyzer, text);
    if (terms.isEmpty()) {
      return Optional.empty();
    }
    BooleanQuery.Builder all = new BooleanQuery.Builder();
    for (String term : terms) {
      Query title = new BoostQuery(new TermQuery(new Term(SearchFields.TITLE, term)), TITLE_BOOST);
      Query body = new TermQuery(new Term(SearchFields.TEXT, term));
      all.add(new DisjunctionMaxQuery(List.of(title, body), 0.1f), BooleanClause.Occur.MUST);
    }
    return Optional.of(all.build());
  }

  private static Set<String> terms(Analyzer analyzer, String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream(SearchFields.TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        terms.add(term.toString());
        if (terms.size() > MAX_TERMS) {
          throw new ValidationException(
              "searchQuery.text must have at most " + MAX_TERMS + " distinct words");
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }
}
