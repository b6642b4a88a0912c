package io.github.discoverysdk;

import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.RequestContext;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.review.ReviewSettings;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the review tests share: a clock, one in-memory storage, a scripted source, recording sinks,
 * engines with review on, a profile watching Stripe and Stripe's account. Close it after each test.
 */
final class ReviewFixture implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final String TENANT = "acme";
  static final Actor ANA = Actor.user("ana", RequestContext.of("10.0.0.1", "test", "req-1"));
  static final Actor BEN = Actor.user("ben", RequestContext.none());

  final MutableClock clock = MutableClock.at(T0);
  final InMemoryStorage memory = InMemoryStorage.create();
  final ScriptedSource news = ScriptedSource.feed("news");
  final Slack slack = new Slack();
  final Crm crm = new Crm();
  private final List<DiscoveryEngine> engines = new ArrayList<>();

  /** An alert sink that records what it got. */
  static final class Slack implements AlertSink {
    final List<Alert> alerts = new CopyOnWriteArrayList<>();

    @Override
    public String id() {
      return "slack";
    }

    @Override
    public void deliver(Alert alert) {
      alerts.add(alert);
    }
  }

  /** A CRM that records, and can be told to fail permanently. */
  static final class Crm implements OpportunitySink {
    final Map<String, Opportunity> records = new ConcurrentHashMap<>();
    final AtomicInteger failures = new AtomicInteger();

    @Override
    public String id() {
      return "crm";
    }

    @Override
    public void accept(Opportunity o, Profile p) throws Exception {
      if (failures.getAndDecrement() > 0) {
        throw new SinkException("crm refused: " + new IOException("400"), true);
      }
      records.put(o.id().value(), o);
    }
  }

  DiscoveryEngine engine() {
    return engine(memory);
  }

  DiscoveryEngine engine(Storage storage) {
    DiscoveryEngine e =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(news)
            .scorer(Scoring.defaults())
            .clock(clock)
            .addAlertSink(slack)
            .addOpportunitySink(crm)
            .maxDeliveryAttempts(2)
            .review(
                ReviewSettings.builder()
                    .escalateAfter(Duration.ofHours(48))
                    .escalationSink("slack")
                    .build())
            .build();
    engines.add(e);
    return e;
  }

  /** The profile p1, saved on first use. */
  Profile profile(DiscoveryEngine engine) {
    Optional<Profile> saved = engine.profiles().find(ProfileId.of(TENANT, "p1"));
    if (saved.isPresent()) {
      return saved.get();
    }
    return engine
        .profiles()
        .save(
            Profile.builder()
                .tenant(TENANT)
                .id(ProfileId.of(TENANT, "p1"))
                .owner("ana")
                .name("payments")
                .addWatchlist(Company.of("Stripe"), Company.of("Adyen"))
                .build());
  }

  /** The opportunity of profile p1 made from the signal {@code signal} of the news source. */
  Opportunity opportunityOf(DiscoveryEngine engine, String signal) {
    return engine
        .feed(
            io.github.discoverysdk.model.FeedQuery.forProfile(profile(engine).id())
                .limit(100)
                .build())
        .items()
        .stream()
        .filter(o -> o.signalKey().externalId().equals(signal))
        .findFirst()
        .orElseThrow();
  }

  static Account account(String id, String name, String owner, String team) {
    return Account.builder()
        .tenant(TENANT)
        .id(id)
        .name(name)
        .owner(owner)
        .team(team)
        .manager("mia")
        .addDomains(name.toLowerCase() + ".com")
        .createdAt(T0)
        .updatedAt(T0)
        .build();
  }

  Signal news(String id, String company) {
    return Signal.builder()
        .key(SignalKey.of("news", id))
        .type(SignalType.NEWS)
        .title(company + " raises funding " + id)
        .publishedAt(clock.instant().minus(Duration.ofHours(1)))
        .observedAt(clock.instant())
        .addOrganizations(OrganizationMention.of(company, OrganizationRole.SUBJECT))
        .build();
  }

  /** An opportunity stored directly (not by a run), without a card. */
  Opportunity stored(String signal) {
    Profile p = memory.profiles().find(ProfileId.of(TENANT, "p1")).orElseThrow();
    return memory
        .opportunities()
        .save(
            Fixtures.opportunity(
                OpportunityId.of(TENANT, "o-" + signal),
                p.id(),
                SignalKey.of("news", signal),
                60,
                clock.instant()));
  }

  /** The tenant's audit entries but the fixture's own profile saves, in order. */
  List<AuditEntry> audit() {
    return memory.audit().byTime(TENANT, Instant.EPOCH, Instant.MAX, 0, 10_000).stream()
        .filter(e -> !e.entityType().equals("profile"))
        .toList();
  }

  @Override
  public void close() {
    engines.forEach(DiscoveryEngine::close);
  }
}
