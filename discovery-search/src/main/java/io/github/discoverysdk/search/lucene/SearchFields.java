package io.github.discoverysdk.search.lucene;

import io.github.discoverysdk.search.SearchDocument;
import io.github.discoverysdk.search.SearchHit;
import io.github.discoverysdk.search.SearchKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene shape of a {@link SearchDocument}: the fields it is indexed and stored under, and the
 * analyzer of its text. Tenant, kind and account are single-term fields that queries filter on;
 * title and text are analysed and keep their offsets for the unified highlighter. Stateless and
 * thread-safe.
 */
final class SearchFields {
  static final String UID = "uid";

  /** The uid again, as doc values: the tie-break of equal scores, the same after a rebuild. */
  static final String ORDER = "order";

  static final String TENANT = "tenant";
  static final String KIND = "kind";
  static final String ACCOUNT = "account";
  static final String ID = "id";
  static final String OPPORTUNITY = "opportunity";
  static final String TITLE = "title";
  static final String TEXT = "text";
  static final String TIME = "time";
  static final String SOURCE = "source";
  static final String STAMP = "stamp";

  /** The analysed fields a query searches and the highlighter marks. */
  static final String[] SEARCHED = {TITLE, TEXT};

  private static final FieldType ANALYSED = analysed();

  private SearchFields() {}

  /**
   * Words as Unicode defines them (emoji included), lower-cased, folded to ASCII where they have a
   * plain form, plurals reduced: "Fundings" finds "funding", "Zürich" finds "zurich".
   */
  static Analyzer analyzer() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream s = new LowerCaseFilter(tokenizer);
        s = new ASCIIFoldingFilter(s);
        s = new EnglishMinimalStemFilter(s);
        return new TokenStreamComponents(tokenizer, s);
      }

      @Override
      protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
      }
    };
  }

  /**
   * The unique term of a document: tenant, kind and id, separated by characters ids cannot hold.
   */
  static Term uid(String tenant, SearchKind kind, String id) {
    return new Term(UID, tenant + '\u0001' + kind.name() + '\u0001' + id);
  }

  static Document toDocument(SearchDocument d) {
    Document doc = new Document();
    String uid = uid(d.tenant(), d.kind(), d.id()).text();
    doc.add(new StringField(UID, uid, Field.Store.NO));
    doc.add(new SortedDocValuesField(ORDER, new BytesRef(uid)));
    doc.add(new StringField(TENANT, d.tenant(), Field.Store.NO));
    doc.add(new StringField(KIND, d.kind().name(), Field.Store.YES));
    d.accountId().ifPresent(a -> doc.add(new StringField(ACCOUNT, a, Field.Store.YES)));
    doc.add(new StoredField(ID, d.id()));
    d.opportunityId().ifPresent(o -> doc.add(new StoredField(OPPORTUNITY, o)));
    doc.add(new Field(TITLE, d.title(), ANALYSED));
    doc.add(new Field(TEXT, d.text(), ANALYSED));
    doc.add(new StoredField(TIME, d.time().toEpochMilli()));
    doc.add(new StoredField(SOURCE, d.source()));
    doc.add(new StoredField(STAMP, d.stamp()));
    return doc;
  }

  static SearchHit toHit(Document doc, float score, List<String> highlights) {
    return SearchHit.builder()
        .kind(SearchKind.valueOf(doc.get(KIND)))
        .id(doc.get(ID))
        .accountId(Optional.ofNullable(doc.get(ACCOUNT)))
        .opportunityId(Optional.ofNullable(doc.get(OPPORTUNITY)))
        .title(doc.get(TITLE))
        .time(Instant.ofEpochMilli(doc.getField(TIME).numericValue().longValue()))
        .source(doc.get(SOURCE))
        .score(score)
        .highlights(highlights)
        .build();
  }

  /**
   * Best score first, equal scores by uid: an order that does not depend on the order documents
   * were indexed in, so that offset paging is stable and a rebuilt index answers alike. With the
   * score first, collection still skips documents that cannot make the top.
   */
  static final Sort ORDERING =
      new Sort(SortField.FIELD_SCORE, new SortField(ORDER, SortField.Type.STRING));

  private static FieldType analysed() {
    FieldType t = new FieldType();
    t.setTokenized(true);
    t.setStored(true);
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    t.freeze();
    return t;
  }
}
