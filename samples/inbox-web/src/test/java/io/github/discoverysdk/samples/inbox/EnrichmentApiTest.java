package io.github.discoverysdk.samples.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The enrichment API over real HTTP, on the bundled closed deals and without an enrichment key (the
 * offline demo): the status and summary shapes, the batch's bounds and its honest "no enricher"
 * answer, the permissions of {@code SecuredClosedDeals}, the ICP from the deals' titles, a proposal
 * applied and audited, and the monthly chain.
 */
class EnrichmentApiTest extends InboxWebTestBase {
  @Autowired DiscoveryEngine engine;

  @Test
  void theStatusSaysWhatIsConfiguredAndCountsTheBundledDealsOfTheLookback() {
    JsonNode s = api.get("admin", "/api/v1/enrichment/status").expect(200).json();
    assertThat(s.path("now").asText()).isEqualTo(NOW.toString());
    JsonNode c = s.path("config");
    assertThat(c.path("apolloKey").asBoolean()).isFalse();
    assertThat(c.path("serperKey").asBoolean()).isFalse();
    assertThat(c.path("enricher").isNull()).as("no key, no enricher").isTrue();
    assertThat(c.path("autoEnrichOnClose").asBoolean()).isTrue();
    assertThat(c.path("lookbackMonths").asInt()).isEqualTo(6);
    assertThat(c.path("cacheDays").asInt()).isEqualTo(90);
    // 40 bundled deals, 5 of them closed more than six months ago
    assertThat(s.path("lookbackMonths").asInt()).isEqualTo(6);
    assertThat(s.path("closedDeals").asInt()).isEqualTo(35);
    assertThat(s.path("enrichedDeals").asInt()).isZero();
    assertThat(s.path("enrichedContacts").asInt()).isZero();
    assertThat(s.path("dealContacts").asInt()).isGreaterThan(35);
    assertThat(s.path("lastEnrichedAt").isNull()).isTrue();
    JsonNode year =
        api.get("admin", "/api/v1/enrichment/status?lookbackMonths=12").expect(200).json();
    assertThat(year.path("closedDeals").asInt()).isEqualTo(40);
    JsonNode bad = api.get("admin", "/api/v1/enrichment/status?lookbackMonths=25").problem(400);
    assertThat(bad.path("detail").asText()).contains("lookbackMonths");
  }

  @Test
  void theSummaryBreaksDownEveryDealAndNothingIsEnrichedWithoutAKey() {
    JsonNode sum = api.get("admin", "/api/v1/enrichment/summary").expect(200).json();
    JsonNode deals = sum.path("deals");
    assertThat(deals).hasSize(35);
    List<String> statuses = new ArrayList<>();
    deals.forEach(d -> statuses.add(d.path("status").asText()));
    assertThat(statuses).containsOnly("MISSING");
    JsonNode first = deals.get(0);
    assertThat(first.path("source").asText()).isEqualTo(DemoDeals.SOURCE);
    assertThat(first.path("domain").asText()).contains(".");
    assertThat(first.path("contacts").get(0).path("status").asText()).isEqualTo("MISSING");
    assertThat(first.path("contacts").get(0).path("role").asText()).isNotBlank();
    assertThat(sum.path("coverage").size()).as("no source answered").isZero();
    assertThat(sum.path("topIndustries").size()).as("industries need enrichment").isZero();
    assertThat(sum.path("roles").size()).as("roles from the titles").isPositive();
  }

  @Test
  void aBatchOutOfBoundsIs400NamingTheArgumentAndWithoutAKeyIs400SayingSo() {
    JsonNode limit =
        api.post("admin", "/api/v1/enrichment/batch", Map.of("lookbackMonths", 6, "limit", 1000))
            .problem(400);
    assertThat(limit.path("detail").asText()).startsWith("limit:");
    JsonNode months =
        api.post("admin", "/api/v1/enrichment/batch", Map.of("lookbackMonths", 0, "limit", 10))
            .problem(400);
    assertThat(months.path("detail").asText()).startsWith("lookbackMonths:");
    api.post("admin", "/api/v1/enrichment/batch", Map.of("limit", 10)).problem(400);
    JsonNode noKey =
        api.post("admin", "/api/v1/enrichment/batch", Map.of("lookbackMonths", 6, "limit", 10))
            .problem(400);
    assertThat(noKey.path("detail").asText()).contains("needs an enricher");
    assertThat(noKey.path("error").asText()).isEqualTo("ValidationException");
  }

