package io.github.discoverysdk.search.lucene;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.review.ReviewSettings;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.search.SearchIndex;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;

/**
 * Two tenants watching the same companies, with review on: in "acme", Stripe is ana's account and
 * Adyen bob's; "globex" has a Stripe account of its own. Runs card each opportunity to its account.
 * Close it after each test.
 */
final class SearchWorld implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  static final String ACME = "acme";
  static final String GLOBEX = "globex";
  static final Actor SYS = Actor.system("test");
  static final Principal ANA = Principal.of("ana", ACME, "account_manager");
  static final Principal BOB = Principal.of("bob", ACME, "account_manager");
  static final Principal ADMIN = Principal.of("root", ACME, "admin");

  final MutableClock clock = MutableClock.at(T0);
  final Storage storage;
  final ScriptedSource news = ScriptedSource.feed("news");
  final SearchIndex index;
  final DiscoveryEngine engine;

  SearchWorld() {
    this(InMemoryStorage.create(), LuceneSearchIndex.inMemory());
  }

  SearchWorld(Storage storage, SearchIndex index) {
    this.storage = storage;
    this.index = index;
    this.engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(news)
            .scorer(Scoring.defaults())
            .clock(clock)
            .review(ReviewSettings.builder().build())
            .searchIndex(index)
            .build();
    for (String tenant : new String[] {ACME, GLOBEX}) {
      engine
          .profiles()
          .save(
              Profile.builder()
                  .tenant(tenant)
                  .id(ProfileId.of(tenant, "p1"))
                  .owner("ana")
                  .name("payments")
                  .addWatchlist(Company.of("Stripe"), Company.of("Adyen"))
                  .build());
    }
    engine.accounts().create(SYS, account(ACME, "a-stripe", "Stripe", "ana"));
    engine.accounts().create(SYS, account(ACME, "a-adyen", "Adyen", "bob"));
    engine.accounts().create(SYS, account(GLOBEX, "g-stripe", "Stripe", "ana"));
  }

  static Account account(String tenant, String id, String name, String owner) {
    return Account.builder()
        .tenant(tenant)
        .id(id)
        .name(name)
        .owner(owner)
        .addDomains(name.toLowerCase(java.util.Locale.ROOT) + ".com")
        .createdAt(T0)
        .updatedAt(T0)
        .build();
  }

  /** A news item about {@code company}, with a title and a body. */
  Signal news(String id, String company, String title, String body) {
    return Signal.builder()
        .key(SignalKey.of("news", id))
        .type(SignalType.NEWS)
        .title(company + " " + title)
        .text(body)
        .publishedAt(clock.instant().minus(Duration.ofHours(1)))
        .observedAt(clock.instant())
        .addOrganizations(OrganizationMention.of(company, OrganizationRole.SUBJECT))
        .build();
  }

  /** Runs discovery for both tenants. */
  void discover() {
    engine.discover(ProfileId.of(ACME, "p1"));
    engine.discover(ProfileId.of(GLOBEX, "p1"));
  }

  @Override
  public void close() {
    engine.close();
    index.close();
  }
}
