package io.github.discoverysdk.deals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.storage.InMemoryStorage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DealReportsTest {
  static final Instant NOW = Instant.parse("2026-09-01T09:00:00Z");
  final InMemoryStorage storage = InMemoryStorage.create();
  final DealReports reports = new DealReports(storage, Clock.fixed(NOW, ZoneOffset.UTC));

  private static Deal deal(
      String id, DealStage stage, int daysAgo, String domain, DealContact... c) {
    Deal.Builder b =
        Deal.builder()
            .tenant("acme")
            .source("crm")
            .id(id)
            .name("Deal " + id)
            .stage(stage)
            .closedAt(NOW.minus(Duration.ofDays(daysAgo)))
            .updatedAt(NOW.minus(Duration.ofDays(daysAgo)))
            .addContacts(c);
    if (domain != null) {
      b.account(DealAccount.of("Account " + domain, domain));
    }
    return b.build();
  }

  private void cache(CachedEnrichment.Kind kind, String key, Map<String, String> attributes) {
    storage
        .deals()
        .saveEnrichments(
            List.of(
                CachedEnrichment.builder()
                    .tenant("acme")
                    .kind(kind)
                    .key(key)
                    .attributes(attributes)
                    .enrichedAt(NOW.minus(Duration.ofDays(2)))
                    .build()));
  }

  @Test
  void countsEnrichedAndPartialDealsRolesCoverageAndTheBreakdown() {
    DealContact jane = DealContact.of("jane@acme.de", "Jane", "VP Sales");
    DealContact ops = DealContact.of("ops@acme.de", null, null);
    DealContact bob = DealContact.of("bob@globex.com", "Bob", "Procurement Manager");
    storage
        .deals()
        .saveAll(
            List.of(
                deal("1", DealStage.CLOSED_WON, 10, "acme.de", jane, ops),
                deal("2", DealStage.CLOSED_LOST, 20, "globex.com", bob),
                deal("3", DealStage.CLOSED_WON, 30, null, jane),
                deal("old", DealStage.CLOSED_WON, 400, "acme.de", jane)));
    cache(
        CachedEnrichment.Kind.ACCOUNT,
        "acme.de",
        Map.of("industry", "fintech", "employees", "450", "apolloId", "o1"));
    cache(
        CachedEnrichment.Kind.CONTACT, "jane@acme.de", Map.of("seniority", "vp", "apolloId", "p1"));
    cache(CachedEnrichment.Kind.ACCOUNT, "globex.com", Map.of("headquarters", "Springfield"));

    DealReport r = reports.report("acme", 6);

    assertThat(r.closedDeals()).isEqualTo(3);
    assertThat(r.dealContacts()).isEqualTo(3);
    assertThat(r.enrichedContacts()).isEqualTo(1);
    assertThat(r.enrichedAccounts()).isEqualTo(2);
    // deal 3 has no account and its one contact is enriched; deal 1 misses ops; deal 2 misses bob
    assertThat(r.enrichedDeals()).isEqualTo(1);
    assertThat(r.partialDeals()).isEqualTo(2);
    assertThat(r.rolesResolved()).isEqualTo(2);
    assertThat(r.roles())
        .containsEntry(BuyingRole.DECISION_MAKER, 1)
        .containsEntry(BuyingRole.BLOCKER, 1)
        .containsEntry(BuyingRole.UNKNOWN, 1);
    assertThat(r.coverage()).containsEntry("apollo", 2).containsEntry("serper", 1);
    assertThat(r.topIndustries()).containsExactly(Map.entry("fintech", 1));
    assertThat(r.companySizes()).containsExactly(Map.entry("201-1000", 1));
    assertThat(r.lastEnrichedAt()).contains(NOW.minus(Duration.ofDays(2)));
    assertThat(r.deals()).extracting(b -> b.deal().id()).containsExactly("3", "2", "1");
    DealBreakdown first = r.deals().get(2);
    assertThat(first.contacts())
        .extracting(c -> c.contact().email() + " " + c.status() + " " + c.role().role())
        .containsExactly("jane@acme.de ENRICHED DECISION_MAKER", "ops@acme.de MISSING UNKNOWN");
    assertThat(first.contacts().get(0).role().seniorityVerified()).isTrue();
  }

  @Test
  void anEmptyTenantHasAnEmptyReportAndTheLookbackIsValidated() {
    DealReport r = reports.report("acme", 24);

    assertThat(r.closedDeals()).isZero();
    assertThat(r.lastEnrichedAt()).isEmpty();
    assertThatThrownBy(() -> reports.report("acme", 0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("lookbackMonths must be between 1 and 24, was 0");
    assertThatThrownBy(() -> reports.report("acme", 25)).isInstanceOf(ValidationException.class);
  }
}
