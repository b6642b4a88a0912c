package io.github.discoverysdk.search.lucene;

import static io.github.discoverysdk.search.lucene.SearchWorld.ACME;
import static io.github.discoverysdk.search.lucene.SearchWorld.ADMIN;
import static io.github.discoverysdk.search.lucene.SearchWorld.ANA;
import static io.github.discoverysdk.search.lucene.SearchWorld.BOB;
import static io.github.discoverysdk.search.lucene.SearchWorld.GLOBEX;
import static io.github.discoverysdk.search.lucene.SearchWorld.SYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.search.SearchDocument;
import io.github.discoverysdk.search.SearchHit;
import io.github.discoverysdk.search.SearchIndex;
import io.github.discoverysdk.search.SearchKind;
import io.github.discoverysdk.search.SearchQuery;
import io.github.discoverysdk.search.SearchScope;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.ForwardingStorage;
import io.github.discoverysdk.storage.InMemoryStorage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How runs keep the index current, and how reconcile and rebuild repair it from storage. */
class SearchSyncTest {
  private final List<SearchWorld> worlds = new ArrayList<>();

  @AfterEach
  void close() {
    worlds.forEach(SearchWorld::close);
  }

  private SearchWorld world(Storage storage, SearchIndex index) {
    SearchWorld w = new SearchWorld(storage, index);
    worlds.add(w);
    return w;
  }

  private SearchWorld world() {
    return world(InMemoryStorage.create(), LuceneSearchIndex.inMemory());
  }

  private static Page<SearchHit> search(SearchWorld w, Principal p, String text) {
    return w.engine.as(p).search().search(text, Set.of(), Optional.empty(), 100);
  }

  private static List<String> ids(Page<SearchHit> page) {
    return page.items().stream().map(h -> h.kind() + ":" + h.id()).toList();
  }

  private static void publish(SearchWorld w) {
    w.news.publish(
        w.news("s1", "Stripe", "raises a Series B", "The payments company raised 95 million."),
        w.news("s2", "Adyen", "hires a new CFO", "The payments company named a CFO."),
        w.news("s3", "Stripe", "opens an office in Dublin", "Hiring 200 engineers in Dublin."));
  }

  @Test
  void aRunMakesItsOpportunitiesAndSignalsSearchableWithinTheirAccounts() {
    SearchWorld w = world();
    publish(w);

    w.discover();

    Page<SearchHit> stripe = search(w, ANA, "stripe series");
    assertThat(ids(stripe))
        .containsExactlyInAnyOrder("OPPORTUNITY:" + opp(w, "s1"), "SIGNAL:news:s1");
    assertThat(stripe.items()).allSatisfy(h -> assertThat(h.accountId()).contains("a-stripe"));
    assertThat(ids(search(w, ANA, "payments company"))).containsExactly("SIGNAL:news:s1");
    assertThat(ids(search(w, BOB, "payments company"))).containsExactly("SIGNAL:news:s2");
    assertThat(ids(search(w, ADMIN, "payments company")))
        .containsExactlyInAnyOrder("SIGNAL:news:s1", "SIGNAL:news:s2");
    assertThat(search(w, ANA, "adyen").items()).isEmpty();
  }

  /**
   * Deleting a profile deletes its opportunities from storage outside any run: their documents
   * leave the index with the commit, and reconcile does not bring them back (#15).
   */
  @Test
  void theOpportunitiesOfADeletedProfileLeaveTheIndex() {
    SearchWorld w = world();
    publish(w);
    w.discover();
    String s1 = opp(w, "s1");
    assertThat(ids(search(w, ADMIN, "stripe series"))).contains("OPPORTUNITY:" + s1);

    assertThat(w.engine.profiles().delete(ProfileId.of(ACME, "p1"))).isTrue();

    assertThat(ids(search(w, ADMIN, "stripe series"))).containsExactly("SIGNAL:news:s1");
    w.engine.search().reconcile(ACME);
    assertThat(ids(search(w, ADMIN, "stripe series"))).containsExactly("SIGNAL:news:s1");
  }

  /** A card's drafts are findable once generated, within the card's account, latest version. */
  @Test
  void generatedAndEditedDraftsAreSearchableWithinTheirAccount() {
    SearchWorld w = world();
    publish(w);
    w.discover();
    io.github.discoverysdk.model.OpportunityId s1 =
        io.github.discoverysdk.model.OpportunityId.of(ACME, opp(w, "s1"));

    List<io.github.discoverysdk.draft.Draft> drafts =
        w.engine.as(ANA).drafts().generate(s1, Optional.empty());

    assertThat(drafts).isNotEmpty();
    Page<SearchHit> found =
        w.engine
            .as(ANA)
            .search()
            .search(
                "series",
                Set.of(io.github.discoverysdk.search.SearchKind.DRAFT),
                Optional.empty(),
                100);
    assertThat(found.items())
        .isNotEmpty()
        .allSatisfy(
            h -> {
              assertThat(h.kind()).isEqualTo(io.github.discoverysdk.search.SearchKind.DRAFT);
              assertThat(h.accountId()).contains("a-stripe");
              assertThat(h.opportunityId()).contains(s1.value());
            });
    assertThat(
            search(w, BOB, "series").items().stream()
                .filter(h -> h.kind() == io.github.discoverysdk.search.SearchKind.DRAFT))
        .isEmpty();
  }

