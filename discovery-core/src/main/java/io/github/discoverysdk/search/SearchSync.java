package io.github.discoverysdk.search;

import io.github.discoverysdk.access.AccessScope;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.FeedSort;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.spi.RunListener;
import io.github.discoverysdk.spi.Storage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link SearchIndex} in line with storage, which stays the source of truth: feeds it the
 * opportunities and signals each of a run's transactions wrote once that transaction committed
 * ({@link #listener()}), so that nothing is found before it is stored; repairs what a crash between
 * a commit and its indexing left out ({@link #reconcile}); rebuilds a tenant from scratch ({@link
 * #rebuild}); and resolves a principal's access scope to the accounts a search may return, at query
 * time, so that a reassigned account moves at once. Wired by the engine when the host registers an
 * index; hosts call it through the engine. Thread-safe.
 *
 * <p>Drafts ({@link SearchKind#DRAFT}) are fed by their writer; reconcile and rebuild leave them as
 * they are. Changes made outside runs (a refined narrative) reach the index at the next reconcile.
 */
public final class SearchSync {
  private static final Logger log = LoggerFactory.getLogger(SearchSync.class);

  /** The kinds this class derives from storage, and so rebuilds. */
  static final Set<SearchKind> DERIVED = EnumSet.of(SearchKind.OPPORTUNITY, SearchKind.SIGNAL);

  private static final int PAGE = FeedQuery.MAX_LIMIT;

  private final Storage storage;
  private final SearchIndex index;

  /**
   * Keeps {@code index} in line with {@code storage}; the engine makes one per registered index.
   */
  public SearchSync(Storage storage, SearchIndex index) {
    this.storage = Objects.requireNonNull(storage, "storage");
    this.index = Objects.requireNonNull(index, "index");
  }

  /** The index kept. */
  public SearchIndex index() {
    return index;
  }

  /**
   * The run listener that indexes each committed batch. An index that fails is logged and left to
   * {@link #reconcile}: search never fails a run.
   */
  public RunListener listener() {
    return new RunListener() {
      @Override
      public void onRunFinished(RunReport report) {}

      @Override
      public void onCommitted(String tenant, List<Opportunity> written) {
        try {
          indexed(tenant, written);
        } catch (RuntimeException e) {
          log.warn(
              "search: could not index {} opportunities of tenant {}, reconcile will: {}",
              written.size(),
              tenant,
              e.toString());
        }
      }
    };
  }

  /**
   * Indexes a card's committed drafts, one document per channel (the latest version). {@link
   * #reconcile} and {@link #rebuild} leave draft documents alone.
   */
  public void indexDrafts(
      Opportunity opportunity,
      Optional<String> accountId,
      List<io.github.discoverysdk.draft.Draft> drafts) {
    if (!drafts.isEmpty()) {
      index.index(opportunity.tenant(), SearchDocuments.drafts(opportunity, accountId, drafts));
    }
  }

  /**
   * The ids of the profile's opportunities as {@code tx} sees them, page by page: read in the
   * transaction that deletes the profile (and with it, its opportunities), for {@link #deleted}.
   */
  public static List<String> opportunityIds(Storage tx, ProfileId profile) {
    List<String> ids = new ArrayList<>();
    for (Optional<String> cursor = Optional.empty(); ; ) {
      Page<Opportunity> page =
          tx.opportunities()
              .feed(
                  FeedQuery.forProfile(profile)
                      .sortBy(FeedSort.DATE)
                      .limit(PAGE)
                      .cursor(cursor)
                      .build());
      page.items().forEach(o -> ids.add(o.id().value()));
      cursor = page.nextCursor();
      if (cursor.isEmpty()) {
        return ids;
      }
    }
  }

  /**
   * Removes the documents of opportunities storage deleted (with their profile), once that commit
   * is done: no run tells the index of them, and {@link #reconcile} keeps documents storage lacks.
   * Their signals stay (storage keeps them). An index that fails is logged and left to {@link
   * #rebuild}: deleting never fails because of search.
   */
  public void deleted(String tenant, List<String> opportunityIds) {
    if (opportunityIds.isEmpty()) {
      return;
    }
    try {
      index.delete(tenant, SearchKind.OPPORTUNITY, opportunityIds);
    } catch (RuntimeException e) {
      log.warn(
          "search: could not remove {} deleted opportunities of tenant {}, rebuild will: {}",
          opportunityIds.size(),
          tenant,
          e.toString());
    }
  }

  /** Indexes these stored opportunities of one tenant and their signals. */
  public void indexed(String tenant, List<Opportunity> opportunities) {
    index.index(tenant, SearchDocuments.of(storage, tenant, opportunities));
  }

  /**
   * Re-indexes every opportunity and signal of the tenant whose indexed copy is missing or older
   * than storage's, comparing stamps page by page; returns how many documents it wrote. Documents
   * of opportunities storage no longer has stay until {@link #rebuild}.
   */
  public int reconcile(String tenant) {
    int written =
        eachPage(
            tenant,
            docs -> {
              List<SearchDocument> stale = new ArrayList<>();
              for (SearchKind kind : DERIVED) {
                List<SearchDocument> ofKind = docs.stream().filter(d -> d.kind() == kind).toList();
                Map<String, String> stamps =
                    index.stamps(tenant, kind, ofKind.stream().map(SearchDocument::id).toList());
                for (SearchDocument d : ofKind) {
                  if (!d.stamp().equals(stamps.get(d.id()))) {
                    stale.add(d);
                  }
                }
              }
              return stale;
            });
    log.info("search: reconciled tenant {}, {} documents re-indexed", tenant, written);
    return written;
  }

  /**
   * Drops the tenant's opportunities and signals from the index and indexes them again from
   * storage; returns how many documents it wrote. Searches meanwhile see a partial index.
   */
  public int rebuild(String tenant) {
    index.deleteAll(tenant, DERIVED);
    int written = eachPage(tenant, docs -> docs);
    log.info("search: rebuilt tenant {}, {} documents", tenant, written);
    return written;
  }

  /**
   * Indexes, page by page of the tenant's opportunities, the documents {@code choose} keeps of each
   * page's; returns how many it indexed.
   */
  private int eachPage(String tenant, UnaryOperator<List<SearchDocument>> choose) {
    int written = 0;
    for (Optional<String> cursor = Optional.empty(); ; ) {
      Page<Opportunity> page =
          storage
              .opportunities()
              .feed(
                  FeedQuery.forTenant(tenant)
                      .sortBy(FeedSort.DATE)
                      .limit(PAGE)
                      .cursor(cursor)
                      .build());
      List<SearchDocument> chosen = choose.apply(SearchDocuments.of(storage, tenant, page.items()));
      index.index(tenant, chosen);
      written += chosen.size();
      cursor = page.nextCursor();
      if (cursor.isEmpty()) {
        return written;
      }
    }
  }

  /**
   * Searches within {@code scope}: the whole tenant, or the accounts it covers, read from the
   * account store now.
   */
  public Page<SearchHit> search(SearchQuery query, AccessScope scope) {
    return index.search(query, resolve(query.tenant(), scope));
  }

  /** The accounts {@code scope} covers, as a search scope. */
  SearchScope resolve(String tenant, AccessScope scope) {
    if (scope.all()) {
      return SearchScope.tenant();
    }
    Set<String> ids = new HashSet<>();
    String after = "";
    while (true) {
      List<Account> accounts = storage.accounts().list(tenant, scope, after, PAGE);
      accounts.forEach(a -> ids.add(a.id()));
      if (accounts.size() < PAGE) {
        return SearchScope.accounts(ids);
      }
      after = accounts.get(accounts.size() - 1).id();
    }
  }
}
