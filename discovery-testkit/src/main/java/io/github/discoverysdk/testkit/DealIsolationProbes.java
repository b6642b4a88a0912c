package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.deals.CachedEnrichment;
import io.github.discoverysdk.deals.Deal;
import io.github.discoverysdk.deals.DealCursor;
import io.github.discoverysdk.deals.DealStage;
import io.github.discoverysdk.deals.EnrichmentStatus;
import io.github.discoverysdk.deals.Icp;
import io.github.discoverysdk.deals.IcpTrait;
import io.github.discoverysdk.spi.Storage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant isolation probes of deals() for {@link TenantIsolationSuite}: tenant A's deal is
 * written by the constructor; {@link #addProbes} has tenant B call every method of the store with
 * A's keys and cursor; {@link #snapshot} is everything of A's the store returns.
 */
final class DealIsolationProbes {
  private final Storage storage;
  private final String a;
  private final Instant from;
  private final Deal deal;

  DealIsolationProbes(Storage storage, String a, Instant from) {
    this.storage = storage;
    this.a = a;
    this.from = from;
    Instant t0 = StoreSuiteSupport.T0;
    this.deal =
        storage
            .deals()
            .saveAll(
                List.of(StoreSuiteSupport.deal(a, "hubspot", "d-1", DealStage.CLOSED_WON, t0, t0)))
            .get(0);
    storage
        .deals()
        .saveEnrichments(
            List.of(
                StoreSuiteSupport.enrichment(
                    a, CachedEnrichment.Kind.CONTACT, "jane@acme.com", t0)));
    storage
        .deals()
        .saveStatuses(
            List.of(
                status(a, EnrichmentStatus.Subject.DEAL, "hubspot/d-1", t0),
                status(a, EnrichmentStatus.Subject.CONTACT, "jane@acme.com", t0)));
    storage.deals().saveIcp(icp(a, "fintech", t0));
  }

  private static Icp icp(String tenant, String industry, Instant at) {
    return new Icp(
        tenant,
        3,
        2,
        List.of(new IcpTrait(IcpTrait.Kind.INDUSTRY, industry, industry, 3, 3, 0, 2, 0.8)),
        at);
  }

  private static EnrichmentStatus status(
      String tenant, EnrichmentStatus.Subject subject, String key, Instant at) {
    return EnrichmentStatus.builder()
        .tenant(tenant)
        .subject(subject)
        .key(key)
        .outcome(EnrichmentStatus.Outcome.QUEUED)
        .source("deal-import")
        .at(at)
        .build();
  }

  /** Everything of tenant A's the store returns. */
  List<Object> snapshot() {
    return List.of(
        storage.deals().find(a, deal.source(), deal.id()),
        storage.deals().listClosed(a, from, Optional.empty(), 100),
        storage.deals().findEnrichments(a, CachedEnrichment.Kind.CONTACT, List.of("jane@acme.com")),
        storage.deals().findStatuses(a, EnrichmentStatus.Subject.CONTACT, List.of("jane@acme.com")),
        storage
            .deals()
            .listStatuses(a, EnrichmentStatus.Subject.DEAL, EnrichmentStatus.Outcome.QUEUED, 100),
        storage.deals().findIcp(a));
  }

  /** Adds tenant {@code b}'s probe of every method of the store. */
  void addProbes(String b, Map<String, Runnable> probes) {
    probes.put(
        "deals.find",
        () -> assertThat(storage.deals().find(b, deal.source(), deal.id())).isEmpty());
    probes.put(
        "deals.listClosed",
        () -> {
          assertThat(storage.deals().listClosed(b, from, Optional.empty(), 100)).isEmpty();
          DealCursor beforeA = new DealCursor(Instant.EPOCH, "a", "a");
          assertThat(storage.deals().listClosed(b, from, Optional.of(beforeA), 100)).isEmpty();
        });
    probes.put(
        "deals.findEnrichments",
        () ->
            assertThat(
                    storage
                        .deals()
                        .findEnrichments(
                            b, CachedEnrichment.Kind.CONTACT, List.of("jane@acme.com")))
                .isEmpty());
    probes.put(
        "deals.saveEnrichments",
        () ->
            storage
                .deals()
                .saveEnrichments(
                    List.of(
                        StoreSuiteSupport.enrichment(
                            b,
                            CachedEnrichment.Kind.CONTACT,
                            "jane@acme.com",
                            StoreSuiteSupport.T0.plusSeconds(5)))));
    probes.put(
        "deals.findStatuses",
        () ->
            assertThat(
                    storage
                        .deals()
                        .findStatuses(
                            b, EnrichmentStatus.Subject.CONTACT, List.of("jane@acme.com")))
                .isEmpty());
    probes.put(
        "deals.listStatuses",
        () ->
            assertThat(
                    storage
                        .deals()
                        .listStatuses(
                            b, EnrichmentStatus.Subject.DEAL, EnrichmentStatus.Outcome.QUEUED, 100))
                .isEmpty());
    probes.put(
        "deals.saveStatuses",
        () ->
            storage
                .deals()
                .saveStatuses(
                    List.of(
                        status(
                            b,
                            EnrichmentStatus.Subject.CONTACT,
                            "jane@acme.com",
                            StoreSuiteSupport.T0.plusSeconds(5)))));
    probes.put("deals.findIcp", () -> assertThat(storage.deals().findIcp(b)).isEmpty());
    // B's own ICP, later than A's: A's stays as it was.
    probes.put(
        "deals.saveIcp",
        () -> storage.deals().saveIcp(icp(b, "mining", StoreSuiteSupport.T0.plusSeconds(5))));
    // A's key under B, with a later updatedAt: a new deal of B, version 1; A's stays as it was.
    probes.put(
        "deals.saveAll",
        () ->
            assertThat(
                    storage
                        .deals()
                        .saveAll(
                            List.of(
                                Deal.builder()
                                    .from(deal)
                                    .tenant(b)
                                    .name("Mallory")
                                    .updatedAt(deal.updatedAt().plusSeconds(1))
                                    .build())))
                .singleElement()
                .satisfies(
                    d -> {
                      assertThat(d.tenant()).isEqualTo(b);
                      assertThat(d.version()).isEqualTo(1);
                    }));
  }
}