  /**
   * A hit without its score: the same documents in the same order with the same highlights. BM25
   * scores move with the index's statistics, which count replaced documents until a background
   * merge drops them, so a rebuilt index scores the same hits a little differently.
   */
  private static List<String> withoutScore(List<SearchHit> hits) {
    return hits.stream()
        .map(
            h ->
                h.kind()
                    + " "
                    + h.id()
                    + " "
                    + h.accountId()
                    + " "
                    + h.opportunityId()
                    + " "
                    + h.title()
                    + " "
                    + h.time()
                    + " "
                    + h.source()
                    + " "
                    + h.highlights())
        .toList();
  }

  private static String opp(SearchWorld w, String signal) {
    return w.storage
        .opportunities()
        .listBySignal(ACME, io.github.discoverysdk.model.SignalKey.of("news", signal))
        .get(0)
        .id()
        .value();
  }

  @Test
  void nothingIsIndexedInsideATransactionNorFromOneThatRolledBack() {
    AtomicInteger depth = new AtomicInteger();
    AtomicBoolean failCommits = new AtomicBoolean();
    Storage storage =
        new ForwardingStorage(InMemoryStorage.create()) {
          @Override
          public <T> T inTransaction(Work<T> work) {
            return delegate()
                .inTransaction(
                    tx -> {
                      depth.incrementAndGet();
                      try {
                        T result = work.run(tx);
                        if (failCommits.get()) {
                          throw new StorageException("the commit failed");
                        }
                        return result;
                      } finally {
                        depth.decrementAndGet();
                      }
                    });
          }
        };
    List<String> insideTransaction = new CopyOnWriteArrayList<>();
    LuceneSearchIndex lucene = LuceneSearchIndex.inMemory();
    SearchIndex watched =
        new Delegating(lucene) {
          @Override
          public void index(String tenant, List<SearchDocument> documents) {
            if (depth.get() > 0) {
              documents.forEach(d -> insideTransaction.add(d.id()));
            }
            super.index(tenant, documents);
          }
        };
    SearchWorld w = world(storage, watched);
    publish(w);
    failCommits.set(true);

    assertThat(w.engine.discover(ProfileId.of(ACME, "p1")).status())
        .isNotEqualTo(RunStatus.SUCCEEDED);
    assertThat(search(w, ADMIN, "stripe").items()).isEmpty();

    failCommits.set(false);
    w.discover();
    assertThat(search(w, ADMIN, "stripe").items()).isNotEmpty();
    assertThat(insideTransaction).isEmpty();
  }

  @Test
  void aCrashBetweenCommitAndIndexIsRepairedByReconcile() {
    AtomicBoolean down = new AtomicBoolean(true);
    SearchIndex crashing =
        new Delegating(LuceneSearchIndex.inMemory()) {
          @Override
          public void index(String tenant, List<SearchDocument> documents) {
            if (down.get()) {
              throw new StorageException("the process died before indexing");
            }
            super.index(tenant, documents);
          }
        };
    SearchWorld w = world(InMemoryStorage.create(), crashing);
    publish(w);
    w.discover();
    assertThat(
            w.engine.feed(io.github.discoverysdk.model.FeedQuery.forTenant(ACME).build()).items())
        .hasSize(3);
    assertThat(search(w, ADMIN, "stripe").items()).isEmpty();

    down.set(false);
    int repaired = w.engine.search().reconcile(ACME);

    assertThat(repaired).isEqualTo(6);
    assertThat(ids(search(w, ANA, "stripe")))
        .containsExactlyInAnyOrder(
            "OPPORTUNITY:" + opp(w, "s1"),
            "OPPORTUNITY:" + opp(w, "s3"),
            "SIGNAL:news:s1",
            "SIGNAL:news:s3");
    assertThat(w.engine.search().reconcile(ACME)).as("nothing left to repair").isZero();
    assertThat(
            w.engine
                .search()
                .search(
                    SearchQuery.builder().tenant(GLOBEX).text("stripe").build(),
                    io.github.discoverysdk.access.AccessScope.tenant())
                .items())
        .as("globex is reconciled on its own")
        .isEmpty();
  }

  @Test
  void reconcilePicksUpAChangeMadeOutsideARun() {
    SearchWorld w = world();
    publish(w);
    w.discover();
    String id = opp(w, "s1");
    var card =
        w.engine
            .reviews()
            .find(io.github.discoverysdk.model.OpportunityId.of(ACME, id))
            .orElseThrow();
    w.engine
        .reviews()
        .refine(
            SYS,
            card.opportunityId(),
            card.version(),
            io.github.discoverysdk.review.Refinement.builder()
                .narrative("Their treasurer wants a call")
                .build());
    assertThat(search(w, ANA, "treasurer").items()).isEmpty();

    assertThat(w.engine.search().reconcile(ACME)).isEqualTo(1);

    assertThat(ids(search(w, ANA, "treasurer"))).containsExactly("OPPORTUNITY:" + id);
  }

