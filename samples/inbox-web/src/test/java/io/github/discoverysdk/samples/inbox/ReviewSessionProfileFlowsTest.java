package io.github.discoverysdk.samples.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flows of the pages, through the API: feedback, review, sessions and the profile wizard. */
class ReviewSessionProfileFlowsTest extends InboxWebTestBase {

  @Test
  void dismissingWithAReasonTakesTheCardOutOfTheOpenView() {
    JsonNode items = api.get("admin", "/api/v1/inbox?limit=200").expect(200).json().path("items");
    JsonNode card = null;
    for (JsonNode c : items) {
      if (c.path("item").path("status").asText().equals("NEW")) {
        card = c.path("item");
      }
    }
    assertThat(card).as("a NEW card").isNotNull();
    String id = card.path("opportunityId").asText();
    JsonNode after =
        api.post(
                "admin",
                "/api/v1/opportunities/" + id + "/feedback",
                Map.of("type", "DISMISS", "reason", "ALREADY_KNOWN", "note", "in touch already"))
            .expect(200)
            .json();
    assertThat(after.path("status").asText()).isEqualTo("DISMISSED");
    JsonNode feedback = api.get("admin", "/api/v1/opportunities/" + id + "/feedback").json();
    assertThat(feedback.get(0).path("reason").asText()).isEqualTo("ALREADY_KNOWN");
    assertThat(feedback.get(0).path("actor").asText()).isEqualTo("admin");
    JsonNode open = api.get("admin", "/api/v1/feed?status=NEW&limit=500").expect(200).json();
    assertThat(open.path("items").findValuesAsText("id")).doesNotContain(id);
  }

  @Test
  void feedbackOnACardUnderReviewIsRecordedWhileTheCardKeepsItsReviewStatus() {
    JsonNode card = cardIn("ben", "PENDING_REVIEW");
    String id = card.path("opportunityId").asText();
    JsonNode after =
        api.post(
                "ben",
                "/api/v1/opportunities/" + id + "/feedback",
                Map.of("type", "DISMISS", "reason", "NOT_RELEVANT"))
            .expect(200)
            .json();
    assertThat(after.path("status").asText()).isEqualTo("PENDING_REVIEW");
    assertThat(api.get("ben", "/api/v1/opportunities/" + id + "/feedback").json().toString())
        .contains("NOT_RELEVANT");
  }

  @Test
  void aCardIsRefinedAndApprovedAndTheHistoryShowsIt() {
    JsonNode card = cardIn("ana", "PENDING_REVIEW");
    String id = card.path("opportunityId").asText();
    JsonNode submitted = api.get("ana", "/api/v1/reviews/" + id).expect(200).json();
    assertThat(submitted.path("state").asText()).isEqualTo("PENDING_REVIEW");
    JsonNode refined =
        api.post(
                "ana",
                "/api/v1/reviews/" + id + "/refine",
                Map.of(
                    "version",
                    submitted.path("version").asLong(),
                    "narrative",
                    "Intro through our champion",
                    "scoreOverride",
                    0.9,
                    "scoreReason",
                    "Renewal next quarter"))
            .expect(200)
            .json();
    assertThat(refined.path("narrative").asText()).isEqualTo("Intro through our champion");
    // the viewer of the team may not decide
    api.post(
            "vic", "/api/v1/reviews/" + id + "/approve", Map.of("version", refined.path("version")))
        .problem(403);
    JsonNode approved =
        api.post(
                "mia",
                "/api/v1/reviews/" + id + "/approve",
                Map.of("version", refined.path("version").asLong(), "reason", "Go"))
            .expect(200)
            .json();
    assertThat(approved.path("state").asText()).isEqualTo("APPROVED");
    assertThat(approved.path("decidedBy").asText()).isEqualTo("mia");
    JsonNode history = api.get("ana", "/api/v1/reviews/" + id + "/history").expect(200).json();
    assertThat(history.findValuesAsText("actor")).contains("ana", "mia");
    assertThat(history.toString()).contains("Intro through our champion").contains("Go");
    // approving again is an illegal transition: 409
    api.post(
            "mia",
            "/api/v1/reviews/" + id + "/approve",
            Map.of("version", approved.path("version")))
        .problem(409);
  }

