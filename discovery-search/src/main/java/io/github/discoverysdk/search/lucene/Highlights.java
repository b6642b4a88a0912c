package io.github.discoverysdk.search.lucene;

import io.github.discoverysdk.search.SearchHit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * The hits of a page with their highlighted passages: the unified highlighter over the offsets the
 * title and text keep in their postings, at most two passages a field, matched terms in {@code
 * <b>}, the rest HTML-escaped. Only the text query is highlighted, never the tenant and scope
 * filters. Stateless and thread-safe.
 */
final class Highlights {
  private static final int MAX_PASSAGES = 2;

  private Highlights() {}

  /** The hits of a page, in order, with the passages of each that {@code text} matched. */
  static List<SearchHit> hits(
      IndexSearcher searcher, Analyzer analyzer, Query text, TopDocs top, ScoreDoc[] page)
      throws IOException {
    if (page.length == 0) {
      return List.of();
    }
    UnifiedHighlighter highlighter =
        UnifiedHighlighter.builder(searcher, analyzer)
            .withFormatter(new DefaultPassageFormatter("<b>", "</b>", "… ", true))
            .build();
    int[] passages = new int[SearchFields.SEARCHED.length];
    Arrays.fill(passages, MAX_PASSAGES);
    Map<String, String[]> marked =
        highlighter.highlightFields(
            SearchFields.SEARCHED, text, new TopDocs(top.totalHits, page), passages);
    List<SearchHit> hits = new ArrayList<>(page.length);
    for (int i = 0; i < page.length; i++) {
      List<String> highlights = new ArrayList<>(2);
      for (String field : SearchFields.SEARCHED) {
        String h = marked.get(field)[i];
        if (h != null && !h.isEmpty()) {
          highlights.add(h);
        }
      }
      Document doc = searcher.storedFields().document(page[i].doc);
      hits.add(SearchFields.toHit(doc, page[i].score, highlights));
    }
    return hits;
  }
}
