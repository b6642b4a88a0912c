package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.RunStatus;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.EnrichmentContext;
import io.github.discoverysdk.spi.EnrichmentResult;
import io.github.discoverysdk.spi.EnrichmentSubject;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class EnrichmentTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-23T09:00:00Z"));
  private final ScriptedSource news = ScriptedSource.feed("news");
  private final List<EnrichmentSubject> asked = new CopyOnWriteArrayList<>();

  /** Finds a headcount for companies, if the tenant has a key. */
  private final Enricher keyed =
      new Enricher() {
        @Override
        public String id() {
          return "apollo";
        }

        @Override
        public Set<EnrichmentSubject.Kind> kinds() {
          return Set.of(EnrichmentSubject.Kind.COMPANY);
        }

        @Override
        public EnrichmentResult enrich(List<EnrichmentSubject> subjects, EnrichmentContext ctx) {
          if (ctx.credentials().find(ctx.tenant(), id()).isEmpty()) {
            return EnrichmentResult.builder()
                .addSkipped("apollo: no key for tenant " + ctx.tenant())
                .build();
          }
          asked.addAll(subjects);
          EnrichmentResult.Builder b = EnrichmentResult.builder().calls(1).estimatedCost(0.1);
          subjects.forEach(s -> b.putAttributes(s.id(), Map.of("headcount", "8000")));
          return b.build();
        }
      };

  private RunReport run(Enricher enricher, CredentialStore credentials) {
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(news)
            .scorer(Scoring.defaults())
            .clock(clock)
            .enricher(enricher)
            .credentials(credentials)
            .build()) {
      Profile p =
          engine
              .profiles()
              .save(
                  Profile.builder()
                      .tenant("acme")
                      .id(ProfileId.of("acme", "p1"))
                      .owner("u")
                      .name("p1")
                      .addWatchlist(Company.of("Stripe", "stripe.com"))
                      .build());
      news.publish(
          Signal.builder()
              .key(SignalKey.of("news", "n1"))
              .type(SignalType.FUNDING)
              .title("Stripe raises")
              .publishedAt(clock.instant())
              .observedAt(clock.instant())
              .addOrganizations(OrganizationMention.of("Stripe", OrganizationRole.SUBJECT))
              .build());
      return engine.discover(p.id());
    }
  }

  private final InMemoryStorage storage = InMemoryStorage.create();

  private Opportunity opportunity() {
    return storage.opportunities().feed(FeedQuery.forTenant("acme").build()).items().get(0);
  }

  @Test
  void theCompanyOfANewOpportunityIsEnrichedAndTheCallsReported() {
    RunReport run = run(keyed, CredentialStore.of(Map.of("acme/apollo", Secret.of("k-123"))));

    assertThat(opportunity().companyAttributes()).containsEntry("headcount", "8000");
    assertThat(asked)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.name()).contains("Stripe");
              assertThat(s.domain()).contains("stripe.com");
            });
    assertThat(run.companiesEnriched()).isEqualTo(1);
    assertThat(run.sources())
        .filteredOn(s -> s.sourceId().equals("enrichment:apollo"))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.calls()).isEqualTo(1);
              assertThat(s.estimatedCost()).isEqualTo(0.1);
            });
  }

  @Test
  void aMissingKeySkipsEnrichmentWithAReasonAndTheRunSucceeds() {
    RunReport run = run(keyed, CredentialStore.none());

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.enrichmentSkipped()).containsExactly("apollo: no key for tenant acme");
    assertThat(run.summary()).contains("enrichment skipped: apollo: no key for tenant acme");
    assertThat(run.opportunitiesNew()).isEqualTo(1);
    assertThat(opportunity().companyAttributes()).isEmpty();
  }

  @Test
  void aFailingEnricherNeverFailsTheRunNorLeaksItsMessage() {
    Enricher broken =
        new Enricher() {
          @Override
          public String id() {
            return "broken";
          }

          @Override
          public Set<EnrichmentSubject.Kind> kinds() {
            return Set.of(EnrichmentSubject.Kind.COMPANY);
          }

          @Override
          public EnrichmentResult enrich(List<EnrichmentSubject> s, EnrichmentContext c)
              throws IOException {
            throw new IOException("401 for api_key=sk-secret");
          }
        };

    RunReport run = run(broken, CredentialStore.none());

    assertThat(run.opportunitiesNew()).isEqualTo(1);
    assertThat(run.enrichmentSkipped()).containsExactly("broken: failed (IOException)");
    assertThat(run.summary()).doesNotContain("sk-secret");
  }
}