  @Test
  void searchResultsAreIdenticalAfterARebuild() {
    SearchWorld w = world();
    publish(w);
    w.discover();
    w.clock.advance(Duration.ofHours(1));
    w.news.publish(w.news("s4", "Adyen", "expands to Dublin", "Adyen opens a Dublin office."));
    w.discover();
    w.index.index(ACME, List.of(draft("d1", "a-stripe", "Congratulations on the Series B")));
    List<String> queries =
        List.of("stripe", "dublin", "payments company", "series", "office", "cfo");
    Map<String, List<String>> before = new java.util.LinkedHashMap<>();
    for (Principal p : List.of(ANA, BOB, ADMIN)) {
      for (String q : queries) {
        before.put(p.user() + "/" + q, withoutScore(search(w, p, q).items()));
      }
    }

    int written = w.engine.search().rebuild(ACME);

    assertThat(written).isEqualTo(8);
    for (Principal p : List.of(ANA, BOB, ADMIN)) {
      for (String q : queries) {
        assertThat(withoutScore(search(w, p, q).items()))
            .as(p.user() + "/" + q)
            .isEqualTo(before.get(p.user() + "/" + q));
      }
    }
    assertThat(before.get("ana/series")).anySatisfy(h -> assertThat(h).startsWith("DRAFT "));
  }

  @Test
  void aReassignedAccountMovesAtOnceWithoutReindexing() {
    AtomicInteger writes = new AtomicInteger();
    SearchIndex counting =
        new Delegating(LuceneSearchIndex.inMemory()) {
          @Override
          public void index(String tenant, List<SearchDocument> documents) {
            writes.incrementAndGet();
            super.index(tenant, documents);
          }
        };
    SearchWorld w = world(InMemoryStorage.create(), counting);
    publish(w);
    w.discover();
    assertThat(search(w, ANA, "dublin").items()).hasSize(2);
    int before = writes.get();

    var a = w.engine.accounts().find(ACME, "a-stripe").orElseThrow();
    w.engine
        .accounts()
        .reassign(SYS, ACME, "a-stripe", a.version(), "bob", Optional.empty(), "cover");

    assertThat(search(w, ANA, "dublin").items()).isEmpty();
    assertThat(search(w, BOB, "dublin").items()).hasSize(2);
    assertThat(writes.get()).isEqualTo(before);
  }

  @Test
  void aSignalThatTwoProfilesMatchedIsOneDocumentAndReconcileSettles() {
    SearchWorld w = world();
    w.engine
        .profiles()
        .save(
            io.github.discoverysdk.model.Profile.builder()
                .tenant(ACME)
                .id(ProfileId.of(ACME, "p2"))
                .owner("bob")
                .name("fintech")
                .addWatchlist(io.github.discoverysdk.model.Company.of("Stripe"))
                .build());
    publish(w);

    w.engine.discoverAll(ACME);

    assertThat(
            w.storage
                .opportunities()
                .listBySignal(ACME, io.github.discoverysdk.model.SignalKey.of("news", "s1")))
        .hasSize(2);
    assertThat(search(w, ADMIN, "payments company").items())
        .extracting(SearchHit::id)
        .containsExactlyInAnyOrder("news:s1", "news:s2");
    assertThat(w.engine.search().reconcile(ACME)).isZero();
    assertThat(w.engine.search().rebuild(ACME)).isEqualTo(5 + 3);
    assertThat(w.engine.search().reconcile(ACME)).isZero();
  }

  private static SearchDocument draft(String id, String account, String text) {
    return SearchDocument.builder()
        .kind(SearchKind.DRAFT)
        .tenant(ACME)
        .id(id)
        .accountId(account)
        .title("Email draft")
        .text(text)
        .time(SearchWorld.T0)
        .source("template")
        .build();
  }

  /** Forwards to another index; tests override what they watch. */
  private static class Delegating implements SearchIndex {
    private final SearchIndex delegate;

    Delegating(SearchIndex delegate) {
      this.delegate = delegate;
    }

    @Override
    public void index(String tenant, List<SearchDocument> documents) {
      delegate.index(tenant, documents);
    }

    @Override
    public void delete(String tenant, SearchKind kind, Collection<String> ids) {
      delegate.delete(tenant, kind, ids);
    }

    @Override
    public void deleteAll(String tenant, Set<SearchKind> kinds) {
      delegate.deleteAll(tenant, kinds);
    }

    @Override
    public Map<String, String> stamps(String tenant, SearchKind kind, Collection<String> ids) {
      return delegate.stamps(tenant, kind, ids);
    }

    @Override
    public Page<SearchHit> search(SearchQuery query, SearchScope scope) {
      return delegate.search(query, scope);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
