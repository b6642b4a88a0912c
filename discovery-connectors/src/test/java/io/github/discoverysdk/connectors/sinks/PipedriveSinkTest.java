package io.github.discoverysdk.connectors.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.OpportunitySink;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipedriveSinkTest extends CrmSinkTestBase {
  static final String FIELD = "d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3";

  /** Pipedrive has no unique keys: every create adds a record, so duplicates would show. */
  final List<ObjectNode> deals = new ArrayList<>();

  /** Deals the search returns for any term, as a lagging or fuzzy index may. */
  final List<ObjectNode> decoys = new ArrayList<>();

  final List<ObjectNode> notes = new ArrayList<>();
  final List<ObjectNode> activities = new ArrayList<>();
  int nextId = 900;

  @Override
  String provider() {
    return "pipedrive";
  }

  @Override
  OpportunitySink sink(HttpToolkit http, URI base, CredentialStore credentials) {
    return PipedriveSink.builder()
        .http(http)
        .baseUrl(base)
        .credentials(credentials)
        .externalIdField(FIELD)
        .build();
  }

  private static String ok(JsonNode data) {
    ObjectNode r = FakeCrm.object().put("success", true);
    r.set("data", data);
    r.putObject("additional_data").putNull("next_cursor");
    return FakeCrm.json(r);
  }

  private ObjectNode create(List<ObjectNode> table, JsonNode body) {
    ObjectNode o = ((ObjectNode) body.deepCopy()).put("id", nextId++);
    table.add(o);
    return o;
  }

  private ArrayNode byDeal(List<ObjectNode> table, String dealId) {
    ArrayNode a = SinkSupport.JSON.createArrayNode();
    table.stream().filter(o -> o.get("deal_id").asText().equals(dealId)).forEach(a::add);
    return a;
  }

  @Override
  FakeCrm.Api api() {
    return call -> {
      if (!TOKEN.equals(call.header("x-api-token"))) {
        return new FakeCrm.Reply(
            401, "{\"success\":false,\"error\":\"unauthorized access\",\"errorCode\":401}");
      }
      String path = "/" + String.join("/", call.path());
      if (call.method().equals("GET") && path.matches("/api/v2/deals/\\d+")) {
        long dealId = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        return deals.stream()
            .filter(d -> d.get("id").asLong() == dealId)
            .findFirst()
            .map(d -> new FakeCrm.Reply(200, ok(d)))
            .orElse(new FakeCrm.Reply(404, "{\"success\":false,\"error\":\"Deal not found\"}"));
      }
      switch (call.method() + " " + path) {
        case "GET /api/v2/deals/search" -> {
          // Pipedrive matches exactly only terms of at most 30 characters; longer terms, or no
          // exact_match, match anywhere in the field (and in titles, when fields asks for them).
          String term = call.query().get("term").toLowerCase(java.util.Locale.ROOT);
          boolean exact = "true".equals(call.query().get("exact_match")) && term.length() <= 30;
          ObjectNode data = FakeCrm.object();
          ArrayNode items = data.putArray("items");
          for (ObjectNode d : deals) {
            String value =
                d.get("custom_fields").path(FIELD).asText().toLowerCase(java.util.Locale.ROOT);
            String title = d.get("title").asText().toLowerCase(java.util.Locale.ROOT);
            boolean hit =
                exact
                    ? value.equals(term)
                    : value.contains(term) || title.contains(term) || decoys.contains(d);
            if (hit) {
              ObjectNode item = items.addObject().put("result_score", 1.0);
              item.putObject("item")
                  .put("id", d.get("id").asLong())
                  .put("title", d.get("title").asText());
            }
          }
          return new FakeCrm.Reply(200, ok(data));
        }
        case "POST /api/v2/deals" -> {
          return new FakeCrm.Reply(200, ok(create(deals, call.body())));
        }
        case "GET /api/v1/notes" -> {
          ArrayNode a = byDeal(notes, call.query().get("deal_id"));
          return new FakeCrm.Reply(200, ok(a.isEmpty() ? null : a)); // v1 answers null, not []
        }
        case "POST /api/v1/notes" -> {
          return new FakeCrm.Reply(201, ok(create(notes, call.body())));
        }
        case "GET /api/v2/activities" -> {
          return new FakeCrm.Reply(200, ok(byDeal(activities, call.query().get("deal_id"))));
        }
        case "POST /api/v2/activities" -> {
          return new FakeCrm.Reply(200, ok(create(activities, call.body())));
        }
        default -> {
          return new FakeCrm.Reply(404, "{\"success\":false,\"error\":\"not found\"}");
        }
      }
    };
  }

  @Override
  Map<String, Integer> counts() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("deals", deals.size());
    m.put("notes", notes.size());
    m.put("activities", activities.size());
    return m;
  }

  @Override
  Map<String, Integer> distinctKeys() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put(
        "deals",
        (int)
            deals.stream().map(d -> d.get("custom_fields").get(FIELD).asText()).distinct().count());
    m.put("notes", (int) notes.stream().map(n -> n.get("deal_id").asText()).distinct().count());
    m.put(
        "activities",
        (int) activities.stream().map(n -> n.get("deal_id").asText()).distinct().count());
    return m;
  }

  @Test
  void dealNoteAndActivityHavePipedrivesShape() throws Exception {
    sink.accept(SinkFixtures.kubecon("opp_7f3a"), SinkFixtures.profile());

    JsonNode deal = deals.get(0);
    assertThat(deal.get("title").asText()).isEqualTo("Acme — VP Eng speaking at KubeCon NA 2026");
    assertThat(deal.get("custom_fields").get(FIELD).asText())
        .isEqualTo(PipedriveSink.searchKey("acme:opp_7f3a"))
        .hasSize(30)
        .startsWith("dsc-");
    assertThat(deal.get("expected_close_date").asText()).isEqualTo("2026-10-29");
    long dealId = deal.get("id").asLong();
    JsonNode note = notes.get(0);
    assertThat(note.get("deal_id").asLong()).isEqualTo(dealId);
    assertThat(note.get("content").asText())
        .startsWith("<p><b>Why now:</b> Watchlist account Acme")
        .contains("ref: discovery-ref-");
    JsonNode activity = activities.get(0);
    assertThat(activity.get("subject").asText())
        .isEqualTo("Reach out: Acme — VP Eng speaking at KubeCon NA 2026");
    assertThat(activity.get("type").asText()).isEqualTo("task");
    assertThat(activity.get("due_date").asText()).isEqualTo("2026-10-29");
    assertThat(activity.get("deal_id").asLong()).isEqualTo(dealId);
  }

  @Test
  void aCreateThatFailedAfterItWasAppliedIsFoundInsteadOfResent() throws Exception {
    fake.failAfterWrite(1.0); // the deal create is applied, its answer lost
    int before = fake.requests();
    try {
      sink.accept(SinkFixtures.kubecon("o1"), SinkFixtures.profile());
    } catch (Exception expected) {
      // every write's answer is lost; the caller will deliver again
    }
    fake.failAfterWrite(0);

    sink.accept(SinkFixtures.kubecon("o1"), SinkFixtures.profile());

    assertThat(fake.requests()).isGreaterThan(before);
    assertThat(counts().values()).containsOnly(1);
  }

  @Test
  void aConflictOnCreateCountsAsAlreadyExisting() throws Exception {
    sink.accept(SinkFixtures.kubecon("o1"), SinkFixtures.profile());
    // the search index lags: it misses the deal, and the create answers 409
    fake.force(
        new FakeCrm.Reply(
            200, ok(FakeCrm.object().set("items", SinkSupport.JSON.createArrayNode()))));
    fake.force(new FakeCrm.Reply(409, "{\"success\":false,\"error\":\"already exists\"}"));

    sink.accept(SinkFixtures.updated("o1").opportunity(), SinkFixtures.profile());

    assertThat(deals).hasSize(1);
    assertThat(notes).hasSize(2); // one per signal version
    assertThat(activities).hasSize(2);
  }

  /** Pipedrive documents exact_match for terms of at most 30 characters: the key must fit. */
  @Test
  void theSearchKeyFitsPipedrivesExactMatchAndIsSentWithIt() throws Exception {
    sink.accept(
        SinkFixtures.kubecon("a-rather-long-opportunity-id-0123456789"), SinkFixtures.profile());
    sink.accept(
        SinkFixtures.kubecon("a-rather-long-opportunity-id-0123456789"), SinkFixtures.profile());

    assertThat(deals).hasSize(1);
    assertThat(PipedriveSink.searchKey("t:" + "x".repeat(500))).hasSize(30);
  }

  /** A hit whose custom field does not hold the key is someone else's deal, never ours. */
  @Test
  void aSearchHitWhoseFieldDiffersIsNotTakenForTheDeal() throws Exception {
    ObjectNode other = FakeCrm.object().put("id", 5).put("title", "Someone else's deal");
    other.putObject("custom_fields").put(FIELD, "dsc-not-ours");
    deals.add(other);
    decoys.add(other);

    sink.accept(SinkFixtures.kubecon("o1"), SinkFixtures.profile());

    assertThat(deals).hasSize(2);
    long ours = deals.get(1).get("id").asLong();
    assertThat(notes)
        .singleElement()
        .satisfies(n -> assertThat(n.get("deal_id").asLong()).isEqualTo(ours));
  }
}
