package io.github.discoverysdk.connectors.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.reconcile.FindingKind;
import io.github.discoverysdk.reconcile.ReconcileReport;
import io.github.discoverysdk.reconcile.Reconciliation;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.SinkRecordState;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HubSpotSinkTest extends CrmSinkTestBase {
  /** deals, notes, tasks: records as HubSpot answers them ({@code id}, {@code properties}). */
  final Map<String, List<ObjectNode>> objects = new LinkedHashMap<>();

  {
    objects.put("deals", new ArrayList<>());
    objects.put("notes", new ArrayList<>());
    objects.put("tasks", new ArrayList<>());
  }

  int nextId = 9000;

  @Override
  String provider() {
    return "hubspot";
  }

  @Override
  OpportunitySink sink(HttpToolkit http, URI base, CredentialStore credentials) {
    return HubSpotSink.builder().http(http).baseUrl(base).credentials(credentials).build();
  }

  static String unique(String type) {
    return type.equals("deals") ? "discovery_opportunity_id" : "discovery_activity_id";
  }

  @Override
  FakeCrm.Api api() {
    return call -> {
      if (!("Bearer " + TOKEN).equals(call.header("Authorization"))) {
        return new FakeCrm.Reply(
            401, "{\"status\":\"error\",\"category\":\"INVALID_AUTHENTICATION\"}");
      }
      List<String> p = call.path(); // crm objects 2026-03 {type} [{id}]
      if (!p.subList(0, 3).equals(List.of("crm", "objects", "2026-03"))) {
        return new FakeCrm.Reply(404, "{\"status\":\"error\",\"message\":\"unknown path\"}");
      }
      String type = p.get(3);
      List<ObjectNode> table = objects.get(type);
      if (call.method().equals("GET") && p.size() == 5) {
        String idProperty = call.query().get("idProperty");
        for (ObjectNode o : table) {
          String v =
              idProperty == null
                  ? o.get("id").asText()
                  : o.get("properties").path(idProperty).asText();
          if (v.equals(p.get(4))) {
            return new FakeCrm.Reply(200, FakeCrm.json(o));
          }
        }
        return new FakeCrm.Reply(
            404,
            "{\"status\":\"error\",\"message\":\"resource not found\",\"category\":\"OBJECT_NOT_FOUND\"}");
      }
      if (call.method().equals("POST") && p.size() == 4) {
        JsonNode props = call.body().get("properties");
        String key = props.path(unique(type)).asText();
        for (ObjectNode o : table) {
          if (o.get("properties").path(unique(type)).asText().equals(key)) {
            return new FakeCrm.Reply(
                409,
                "{\"status\":\"error\",\"message\":\"A "
                    + type
                    + " with "
                    + unique(type)
                    + " already exists. Existing ID: "
                    + o.get("id").asText()
                    + "\",\"category\":\"CONFLICT\"}");
          }
        }
        if (!type.equals("deals") && !props.has("hs_timestamp")) {
          return new FakeCrm.Reply(400, "{\"status\":\"error\",\"category\":\"VALIDATION_ERROR\"}");
        }
        ObjectNode o = FakeCrm.object().put("id", Integer.toString(nextId++));
        o.set("properties", props.deepCopy());
        if (call.body().has("associations")) {
          o.set("associations", call.body().get("associations").deepCopy());
        }
        o.put("createdAt", "2026-09-08T10:00:00.000Z").put("archived", false);
        table.add(o);
        return new FakeCrm.Reply(201, FakeCrm.json(o));
      }
      if (call.method().equals("PATCH") && p.size() == 5) {
        for (ObjectNode o : table) {
          if (o.get("id").asText().equals(p.get(4))) {
            ((ObjectNode) o.get("properties")).setAll((ObjectNode) call.body().get("properties"));
            return new FakeCrm.Reply(200, FakeCrm.json(o));
          }
        }
        return new FakeCrm.Reply(404, "{\"status\":\"error\"}");
      }
      return new FakeCrm.Reply(400, "{\"status\":\"error\",\"message\":\"unexpected\"}");
    };
  }

  @Override
  Map<String, Integer> counts() {
    Map<String, Integer> m = new LinkedHashMap<>();
    objects.forEach((k, v) -> m.put(k, v.size()));
    return m;
  }

  @Override
  Map<String, Integer> distinctKeys() {
    Map<String, Integer> m = new LinkedHashMap<>();
    objects.forEach(
        (k, v) ->
            m.put(
                k,
                (int)
                    v.stream()
                        .map(o -> o.get("properties").path(unique(k)).asText())
                        .distinct()
                        .count()));
    return m;
  }

  @Test
  void dealNoteAndTaskHaveHubSpotsShapeAndAreAssociated() throws Exception {
    sink.accept(SinkFixtures.kubecon("opp_7f3a"), SinkFixtures.profile());

    JsonNode deal = objects.get("deals").get(0);
    JsonNode dp = deal.get("properties");
    assertThat(dp.get("dealname").asText()).isEqualTo("Acme — VP Eng speaking at KubeCon NA 2026");
    assertThat(dp.get("pipeline").asText()).isEqualTo("default");
    assertThat(dp.get("dealstage").asText()).isEqualTo("appointmentscheduled");
    assertThat(dp.get("discovery_opportunity_id").asText()).isEqualTo("acme:opp_7f3a");
    assertThat(dp.get("description").asText())
        .startsWith("Why now: Watchlist account Acme, exact domain match; Speaks at KubeCon");
    String dealId = deal.get("id").asText();

    JsonNode note = objects.get("notes").get(0);
    assertThat(note.get("properties").get("hs_timestamp").asText())
        .isEqualTo("2026-09-08T10:00:00Z");
    assertThat(note.get("properties").get("hs_note_body").asText())
        .startsWith("<p><strong>Why now:</strong> Watchlist account Acme");
    assertThat(note.get("properties").get("discovery_activity_id").asText())
        .startsWith("acme:opp_7f3a:note:");
    JsonNode na = note.get("associations").get(0);
    assertThat(na.get("to").get("id").asText()).isEqualTo(dealId);
    assertThat(na.get("types").get(0).get("associationCategory").asText())
        .isEqualTo("HUBSPOT_DEFINED");
    assertThat(na.get("types").get(0).get("associationTypeId").asInt()).isEqualTo(214);

    JsonNode task = objects.get("tasks").get(0);
    JsonNode tp = task.get("properties");
    assertThat(tp.get("hs_timestamp").asText()).isEqualTo("2026-10-29T09:00:00Z");
    assertThat(tp.get("hs_task_subject").asText())
        .isEqualTo("Reach out: Acme — VP Eng speaking at KubeCon NA 2026");
    assertThat(tp.get("hs_task_status").asText()).isEqualTo("NOT_STARTED");
    assertThat(tp.get("hs_task_priority").asText()).isEqualTo("HIGH");
    assertThat(tp.get("hs_task_type").asText()).isEqualTo("TODO");
    assertThat(task.get("associations").get(0).get("to").get("id").asText()).isEqualTo(dealId);
    assertThat(task.get("associations").get(0).get("types").get(0).get("associationTypeId").asInt())
        .isEqualTo(216);
  }

  @Test
  void anExistingDealKeepsTheStageTheSellerMoved() throws Exception {
    sink.accept(SinkFixtures.kubecon("opp_7f3a"), SinkFixtures.profile());
    ((ObjectNode) objects.get("deals").get(0).get("properties")).put("dealstage", "closedwon");

    sink.accept(SinkFixtures.updated("opp_7f3a").opportunity(), SinkFixtures.profile());

    assertThat(objects.get("deals")).hasSize(1);
    assertThat(objects.get("deals").get(0).get("properties").get("dealstage").asText())
        .isEqualTo("closedwon");
    assertThat(objects.get("notes")).hasSize(2); // one per signal version
    assertThat(objects.get("notes").get(1).get("properties").get("hs_note_body").asText())
        .contains("Changed: Event moved from 2026-11-12 to 2026-11-19");
  }

  @Test
  void conflictOnANoteCountsAsAlreadyCreated() throws Exception {
    sink.accept(SinkFixtures.kubecon("opp_7f3a"), SinkFixtures.profile());
    int before = fake.requests();

    sink.accept(SinkFixtures.kubecon("opp_7f3a"), SinkFixtures.profile());

    // read deal, update deal, note 409, task 409: nothing created, no failure
    assertThat(fake.requests() - before).isEqualTo(4);
    assertThat(counts().values()).containsOnly(1);
  }

  @Test
  void lookupReadsTheDealBackByItsUniquePropertyAndWritesNothing() throws Exception {
    Opportunity o = SinkFixtures.kubecon("opp_7f3a");
    assertThat(sink.lookup(o)).isEqualTo(SinkRecordState.MISSING);

    sink.accept(o, SinkFixtures.profile());
    int before = fake.requests();
    Map<String, Integer> written = counts();
    assertThat(sink.lookup(o)).isEqualTo(SinkRecordState.MATCHES);
    assertThat(fake.requests() - before).as("one GET").isEqualTo(1);
    assertThat(counts()).isEqualTo(written);

    ((ObjectNode) objects.get("deals").get(0).get("properties")).put("dealname", "Renamed");
    assertThat(sink.lookup(o)).isEqualTo(SinkRecordState.DIFFERENT);

    objects.get("deals").clear();
    assertThat(sink.lookup(o)).isEqualTo(SinkRecordState.MISSING);
  }

  @Test
  void reconciliationRecreatesADealDeletedInHubSpotOnceWithoutDuplicatingNotesOrTasks() {
    InMemoryStorage storage = InMemoryStorage.create();
    ScriptedSource news = ScriptedSource.feed("news");
    news.publish(
        Fixtures.signal(
            "news",
            "s1",
            SignalType.NEWS,
            "Stripe raises a new round",
            SinkFixtures.NOW.minus(Duration.ofHours(1)),
            OrganizationMention.of("Stripe", OrganizationRole.SUBJECT)));
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(news)
            .scorer(Scoring.defaults())
            .addOpportunitySink(sink)
            .pushWhen("hubspot", (o, p) -> true)
            .clock(clock)
            .build()) {
      Profile p =
          engine.profiles().save(Fixtures.profile("acme", "payments", Company.of("Stripe")));
      engine.discover(p.id());
      assertThat(engine.feed(FeedQuery.forProfile(p.id()).build()).items()).hasSize(1);
      assertThat(counts()).containsEntry("deals", 1).containsEntry("notes", 1);
      Reconciliation job =
          Reconciliation.builder()
              .storage(storage)
              .clock(clock)
              .opportunitySinks(List.of(sink))
              .dispatchWith(engine::dispatch)
              .build();
      assertThat(job.run("acme").findings()).as("HubSpot agrees").isEmpty();

      objects.get("deals").clear(); // someone deleted the deal in HubSpot
      ReconcileReport report = job.run("acme");

      assertThat(report.of(FindingKind.CRM_MISSING))
          .singleElement()
          .satisfies(f -> assertThat(f.repaired()).isTrue());
      assertThat(counts())
          .as("the deal again; the note and task answered 409 and were not duplicated")
          .containsEntry("deals", 1)
          .containsEntry("notes", 1)
          .containsEntry("tasks", 1);
      assertThat(job.run("acme").findings()).isEmpty();
      assertThat(counts()).containsEntry("deals", 1);
    }
  }
}
