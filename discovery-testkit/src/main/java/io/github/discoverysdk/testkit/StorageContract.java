package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/**
 * The behaviour every {@link Storage} must have. An implementation proves it by extending this
 * class:
 *
 * <pre>{@code
 * class JdbcStorageTest extends StorageContract {
 *   @Override
 *   protected Storage createStorage() {
 *     return JdbcStorage.h2InMemory();
 *   }
 * }
 * }</pre>
 *
 * <p>Each test gets a fresh, empty storage from {@link #createStorage()}; it is closed afterwards
 * by {@link #closeStorage} when it is {@link AutoCloseable}. Opportunities are always saved after
 * their profile, so a storage may enforce that reference. Not thread-safe itself (JUnit creates one
 * instance per test); its concurrency tests drive the storage from several threads.
 */
public abstract class StorageContract {
  /** The tenant most tests write to. */
  protected static final String TENANT_A = "tenant-a";

  /** Another tenant, which must never see {@link #TENANT_A}'s rows. */
  protected static final String TENANT_B = "tenant-b";

  /** A fixed instant the tests' data is placed around. */
  protected static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");

  private static final String SOURCE = StoreSuiteSupport.SOURCE;

  /** The storage under test, fresh for each test. */
  protected Storage storage;

  /** A new, empty storage. Called before each test. */
  protected abstract Storage createStorage();

  /** Releases a storage after its test; the default closes it if it is {@link AutoCloseable}. */
  protected void closeStorage(Storage storage) throws Exception {
    if (storage instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  @BeforeEach
  void createStorageUnderTest() {
    storage = createStorage();
    assertThat(storage).as("createStorage()").isNotNull();
  }

  @AfterEach
  void closeStorageUnderTest() throws Exception {
    if (storage != null) {
      closeStorage(storage);
    }
  }

  /**
   * How many read-modify-write updates each of 16 threads makes in {@link
   * ConcurrencySuite#contendedReadModifyWriteUpdatesLoseNothing}; 1,000 by default. A storage on a
   * slow server may lower it.
   */
  protected int contendedUpdatesPerThread() {
    return 1_000;
  }

  /**
   * How many operations each of 8 threads makes in {@link
   * ConcurrencySuite#mixedConcurrentWritesEndOnlyInTypedConflicts}; 1,250 by default (10,000 in
   * all).
   */
  protected int mixedOperationsPerThread() {
    return 1_250;
  }

  /** A signal of the contract's source, published (and observed) at {@code publishedAt}. */
  protected static Signal signal(String externalId, Instant publishedAt) {
    return Fixtures.signal(
        SOURCE, externalId, SignalType.NEWS, "Acme news " + externalId, publishedAt);
  }

  /** The key of {@link #signal(String, Instant)}. */
  protected static SignalKey key(String externalId) {
    return SignalKey.of(SOURCE, externalId);
  }

  /** Saves a new opportunity of a saved profile for the signal {@code externalId}. */
  protected Opportunity saveOpportunity(
      Profile profile, String externalId, double score, Instant publishedAt) {
    return storage
        .opportunities()
        .save(Fixtures.opportunity(profile.id(), key(externalId), score, publishedAt));
  }

  /** Every page of a query, following cursors until the last page. */
  protected List<Page<Opportunity>> readAll(FeedQuery first) {
    List<Page<Opportunity>> pages = new ArrayList<>();
    FeedQuery query = first;
    for (int guard = 0; guard < 1_000; guard++) {
      Page<Opportunity> page = storage.opportunities().feed(query);
      assertThat(page.items().size()).isLessThanOrEqualTo(query.limit());
      pages.add(page);
      if (page.nextCursor().isEmpty()) {
        return pages;
      }
      query = FeedQuery.builder().from(query).cursor(page.nextCursor()).build();
    }
    return fail("the feed did not end after 1000 pages: does a cursor repeat?");
  }

  /** profiles(). */
  @Nested
  class Profiles extends ProfileStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** signals(). */
  @Nested
  class Signals extends SignalStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** opportunities(): opportunities, the feed and feedback. */
  @Nested
  class Opportunities extends OpportunityStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** runs(): run reports and lifecycle events. */
  @Nested
  class Runs extends RunStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** sourceState(): watermarks, the shared query cache, costs and leases. */
  @Nested
  class SourceState extends SourceStateStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** outbox(). */
  @Nested
  class Outbox extends OutboxStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** teams(). */
  @Nested
  class Teams extends TeamStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** models(). */
  @Nested
  class Models extends ModelStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** tracking(), cross-tenant by design. */
  @Nested
  class Tracking extends TrackingStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** audit(): the append-only audit log. */
  @Nested
  class Audit extends AuditStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** accounts(): monitored accounts and their company keys. */
  @Nested
  class Accounts extends AccountStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** reviews(): review cards. */
  @Nested
  class Reviews extends ReviewStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** reviews(): the read models, scoped through the cards' accounts. */
  @Nested
  class ReviewReadModels extends ReviewReadModelSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** records(): system-of-record tracking. */
  @Nested
  class Records extends RecordStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** deals(): deals read from CRMs. */
  @Nested
  class Deals extends DealStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** deals(): the enrichment status of each deal, contact and account. */
  @Nested
  class DealStatuses extends DealStatusSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** deals(): each tenant's current ICP. */
  @Nested
  class DealIcps extends DealIcpSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** drafts(): playbook matches and draft versions of cards. */
  @Nested
  class Drafts extends DraftStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** sessions(): discovery sessions, responses, notes and exports. */
  @Nested
  class Sessions extends SessionStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** insight(): card records and the read models over them. */
  @Nested
  class Insight extends InsightStoreSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** opportunities() and insight(): the feed and the inbox filtered by urgency. */
  @Nested
  class UrgencyFilters extends UrgencyFilterSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** tenant isolation across every store. */
  @Nested
  class TenantIsolation extends TenantIsolationSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** transactions across stores. */
  @Nested
  class Transactions extends TransactionSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** concurrent writers and contention. */
  @Nested
  class Concurrency extends ConcurrencySuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }

  /** hostile values in every store. */
  @Nested
  class HostileInput extends HostileInputSuite {
    @Override
    StorageContract contract() {
      return StorageContract.this;
    }
  }
}