  @Test
  void aSessionIsAnsweredAndExportedAsCsv() {
    JsonNode s =
        api.post(
                "ana",
                "/api/v1/sessions",
                Map.of("accountId", "acct-adyen", "accountName", "Adyen", "vertical", "security"))
            .expect(201)
            .json();
    String id = s.path("id").asText();
    api.post(
            "ana",
            "/api/v1/sessions/" + id + "/responses",
            Map.of(
                "questionId",
                "security.identity",
                "type",
                "VENDOR_MULTI",
                "vendors",
                List.of("Okta"),
                "version",
                0))
        .expect(200);
    api.post(
            "ana",
            "/api/v1/sessions/" + id + "/notes",
            Map.of("type", "RISK", "text", "Okta renewal in May"))
        .expect(201);
    JsonNode view = api.get("ana", "/api/v1/sessions/" + id).expect(200).json();
    assertThat(view.path("responses").findValuesAsText("questionId"))
        .containsExactly("security.identity");
    ApiClient.Reply csv = api.get("ana", "/api/v1/sessions/" + id + "/export?format=CSV");
    csv.expect(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.raw().headers().firstValue("Content-Disposition").orElse(""))
        .contains("attachment")
        .contains(".csv");
    assertThat(csv.body()).contains("security.identity").contains("Okta");
    // an account manager of another account may not read it
    api.get("ben", "/api/v1/sessions/" + id).problem(403);
    // an answer that does not fit the question is a 400
    api.post(
            "ana",
            "/api/v1/sessions/" + id + "/responses",
            Map.of("questionId", "no.such.question", "type", "TEXT", "text", "x", "version", 0))
        .problem(400);
  }

  @Test
  void aProfileFromTheWizardIsWarmStartedByARun() {
    Map<String, Object> profile =
        Map.of(
            "id",
            "wizard-payments",
            "name",
            "Payments watch",
            "industries",
            List.of("fintech"),
            "regions",
            List.of("EMEA"),
            "targetTitles",
            List.of("VP Sales"),
            "watchlist",
            List.of(Map.of("name", "Stripe", "domains", List.of("stripe.com"))),
            "frequency",
            "DAILY",
            "version",
            0);
    JsonNode saved = api.post("ben", "/api/v1/profiles", profile).expect(201).json();
    assertThat(saved.path("owner").asText()).isEqualTo("ben");
    JsonNode warm =
        api.get("ben", "/api/v1/feed?profileId=wizard-payments&limit=50").expect(200).json();
    assertThat(warm.path("items")).as("warm-started before any run").isNotEmpty();
    JsonNode run =
        api.post("ben", "/api/v1/profiles/wizard-payments/discover", Map.of()).expect(200).json();
    assertThat(run.path("status").asText()).isEqualTo("SUCCEEDED");
    JsonNode feed =
        api.get("ben", "/api/v1/feed?profileId=wizard-payments&limit=50").expect(200).json();
    assertThat(feed.path("items")).isNotEmpty();
    assertThat(feed.path("items").get(0).path("breakdown")).isNotEmpty();
    // ana does not own it
    api.get("ana", "/api/v1/feed?profileId=wizard-payments").problem(403);
    // invalid input names the field
    JsonNode bad =
        api.post("ben", "/api/v1/profiles", Map.of("id", "bad id!", "name", "")).problem(400);
    assertThat(bad.path("detail").asText()).contains("id").contains("name");
  }

  @Test
  void runsAnalyticsAndHealthAnswerTheAdminAndNotTheViewer() {
    assertThat(api.get("admin", "/api/v1/runs").expect(200).json()).isNotEmpty();
    JsonNode a = api.get("admin", "/api/v1/analytics/runs").expect(200).json();
    assertThat(a.path("runs").asInt()).isPositive();
    assertThat(a.path("successRate").asDouble()).isBetween(0.0, 1.0);
    api.get("vic", "/api/v1/analytics/runs").problem(403);
    assertThat(api.get("admin", "/api/v1/health").expect(200).json().path("status").asText())
        .isNotBlank();
    JsonNode health = api.get("ana", "/api/v1/accounts/acct-stripe/health").expect(200).json();
    assertThat(health.path("weeks")).isNotEmpty();
    assertThat(api.get("ana", "/api/v1/teams").expect(200).json().findValuesAsText("name"))
        .contains("EMEA sellers");
    JsonNode costs = api.get("admin", "/api/v1/analytics/costs").expect(200).json();
    assertThat(costs.path("calls").asInt()).isPositive();
  }

  @Test
  void searchFindsTheCallersCardsOnlyWithinHerAccounts() {
    JsonNode hits = api.get("ana", "/api/v1/search?q=Stripe&limit=50").expect(200).json();
    assertThat(hits.path("items")).isNotEmpty();
    assertThat(hits.path("items").get(0).path("title").asText()).isNotBlank();
    for (JsonNode h : hits.path("items")) {
      if (!h.path("accountId").isNull()) {
        assertThat(h.path("accountId").asText()).isIn("acct-stripe", "acct-adyen");
      }
    }
    JsonNode bens = api.get("ben", "/api/v1/search?q=Stripe&limit=50").expect(200).json();
    assertThat(bens.path("items").findValuesAsText("accountId"))
        .doesNotContain("acct-stripe", "acct-adyen");
    api.get("ana", "/api/v1/search").problem(400);
  }

  private JsonNode cardIn(String user, String state) {
    JsonNode items =
        api.get(user, "/api/v1/inbox?limit=200&state=" + state).expect(200).json().path("items");
    assertThat(items).as("%s has a %s card", user, state).isNotEmpty();
    // each test takes a different card so the shared context stays independent of order
    return items.get(items.size() - 1).path("item");
  }
}
