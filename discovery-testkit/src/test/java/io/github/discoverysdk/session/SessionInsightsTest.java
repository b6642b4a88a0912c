package io.github.discoverysdk.session;

import static io.github.discoverysdk.session.SessionWorld.ANA;
import static io.github.discoverysdk.session.SessionWorld.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.session.catalogue.Catalogue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionInsightsTest {
  private final SessionWorld w = new SessionWorld();

  @AfterEach
  void close() {
    w.close();
  }

  @Test
  void insightsNameVendorCountsOverlapGapsMaturityAndAlternativesWithReasons() {
    Session s = w.start("acc-1", "security");
    w.sessions.answer(
        ANA,
        TENANT,
        s.id(),
        "security.endpoint",
        Answer.vendors(List.of("CrowdStrike", "Microsoft Defender", "Sophos")),
        0);
    w.sessions.answer(
        ANA, TENANT, s.id(), "security.identity", Answer.vendors(List.of("Entra ID", "Okta")), 0);
    w.sessions.answer(
        ANA, TENANT, s.id(), "security.network", Answer.vendors(List.of("Palo Alto Networks")), 0);

    SessionInsights i = w.sessions.insights(TENANT, s.id());

    assertThat(i.vendorsByCategory())
        .containsEntry("endpoint_security", List.of("CrowdStrike", "Microsoft", "Sophos"))
        .containsEntry("identity_access", List.of("Microsoft", "Okta"))
        .containsEntry("network_security", List.of("Palo Alto Networks"));
    assertThat(i.consolidation())
        .containsExactly(
            "3 vendors in endpoint_security: CrowdStrike, Microsoft, Sophos",
            "2 vendors in identity_access: Microsoft, Okta",
            "Microsoft is used in 2 categories: endpoint_security, identity_access");
    assertThat(i.gaps())
        .containsExactly(
            "question security.detection is unanswered: Which products detect and respond to threats, and which protect data (DLP)?",
            "category threat_detection has no vendor",
            "category data_protection has no vendor",
            "question security.sizing is unanswered: How large is the estate to protect?");
    // 3 of 5 questions (30 points) and 3 of 5 categories (30 points).
    assertThat(i.maturity().vertical()).isEqualTo("security");
    assertThat(i.maturity().score()).isEqualTo(60);
    assertThat(i.maturity().reasons())
        .containsExactly(
            "3 of 5 questions answered (30 of 50 points)",
            "3 of 5 vendor categories covered (30 of 50 points)",
            "the estate is not sized yet");
    Catalogue c = w.sessions.catalogue();
    assertThat(i.alternatives().get("Palo Alto Networks"))
        .hasSize(SessionInsights.MAX_ALTERNATIVES)
        .doesNotContain("Palo Alto Networks")
        .allSatisfy(v -> assertThat(c.vendor(v).orElseThrow().in("network_security")).isTrue());
    assertThat(i.alternatives().get("CrowdStrike"))
        .doesNotContain("Microsoft", "Sophos", "CrowdStrike");

    // Deterministic: the same answers give the same insights.
    assertThat(w.sessions.insights(TENANT, s.id())).isEqualTo(i);
  }

  @Test
  void aFullyAnsweredVerticalScoresFullMaturity() {
    Session s = w.start("acc-1", "data");
    w.sessions.answer(
        ANA, TENANT, s.id(), "data.infrastructure", Answer.vendors(List.of("Snowflake")), 0);
    w.sessions.answer(ANA, TENANT, s.id(), "data.analytics", Answer.vendors(List.of("Tableau")), 0);
    w.sessions.answer(
        ANA,
        TENANT,
        s.id(),
        "data.governance",
        Answer.vendors(List.of(), List.of("In-house catalogue")),
        0);
    w.sessions.answer(
        ANA, TENANT, s.id(), "data.sizing", Answer.sizing(Map.of("warehouse", 80.0)), 0);

    SessionInsights i = w.sessions.insights(TENANT, s.id());
    assertThat(i.gaps()).isEmpty();
    assertThat(i.consolidation()).isEmpty();
    assertThat(i.maturity().score()).isEqualTo(100);
    assertThat(i.maturity().reasons()).contains("the estate is sized");
  }
}
