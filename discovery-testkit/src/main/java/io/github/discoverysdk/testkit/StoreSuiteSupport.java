package io.github.discoverysdk.testkit;

import io.github.discoverysdk.deals.CachedEnrichment;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealAccount;
import io.github.discoverysdk.deals.DealContact;
import io.github.discoverysdk.deals.DealStage;
import io.github.discoverysdk.lifecycle.ChangeKind;
import io.github.discoverysdk.lifecycle.LifecycleChange;
import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.model.CostEntry;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.FeedbackType;
import io.github.discoverysdk.model.ModelState;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Page;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.SharedOpportunity;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.model.Watermark;
import io.github.discoverysdk.spi.Storage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What every suite of the storage contract shares: the tenants, instants and source its data uses,
 * the builders of that data, and the storage under test, which it takes from the {@link
 * StorageContract} that runs it.
 *
 * <p>Not a test by itself: each suite that extends it runs as a nested class of {@link
 * StorageContract}, which binds it to the storage its implementation creates. An implementation
 * gets every suite by extending {@link StorageContract}, never by extending a suite directly.
 */
public abstract class StoreSuiteSupport {
  /** The tenant most tests write to. */
  static final String TENANT_A = StorageContract.TENANT_A;

  /** Another tenant, which must never see {@link #TENANT_A}'s rows. */
  static final String TENANT_B = StorageContract.TENANT_B;

  /** A fixed instant the tests' data is placed around. */
  static final Instant T0 = StorageContract.T0;

  /** The source of {@link #signal(String, Instant)}. */
  static final String SOURCE = "contract-source";

  StoreSuiteSupport() {}

  /** The contract that runs this suite: its storage and its hooks. */
  abstract StorageContract contract();

  /** The storage under test, fresh for each test. */
  Storage storage() {
    return contract().storage;
  }

  /** {@code n} opportunities of one new profile of {@code tenant}, ids {@code o-0}, {@code o-1}… */
  List<Opportunity> opportunities(String tenant, int n) {
    Profile p = storage().profiles().save(profileWithId(tenant, "p-" + n));
    List<Opportunity> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          storage()
              .opportunities()
              .save(
                  Fixtures.opportunity(
                      OpportunityId.of(tenant, "o-" + i), p.id(), key("s-" + i), 50, T0)));
    }
    return out;
  }

  /** A deal of Acme with one contact, closed (for a closed stage) at {@code closedAt}. */
  static Deal deal(
      String tenant, String source, String id, DealStage stage, Instant closedAt, Instant updated) {
    return Deal.builder()
        .tenant(tenant)
        .source(source)
        .id(id)
        .name("Acme " + id)
        .stage(stage)
        .closedAt(closedAt)
        .account(DealAccount.of("Acme", "acme.com"))
        .addContacts(DealContact.of("jane@acme.com", "Jane Doe", "VP Sales"))
        .updatedAt(updated)
        .build();
  }

  /** A cached enrichment with a title and a seniority. */
  static CachedEnrichment enrichment(
      String tenant, CachedEnrichment.Kind kind, String key, Instant at) {
    return CachedEnrichment.builder()
        .tenant(tenant)
        .kind(kind)
        .key(key)
        .putAttributes("title", "VP Sales")
        .putAttributes("seniority", "vp")
        .enrichedAt(at)
        .build();
  }

  /** {@code deal} as a store returns it at {@code version}. */
  static Deal withVersion(Deal deal, long version) {
    return Deal.builder().from(deal).version(version).build();
  }

  /** A signal of the contract's source, published (and observed) at {@code publishedAt}. */
  static Signal signal(String externalId, Instant publishedAt) {
    return StorageContract.signal(externalId, publishedAt);
  }

  /** The key of {@link #signal(String, Instant)}. */
  static SignalKey key(String externalId) {
    return StorageContract.key(externalId);
  }

  /** Saves a new opportunity of a saved profile for the signal {@code externalId}. */
  Opportunity saveOpportunity(
      Profile profile, String externalId, double score, Instant publishedAt) {
    return contract().saveOpportunity(profile, externalId, score, publishedAt);
  }

  /** Every page of a query, following cursors until the last page. */
  List<Page<Opportunity>> readAll(FeedQuery first) {
    return contract().readAll(first);
  }

  static CostEntry cost(
      String tenant, Instant at, boolean cacheHit, double cost, String... profiles) {
    return CostEntry.builder()
        .tenant(tenant)
        .sourceId("sec")
        .queryKey("company:stripe")
        .at(at)
        .cacheHit(cacheHit)
        .cost(cost)
        .addProfileIds(profiles)
        .build();
  }

  static OutboxEntry outbox(String id, Opportunity o, String sink, String key, Instant due) {
    return OutboxEntry.builder()
        .id(id)
        .tenant(o.tenant())
        .sinkId(sink)
        .kind(DeliveryKind.NEW_ALERT)
        .opportunityId(o.id())
        .dedupeKey(key)
        .nextAttemptAt(due)
        .createdAt(due)
        .updatedAt(due)
        .build();
  }

  static Team team(String tenant, String id, String... members) {
    return Team.builder()
        .tenant(tenant)
        .id(id)
        .name("Team " + id)
        .addMembers(members)
        .createdAt(T0)
        .build();
  }

  static SharedOpportunity share(Opportunity o, String teamId, String by, Instant at) {
    return SharedOpportunity.builder()
        .tenant(o.tenant())
        .teamId(teamId)
        .opportunityId(o.id())
        .sharedBy(by)
        .sharedAt(at)
        .build();
  }

  static ModelState modelState(String tenant, String name, String payload) {
    return ModelState.builder().tenant(tenant).name(name).payload(payload).updatedAt(T0).build();
  }

  static LifecycleEvent lifecycleEvent(String tenant, String signal, Instant at, ChangeKind kind) {
    return LifecycleEvent.builder()
        .tenant(tenant)
        .signalKey(key(signal))
        .detectedAt(at)
        .addChanges(LifecycleChange.of(kind, kind.name()))
        .build();
  }

  List<OpportunityId> feedIds(FeedQuery.Builder query) {
    return readAll(query.limit(FeedQuery.MAX_LIMIT).build()).stream()
        .flatMap(p -> p.items().stream())
        .map(Opportunity::id)
        .toList();
  }

  static Profile profileWithId(String tenant, String id) {
    return Profile.builder()
        .from(Fixtures.profile(tenant, "Profile " + id))
        .id(ProfileId.of(tenant, id))
        .build();
  }

  static Feedback feedback(FeedbackType type, Instant at) {
    return Feedback.builder().type(type).at(at).build();
  }

  static RunReport run(String tenant, String runId, Instant startedAt) {
    return RunReport.builder()
        .runId(runId)
        .tenant(tenant)
        .startedAt(startedAt)
        .finishedAt(startedAt.plusSeconds(5))
        .status(RunStatus.SUCCEEDED)
        .queriesPlanned(0)
        .queriesExecuted(0)
        .signalsFetched(0)
        .signalsNew(0)
        .signalsChanged(0)
        .signalsUnchanged(0)
        .recordsRejected(0)
        .signalsBackfilled(0)
        .matches(0)
        .opportunitiesNew(0)
        .opportunitiesUpdated(0)
        .opportunitiesUnchanged(0)
        .alertsSent(0)
        .build();
  }

  static Watermark watermark(String tenant, String queryKey, String cursor) {
    return Watermark.builder()
        .tenant(tenant)
        .sourceId(SOURCE)
        .queryKey(queryKey)
        .cursor(cursor)
        .updatedAt(T0)
        .build();
  }
}
