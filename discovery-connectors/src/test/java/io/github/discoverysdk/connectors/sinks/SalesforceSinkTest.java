package io.github.discoverysdk.connectors.sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.connectors.http.ConnectorException.Kind;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.OpportunitySink;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesforceSinkTest extends CrmSinkTestBase {
  static final String NOT_FOUND =
      "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]";

  /** Opportunity and Task records, each with its Discovery_Id__c; a list, so duplicates show. */
  final Map<String, List<ObjectNode>> sobjects = new LinkedHashMap<>();

  {
    sobjects.put("Opportunity", new ArrayList<>());
    sobjects.put("Task", new ArrayList<>());
  }

  int nextId = 1;

  @Override
  String provider() {
    return "salesforce";
  }

  @Override
  OpportunitySink sink(HttpToolkit http, URI base, CredentialStore credentials) {
    return SalesforceSink.builder().http(http).instanceUrl(base).credentials(credentials).build();
  }

  @Override
  FakeCrm.Api api() {
    return call -> {
      if (!("Bearer " + TOKEN).equals(call.header("Authorization"))) {
        return new FakeCrm.Reply(
            401,
            "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]");
      }
      List<String> p = call.path(); // services data v62.0 sobjects {type} Discovery_Id__c {key}
      if (p.size() != 7 || !p.get(2).equals("v62.0") || !p.get(5).equals("Discovery_Id__c")) {
        return new FakeCrm.Reply(404, NOT_FOUND);
      }
      String type = p.get(4);
      String key = p.get(6);
      List<ObjectNode> table = sobjects.get(type);
      ObjectNode existing =
          table.stream()
              .filter(o -> o.get("Discovery_Id__c").asText().equals(key))
              .findFirst()
              .orElse(null);
      if (call.method().equals("GET")) {
        if (existing == null) {
          return new FakeCrm.Reply(404, NOT_FOUND);
        }
        ObjectNode r = FakeCrm.object();
        r.putObject("attributes").put("type", type);
        r.put("Id", existing.get("Id").asText());
        return new FakeCrm.Reply(200, FakeCrm.json(r));
      }
      if (call.method().equals("PATCH")) {
        JsonNode body = call.body();
        if (body.has("Discovery_Id__c")) {
          return new FakeCrm.Reply(
              400, "[{\"errorCode\":\"INVALID_FIELD\",\"message\":\"external id in body\"}]");
        }
        boolean created = existing == null;
        if (created) {
          for (String required :
              type.equals("Opportunity")
                  ? List.of("Name", "StageName", "CloseDate")
                  : List.of("Subject", "Status", "Priority")) {
            if (!body.has(required)) {
              return new FakeCrm.Reply(
                  400,
                  "[{\"message\":\"Required fields are missing: ["
                      + required
                      + "]\",\"errorCode\":\"REQUIRED_FIELD_MISSING\",\"fields\":[\""
                      + required
                      + "\"]}]");
            }
          }
          existing = FakeCrm.object();
          existing.put(
              "Id", (type.equals("Task") ? "00T" : "006") + String.format("%015d", nextId++));
          existing.put("Discovery_Id__c", key);
          table.add(existing);
        }
        existing.setAll((ObjectNode) body);
        ObjectNode r =
            FakeCrm.object()
                .put("id", existing.get("Id").asText())
                .put("success", true)
                .put("created", created);
        r.putArray("errors");
        return new FakeCrm.Reply(created ? 201 : 200, FakeCrm.json(r));
      }
      return new FakeCrm.Reply(405, "[]");
    };
  }

  @Override
  Map<String, Integer> counts() {
    Map<String, Integer> m = new LinkedHashMap<>();
    sobjects.forEach((k, v) -> m.put(k, v.size()));
    return m;
  }

  @Override
  Map<String, Integer> distinctKeys() {
    Map<String, Integer> m = new LinkedHashMap<>();
    sobjects.forEach(
        (k, v) ->
            m.put(
                k,
                (int) v.stream().map(o -> o.get("Discovery_Id__c").asText()).distinct().count()));
    return m;
  }

  @Test
  void opportunityAndTaskHaveSalesforcesShape() throws Exception {
    sink.accept(SinkFixtures.kubecon("opp_7f3a"), SinkFixtures.profile());

    JsonNode opp = sobjects.get("Opportunity").get(0);
    assertThat(opp.get("Discovery_Id__c").asText()).isEqualTo("acme:opp_7f3a");
    assertThat(opp.get("Name").asText()).isEqualTo("Acme — VP Eng speaking at KubeCon NA 2026");
    assertThat(opp.get("StageName").asText()).isEqualTo("Prospecting");
    assertThat(opp.get("CloseDate").asText()).isEqualTo("2027-01-27");
    assertThat(opp.get("LeadSource").asText()).isEqualTo("Discovery SDK");
    assertThat(opp.get("Description").asText()).startsWith("Why now: Watchlist account Acme");
    JsonNode task = sobjects.get("Task").get(0);
    assertThat(task.get("Subject").asText())
        .isEqualTo("Reach out: Acme — VP Eng speaking at KubeCon NA 2026");
    assertThat(task.get("ActivityDate").asText()).isEqualTo("2026-10-29");
    assertThat(task.get("Status").asText()).isEqualTo("Not Started");
    assertThat(task.get("Priority").asText()).isEqualTo("High");
    assertThat(task.get("WhatId").asText()).isEqualTo(opp.get("Id").asText());
    assertThat(task.get("Discovery_Id__c").asText()).startsWith("acme:opp_7f3a:task:");
  }

  @Test
  void anExistingOpportunityKeepsItsStageAndCloseDate() throws Exception {
    sink.accept(SinkFixtures.kubecon("opp_7f3a"), SinkFixtures.profile());
    sobjects
        .get("Opportunity")
        .get(0)
        .put("StageName", "Negotiation")
        .put("CloseDate", "2026-12-01");

    sink.accept(SinkFixtures.updated("opp_7f3a").opportunity(), SinkFixtures.profile());

    assertThat(sobjects.get("Opportunity")).hasSize(1);
    assertThat(sobjects.get("Opportunity").get(0).get("StageName").asText())
        .isEqualTo("Negotiation");
    assertThat(sobjects.get("Opportunity").get(0).get("CloseDate").asText())
        .isEqualTo("2026-12-01");
    assertThat(sobjects.get("Task")).hasSize(2);
  }

  @Test
  void requestLimitExceededIsARateLimitNotARefusal() {
    fake.force(
        new FakeCrm.Reply(
            403,
            "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]"));

    DeliveryException e =
        catchThrowableOfType(
            DeliveryException.class,
            () -> sink.accept(SinkFixtures.kubecon("o1"), SinkFixtures.profile()));

    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
    assertThat(e.permanent()).isFalse();
  }

  @Test
  void conflictOnTheUpsertIsReadBackAsAlreadyExisting() throws Exception {
    sink.accept(SinkFixtures.kubecon("opp_7f3a"), SinkFixtures.profile());
    fake.force(new FakeCrm.Reply(200, "{\"attributes\":{},\"Id\":\"006000000000000001\"}"));
    fake.force(new FakeCrm.Reply(409, "[{\"errorCode\":\"DUPLICATE_VALUE\",\"message\":\"dup\"}]"));

    sink.accept(SinkFixtures.kubecon("opp_7f3a"), SinkFixtures.profile());

    assertThat(counts().values()).containsOnly(1);
  }
}
