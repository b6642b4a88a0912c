package io.github.discoverysdk.connectors.sinks;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditLog;
import io.github.discoverysdk.connectors.TestSupport;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.session.Answer;
import io.github.discoverysdk.session.ExportFormat;
import io.github.discoverysdk.session.ExportStatus;
import io.github.discoverysdk.session.NoteType;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.SessionExport;
import io.github.discoverysdk.session.Sessions;
import io.github.discoverysdk.session.catalogue.Catalogue;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesforceSessionExportTest {
  private static final String TOKEN = "sf-token-CANARY-7d1";
  private static final Actor ANA = Actor.system("test");

  /** Salesforce's Task table keyed by external id: an upsert creates at most one record per key. */
  static final class TaskTable implements ResponseDefinitionTransformerV2 {
    final Map<String, JsonNode> tasks = new LinkedHashMap<>();
    final AtomicInteger writes = new AtomicInteger();
    volatile int slowWrites;

    @Override
    public String getName() {
      return "task-table";
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
      var r = event.getRequest();
      if (!("Bearer " + TOKEN).equals(r.getHeader("Authorization"))) {
        return responseDefinition().withStatus(401).withBody("[]").build();
      }
      String path = r.getUrl().split("\\?")[0];
      String key =
          URLDecoder.decode(path.substring(path.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
      if (!path.contains("/services/data/v62.0/sobjects/Task/Discovery_Id__c/")) {
        return responseDefinition().withStatus(404).withBody("[]").build();
      }
      if (r.getMethod().getName().equals("GET")) {
        JsonNode t = tasks.get(key);
        return t == null
            ? responseDefinition().withStatus(404).withBody("[]").build()
            : json(200, "{\"Id\":\"" + t.get("Id").asText() + "\"}", 0);
      }
      writes.incrementAndGet();
      boolean created = !tasks.containsKey(key);
      try {
        var body =
            (com.fasterxml.jackson.databind.node.ObjectNode)
                new ObjectMapper().readTree(r.getBodyAsString());
        body.put(
            "Id",
            created
                ? "00T" + String.format("%015d", tasks.size() + 1)
                : tasks.get(key).get("Id").asText());
        tasks.put(key, body);
      } catch (Exception e) {
        return responseDefinition().withStatus(400).withBody("[]").build();
      }
      // The write lands, but its answer comes too late: the client times out.
      int delay = slowWrites > 0 ? 1_500 : 0;
      slowWrites--;
      return json(
          created ? 201 : 200,
          "{\"id\":\""
              + tasks.get(key).get("Id").asText()
              + "\",\"success\":true,\"created\":"
              + created
              + ",\"errors\":[]}",
          delay);
    }

    private static ResponseDefinition json(int status, String body, int delay) {
      var b =
          responseDefinition()
              .withStatus(status)
              .withHeader("Content-Type", "application/json")
              .withBody(body);
      if (delay > 0) {
        b.withFixedDelay(delay);
      }
      return b.build();
    }
  }

  private final TaskTable table = new TaskTable();
  private WireMockServer wm;
  private final MutableClock clock = MutableClock.at(SinkFixtures.NOW);
  private Sessions sessions;
  private SalesforceSessionExport export;

  @BeforeEach
  void start() {
    wm =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .extensions(table));
    wm.start();
    wm.stubFor(any(anyUrl()).willReturn(ok()));
    TestSupport.FakeSleeper sleeper = new TestSupport.FakeSleeper(clock);
    HttpToolkit http =
        TestSupport.toolkit(sleeper)
            .readTimeout(TestSupport.SHORT_READ_TIMEOUT) // slow writes answer after 1.5 s
            .circuitBreaker(1_000_000, Duration.ofSeconds(1))
            .build();
    SalesforceSink sink =
        SalesforceSink.builder()
            .http(http)
            .instanceUrl(TestSupport.base(wm))
            .credentials(CredentialStore.of(Map.of("acme/salesforce", Secret.of(TOKEN))))
            .build();
    export = SalesforceSessionExport.using(sink);
    int[] ids = {0};
    sessions =
        new Sessions(
            InMemoryStorage.create(),
            clock,
            () -> "id-" + ++ids[0],
            new AuditLog(clock, false),
            Catalogue.defaults());
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  private Session answered() {
    Session s = sessions.start(ANA, "acme", "ana", "acc-1", "Globex", "security");
    sessions.answer(
        ANA, "acme", s.id(), "security.endpoint", Answer.vendors(List.of("CrowdStrike")), 0);
    sessions
        .notes()
        .add(ANA, "acme", s.id(), NoteType.RISK, "EDR renewal in March", Optional.empty());
    return sessions.complete(ANA, "acme", s.id(), 1);
  }

  @Test
  void theSessionBecomesOneTaskWithItsKeyAnswersAndTheRecordIdIsStored() throws Exception {
    Session s = answered();
    SessionExport e = export.export(sessions, ANA, "acme", s.id());

    assertThat(e.format()).isEqualTo(ExportFormat.SALESFORCE);
    assertThat(e.status()).isEqualTo(ExportStatus.SUCCESS);
    assertThat(table.tasks).hasSize(1);
    JsonNode task = table.tasks.get(SalesforceSessionExport.externalId("acme", s.id()));
    assertThat(e.salesforceRecordId()).contains(task.get("Id").asText());
    assertThat(task.get("Subject").asText()).isEqualTo("Discovery session: Globex (security)");
    assertThat(task.get("Status").asText()).isEqualTo("Completed");
    assertThat(task.get("Description").asText())
        .contains(
            "Which endpoint protection do you run on laptops, servers and mobile devices? CrowdStrike")
        .contains("[RISK] EDR renewal in March");
    assertThat(sessions.exports().find("acme", e.id())).contains(e);
  }

  @Test
  void aRetryAfterATimeoutCreatesOneRecord() throws Exception {
    Session s = answered();
    table.slowWrites = 1;

    // The first write lands but its answer times out; the toolkit retries the upsert.
    SessionExport e = export.export(sessions, ANA, "acme", s.id());

    assertThat(e.status()).isEqualTo(ExportStatus.SUCCESS);
    assertThat(table.writes.get())
        .as("the write was sent again after the timeout")
        .isGreaterThanOrEqualTo(2);
    assertThat(table.tasks).as("one record in Salesforce").hasSize(1);
    assertThat(e.salesforceRecordId()).contains("00T000000000000001");
  }

  @Test
  void anExportFailedAfterEveryRetryTimedOutIsRetriedByTheCallerWithoutADuplicate()
      throws Exception {
    Session s = answered();
    table.slowWrites = 3; // the first attempt and both retries of the toolkit time out

    SessionExport failed = export.export(sessions, ANA, "acme", s.id());
    assertThat(failed.status()).isEqualTo(ExportStatus.FAILED);
    assertThat(failed.error()).hasValueSatisfying(m -> assertThat(m).contains("timed out"));
    assertThat(failed.salesforceRecordId()).isEmpty();

    SessionExport retried = export.export(sessions, ANA, "acme", s.id());
    assertThat(retried.status()).isEqualTo(ExportStatus.SUCCESS);
    assertThat(table.writes.get()).isGreaterThanOrEqualTo(4);
    assertThat(table.tasks).as("one record in Salesforce").hasSize(1);
    assertThat(retried.salesforceRecordId()).contains("00T000000000000001");
    assertThat(sessions.exports().list("acme", s.id()))
        .extracting(SessionExport::status)
        .containsExactly(ExportStatus.FAILED, ExportStatus.SUCCESS);
  }

  @Test
  void aTenantWithoutATokenGetsAFailedExportAndNoRequest() throws Exception {
    Session s = sessions.start(ANA, "globex", "ana", "acc-1", "Globex", "security");
    SessionExport e = export.export(sessions, ANA, "globex", s.id());
    assertThat(e.status()).isEqualTo(ExportStatus.FAILED);
    assertThat(e.error()).hasValueSatisfying(m -> assertThat(m).doesNotContain(TOKEN));
    assertThat(table.writes.get()).isZero();
  }
}