  @Test
  void rolesWithoutTenantWidePermissionsAre403() {
    for (String user : List.of("vic", "mia", "ana")) {
      JsonNode p = api.get(user, "/api/v1/enrichment/status").problem(403);
      assertThat(p.path("type").asText()).endsWith("/access-denied");
      api.get(user, "/api/v1/enrichment/summary").problem(403);
      api.get(user, "/api/v1/enrichment/icp").problem(403);
      api.get(user, "/api/v1/enrichment/proposals").problem(403);
    }
    api.post("vic", "/api/v1/enrichment/batch", Map.of("lookbackMonths", 6, "limit", 10))
        .problem(403);
    api.post("ana", "/api/v1/enrichment/refresh?month=2026-05", Map.of()).problem(403);
    // applying to a profile needs PROFILE_WRITE over it: ben may not touch Ana's
    api.post("ben", "/api/v1/enrichment/proposals/fintech-emea/apply", Map.of()).problem(403);
    api.post("vic", "/api/v1/enrichment/proposals/fintech-emea/apply", Map.of()).problem(403);
    api.get(null, "/api/v1/enrichment/status").problem(401);
  }

  @Test
  void theIcpComesFromTheDealsTitlesAndAnAppliedProposalIsSavedAndAudited() {
    JsonNode icp = api.get("admin", "/api/v1/enrichment/icp").expect(200).json();
    assertThat(icp.path("won").asInt()).isEqualTo(19);
    assertThat(icp.path("lost").asInt()).isEqualTo(16);
    List<String> titles = new ArrayList<>();
    icp.path("traits")
        .forEach(
            t -> {
              if (t.path("kind").asText().equals("TITLE")) {
                titles.add(t.path("example").asText());
                assertThat(t.path("evidence").asText()).contains(" won deals, ");
              }
            });
    assertThat(titles).contains("VP Finance").doesNotContain("IT Manager");

    JsonNode proposals = api.get("admin", "/api/v1/enrichment/proposals").expect(200).json();
    JsonNode revenue = null;
    for (JsonNode p : proposals) {
      if (p.path("profileId").asText().equals("revenue-tech")) {
        revenue = p;
      }
    }
    assertThat(revenue).as("a proposal for revenue-tech in %s", proposals).isNotNull();
    assertThat(revenue.path("changes").findValuesAsText("value")).contains("VP Finance");

    JsonNode saved =
        api.post("admin", "/api/v1/enrichment/proposals/revenue-tech/apply", Map.of())
            .expect(200)
            .json();
    assertThat(saved.path("targetTitles").toString()).contains("VP Finance");
    assertThat(saved.path("version").asLong()).isGreaterThan(revenue.path("version").asLong());
    assertThat(
            api.get("admin", "/api/v1/enrichment/proposals")
                .expect(200)
                .json()
                .findValuesAsText("profileId"))
        .doesNotContain("revenue-tech");
    List<AuditEntry> trail =
        engine
            .as(DemoUsers.principal("admin"), RequestContext.of("127.0.0.1", "test", "t-audit"))
            .auditOf("profile", "revenue-tech", 0, 100);
    AuditEntry last = trail.get(trail.size() - 1);
    assertThat(last.action()).isEqualTo(AuditAction.UPDATE);
    assertThat(last.changes().toString()).contains("VP Finance");

    api.post("admin", "/api/v1/enrichment/proposals/no-such-profile/apply", Map.of()).problem(404);
  }

  @Test
  void theMonthlyChainRunsOnceForABegunMonth() {
    api.post("admin", "/api/v1/enrichment/refresh?month=2026-13", Map.of()).problem(400);
    JsonNode future =
        api.post("admin", "/api/v1/enrichment/refresh?month=2026-07", Map.of()).problem(400);
    assertThat(future.path("detail").asText()).contains("month must have begun");
    JsonNode done =
        api.post("admin", "/api/v1/enrichment/refresh?month=2026-04", Map.of()).expect(200).json();
    assertThat(done.path("outcome").asText()).isEqualTo("DONE");
    assertThat(done.path("steps").findValuesAsText("name")).contains("DERIVE_ICP");
    assertThat(done.path("icp").path("traits")).isNotEmpty();
    JsonNode again =
        api.post("admin", "/api/v1/enrichment/refresh?month=2026-04", Map.of()).expect(200).json();
    assertThat(again.path("outcome").asText()).isEqualTo("ALREADY_DONE");
  }

  @Test
  void theServerTimeAndTheEndpointsArePublished() {
    assertThat(api.get("ana", "/api/v1/me").expect(200).json().path("now").asText())
        .isEqualTo(NOW.toString());
    JsonNode doc = api.get(null, "/v3/api-docs").expect(200).json();
    for (String path :
        List.of(
            "/api/v1/enrichment/status",
            "/api/v1/enrichment/batch",
            "/api/v1/enrichment/summary",
            "/api/v1/enrichment/icp",
            "/api/v1/enrichment/proposals",
            "/api/v1/enrichment/proposals/{profileId}/apply",
            "/api/v1/enrichment/refresh")) {
      assertThat(doc.path("paths").has(path)).as(path).isTrue();
    }
    ApiClient.Reply page = api.get(null, "/enrichment.html").expect(200);
    assertThat(page.body()).contains("<script src=\"app.js\"></script>", "enrichment.js");
  }
}
