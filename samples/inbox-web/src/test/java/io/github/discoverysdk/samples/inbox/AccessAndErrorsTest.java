package io.github.discoverysdk.samples.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Authentication, account scope, keyset paging and the problem+json error mapping. */
class AccessAndErrorsTest extends InboxWebTestBase {

  @Test
  void withoutTokenTheApiAnswers401AsProblemAndTheUserListIsOpen() {
    JsonNode p = api.get(null, "/api/v1/inbox").problem(401);
    assertThat(p.path("detail").asText()).contains("Bearer");
    assertThat(api.get("nobody", "/api/v1/inbox").status()).isEqualTo(401);
    JsonNode users = api.get(null, "/api/v1/users").expect(200).json();
    assertThat(users.findValuesAsText("user")).contains("admin", "mia", "ana", "ben", "vic");
  }

  @Test
  void anAccountManagerSeesOnlyTheCardsOfHerOwnAccounts() {
    Set<String> anas = accountsInInbox("ana");
    Set<String> bens = accountsInInbox("ben");
    assertThat(anas).isNotEmpty().isSubsetOf("acct-stripe", "acct-adyen");
    assertThat(bens).isNotEmpty().isSubsetOf("acct-snowflake", "acct-databricks");
    assertThat(accountsInInbox("admin")).containsAll(anas).containsAll(bens);
    assertThat(api.get("ben", "/api/v1/accounts").expect(200).json().findValuesAsText("id"))
        .containsExactlyInAnyOrder("acct-databricks", "acct-snowflake");
  }

  @Test
  void anotherAccountsCardIsForbiddenToAnAccountManager() {
    String anasCard = firstCard("ana").path("opportunityId").asText();
    JsonNode p = api.get("ben", "/api/v1/opportunities/" + anasCard).problem(403);
    assertThat(p.path("type").asText()).endsWith("/access-denied");
    assertThat(p.path("detail").asText()).contains("ben");
    api.get("ben", "/api/v1/accounts/acct-stripe").problem(403);
    api.get("ben", "/api/v1/reviews/" + anasCard + "/history").problem(403);
    api.post("ben", "/api/v1/opportunities/" + anasCard + "/feedback", Map.of("type", "SAVE"))
        .problem(403);
    JsonNode filtered =
        api.get("ben", "/api/v1/inbox?account=acct-stripe&limit=200").expect(200).json();
    assertThat(filtered.path("items")).isEmpty();
    // ana herself reads it
    api.get("ana", "/api/v1/opportunities/" + anasCard).expect(200);
  }

  @Test
  void theFeedPagesByCursorWithoutGapsOrDuplicates() {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          api.get(
                  "admin",
                  "/api/v1/feed?limit=7&sort=DATE"
                      + (cursor == null ? "" : "&cursor=" + encode(cursor)))
              .expect(200)
              .json();
      page.path("items").forEach(o -> ids.add(o.path("id").asText()));
      cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
      pages++;
    } while (cursor != null && pages < 100);
    assertThat(pages).isGreaterThan(1);
    assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    JsonNode all = api.get("admin", "/api/v1/feed?limit=500").expect(200).json();
    assertThat(ids).hasSize(all.path("items").size());
  }

  @Test
  void typedErrorsMapTo400And404And409() {
    api.get("ana", "/api/v1/opportunities/no-such-card").problem(404);
    api.get("ana", "/api/v1/sessions/no-such-session").problem(404);
    JsonNode limit = api.get("ana", "/api/v1/inbox?limit=1000").problem(400);
    assertThat(limit.path("detail").asText()).contains("limit");
    api.get("ana", "/api/v1/inbox?limit=abc").problem(400);
    JsonNode card = firstCard("ana");
    String id = card.path("opportunityId").asText();
    JsonNode noReason =
        api.post("ana", "/api/v1/opportunities/" + id + "/feedback", Map.of("type", "DISMISS"))
            .problem(400);
    assertThat(noReason.path("detail").asText()).contains("reason is required with DISMISS");
    api.post("ana", "/api/v1/opportunities/" + id + "/feedback", "{not json").problem(400);
    JsonNode stale =
        api.post("ana", "/api/v1/reviews/" + id + "/refine", Map.of("version", 999, "note", "x"))
            .problem(409);
    assertThat(stale.path("error").asText()).isEqualTo("ConcurrentUpdateException");
    // a viewer may read but not write: 403
    api.post(
            "vic",
            "/api/v1/profiles",
            Map.of("id", "vic-p", "name", "Vic's", "keywords", List.of("payments")))
        .problem(403);
  }

  @Test
  void theOpenApiDocumentListsTheApi() {
    JsonNode doc = api.get(null, "/v3/api-docs").expect(200).json();
    assertThat(doc.path("paths").has("/api/v1/feed")).isTrue();
    assertThat(doc.path("paths").has("/api/v1/reviews/{id}/approve")).isTrue();
    assertThat(doc.path("paths").has("/api/v1/sessions/{id}/export")).isTrue();
    assertThat(doc.path("paths").path("/api/v1/feed").path("get").path("parameters").toString())
        .contains("cursor")
        .doesNotContain("SecuredEngine");
  }

  @Test
  void thePagesAreServedAndTheirDataNeedsALogin() {
    for (String page :
        List.of(
            "/",
            "/inbox.html",
            "/account.html",
            "/sessions.html",
            "/wizard.html",
            "/analytics.html")) {
      ApiClient.Reply r = api.get(null, page).expect(200);
      assertThat(r.contentType()).as(page).startsWith("text/html");
      assertThat(r.body()).as(page).contains("<script src=\"app.js\"></script>");
    }
    assertThat(api.get(null, "/inbox.html").body()).contains("Load more");
    assertThat(api.get(null, "/inbox.js").expect(200).body()).contains("/inbox?", "nextCursor");
    api.get(null, "/api/v1/me").problem(401);
  }

  private Set<String> accountsInInbox(String user) {
    JsonNode page = api.get(user, "/api/v1/inbox?limit=200").expect(200).json();
    Set<String> accounts = new HashSet<>();
    page.path("items")
        .forEach(
            c -> {
              if (!c.path("item").path("accountId").isNull()) {
                accounts.add(c.path("item").path("accountId").asText());
              }
            });
    return accounts;
  }

  private JsonNode firstCard(String user) {
    JsonNode items = api.get(user, "/api/v1/inbox?limit=1").expect(200).json().path("items");
    assertThat(items).isNotEmpty();
    return items.get(0).path("item");
  }

  static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }
}
