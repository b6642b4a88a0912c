package io.github.discoverysdk.search.lucene;

import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.search.SearchDocument;
import io.github.discoverysdk.search.SearchHit;
import io.github.discoverysdk.search.SearchIndex;
import io.github.discoverysdk.search.SearchKind;
import io.github.discoverysdk.search.SearchQuery;
import io.github.discoverysdk.search.SearchScope;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * {@link SearchIndex} on Apache Lucene, in a directory ({@link #open}) or in memory ({@link
 * #inMemory}). One index holds every tenant; each search filters on its tenant, its kinds and its
 * scope's accounts inside the Lucene query (filter clauses and term-set queries), so another
 * tenant's or account's document is never scored, counted or returned. The user's text is never
 * parsed as Lucene syntax (see {@link SearchQuery#text()}); matches are marked by the unified
 * highlighter.
 *
 * <p>What {@link #index} and {@link #delete} wrote is visible to searches when they return, and is
 * committed to the directory once {@link #COMMIT_EVERY} documents are pending, on {@link #commit},
 * on {@link #deleteAll} and on {@link #close}: an fsync per run batch would cost more than the
 * indexing. Documents lost with the uncommitted rest in a crash are restored, with those of
 * transactions whose indexing the crash prevented, by {@code SearchSync.reconcile}, which a host
 * runs at start-up. Paging is by offset, up to {@link #MAX_OFFSET} results deep.
 *
 * <p>Thread-safe: writes go through one Lucene {@code IndexWriter}, searches through a {@code
 * SearcherManager}. Close it when the host stops.
 */
public final class LuceneSearchIndex implements SearchIndex {
  /** How deep paging reaches: the results after this many are not offered. */
  public static final int MAX_OFFSET = 10_000;

  /** How many written documents may wait for a commit. */
  public static final int COMMIT_EVERY = 10_000;

  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicBoolean written = new AtomicBoolean();

  private final Directory directory;
  private final Analyzer analyzer;
  private final IndexWriter writer;
  private final SearcherManager searchers;

  private LuceneSearchIndex(Directory directory) throws IOException {
    this.directory = directory;
    this.analyzer = SearchFields.analyzer();
    TieredMergePolicy merges = new TieredMergePolicy();
    // deleteAll expunges every deleted document, so that a rebuilt tenant scores as before.
    merges.setForceMergeDeletesPctAllowed(0);
    this.writer =
        new IndexWriter(directory, new IndexWriterConfig(analyzer).setMergePolicy(merges));
    this.searchers = new SearcherManager(writer, null);
  }

  /** An index in {@code directory}, created if missing, kept across restarts. */
  public static LuceneSearchIndex open(Path directory) {
    Objects.requireNonNull(directory, "directory");
    try {
      return new LuceneSearchIndex(FSDirectory.open(directory));
    } catch (IOException e) {
      throw new StorageException("cannot open the search index in " + directory, e);
    }
  }

  /** An index held in memory, lost when closed: for tests and small single-process hosts. */
  public static LuceneSearchIndex inMemory() {
    try {
      return new LuceneSearchIndex(new ByteBuffersDirectory());
    } catch (IOException e) {
      throw new StorageException("cannot create an in-memory search index", e);
    }
  }

  @Override
  public void index(String tenant, List<SearchDocument> documents) {
    Objects.requireNonNull(tenant, "tenant");
    for (SearchDocument d : documents) {
      if (!d.tenant().equals(tenant)) {
        throw new ValidationException(
            "searchDocument.tenant must be '" + tenant + "', was '" + d.tenant() + "'");
      }
    }
    if (documents.isEmpty()) {
      return;
    }
    write(
        documents.size(),
        () -> {
          for (SearchDocument d : documents) {
            writer.updateDocument(
                SearchFields.uid(tenant, d.kind(), d.id()), SearchFields.toDocument(d));
          }
        });
  }

  @Override
  public void delete(String tenant, SearchKind kind, Collection<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    Term[] terms = ids.stream().map(id -> SearchFields.uid(tenant, kind, id)).toArray(Term[]::new);
    write(terms.length, () -> writer.deleteDocuments(terms));
  }

  @Override
  public void deleteAll(String tenant, Set<SearchKind> kinds) {
    Set<SearchKind> which = kinds.isEmpty() ? EnumSet.allOf(SearchKind.class) : kinds;
    write(
        COMMIT_EVERY,
        () -> {
          writer.deleteDocuments(
              new BooleanQuery.Builder()
                  .add(new TermQuery(new Term(SearchFields.TENANT, tenant)), Occur.FILTER)
                  .add(kinds(which), Occur.FILTER)
                  .build());
          writer.forceMergeDeletes();
        });
  }

  @Override
  public Map<String, String> stamps(String tenant, SearchKind kind, Collection<String> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    List<BytesRef> uids =
        ids.stream().map(id -> new BytesRef(SearchFields.uid(tenant, kind, id).text())).toList();
    return read(
        searcher -> {
          TopDocs top = searcher.search(new TermInSetQuery(SearchFields.UID, uids), ids.size());
          Map<String, String> out = new HashMap<>();
          for (ScoreDoc sd : top.scoreDocs) {
            Document doc = searcher.storedFields().document(sd.doc);
            out.put(doc.get(SearchFields.ID), doc.get(SearchFields.STAMP));
          }
          return out;
        });
  }

  @Override
  public Page<SearchHit> search(SearchQuery query, SearchScope scope) {
    Objects.requireNonNull(scope, "scope");
    int offset = query.cursor().map(LuceneSearchIndex::offset).orElse(0);
    Optional<Query> text = TextQueries.of(analyzer, query.text());
    if (text.isEmpty()) {
      return Page.of(List.of(), Optional.empty());
    }
    Query filtered = filtered(query, scope, text.get());
    return read(
        searcher -> {
          int wanted = Math.min(offset + query.limit(), MAX_OFFSET);
          TopDocs top = searcher.search(filtered, wanted + 1, SearchFields.ORDERING, true);
          ScoreDoc[] page =
              Arrays.copyOfRange(
                  top.scoreDocs,
                  Math.min(offset, top.scoreDocs.length),
                  Math.min(wanted, top.scoreDocs.length));
          List<SearchHit> hits = Highlights.hits(searcher, analyzer, text.get(), top, page);
          boolean more = top.scoreDocs.length > wanted && wanted < MAX_OFFSET;
          return Page.of(hits, more ? Optional.of("p" + wanted) : Optional.empty());
        });
  }

  /** The text query with the tenant, kinds and scope as filters: they select, the text scores. */
  private static Query filtered(SearchQuery query, SearchScope scope, Query text) {
    BooleanQuery.Builder b =
        new BooleanQuery.Builder()
            .add(text, Occur.MUST)
            .add(new TermQuery(new Term(SearchFields.TENANT, query.tenant())), Occur.FILTER);
    if (!query.kinds().isEmpty() && query.kinds().size() < SearchKind.values().length) {
      b.add(kinds(query.kinds()), Occur.FILTER);
    }
    if (!scope.all()) {
      Query accounts =
          scope.accountIds().isEmpty()
              ? new MatchNoDocsQuery("no account in scope")
              : new TermInSetQuery(
                  SearchFields.ACCOUNT, scope.accountIds().stream().map(BytesRef::new).toList());
      b.add(accounts, Occur.FILTER);
    }
    return b.build();
  }

  private static Query kinds(Set<SearchKind> kinds) {
    return new TermInSetQuery(
        SearchFields.KIND, kinds.stream().map(k -> new BytesRef(k.name())).toList());
  }

  private static int offset(String cursor) {
    try {
      if (cursor.startsWith("p")) {
        int offset = Integer.parseInt(cursor.substring(1));
        if (offset > 0 && offset <= MAX_OFFSET) {
          return offset;
        }
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new ValidationException(
        "searchQuery.cursor must be the nextCursor of a previous page, was '" + cursor + "'");
  }

  @FunctionalInterface
  private interface Write {
    void run() throws IOException;
  }

  @FunctionalInterface
  private interface Read<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  /** Commits what was written: it survives a crash from now on. */
  public void commit() {
    try {
      pending.set(0);
      writer.commit();
    } catch (IOException e) {
      throw new StorageException("could not commit the search index", e);
    }
  }

  private void write(int documents, Write work) {
    try {
      work.run();
      if (pending.addAndGet(documents) >= COMMIT_EVERY) {
        commit();
      }
      written.set(true);
    } catch (IOException e) {
      throw new StorageException("could not write the search index", e);
    }
  }

  private <T> T read(Read<T> work) {
    try {
      // Refreshed on the first read after a write, not per write: bulk indexing stays cheap, and
      // every read still sees every write that returned before it began.
      if (written.getAndSet(false)) {
        searchers.maybeRefreshBlocking();
      }
      IndexSearcher searcher = searchers.acquire();
      try {
        return work.apply(searcher);
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new StorageException("could not read the search index", e);
    }
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new StorageException("could not close the search index", e);
    }
  }
}
