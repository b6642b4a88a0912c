package io.github.discoverysdk.connectors.sinks;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.connectors.TestSupport;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.OutboxSubject;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.session.Answer;
import io.github.discoverysdk.session.ExportFormat;
import io.github.discoverysdk.session.ExportStatus;
import io.github.discoverysdk.session.NoteType;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.SessionExport;
import io.github.discoverysdk.session.Sessions;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.spi.Storage;
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
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A session exported to Salesforce through the engine's outbox, against WireMock playing
 * Salesforce's Task table (an upsert by external id creates at most one record per key), on the
 * in-memory storage and on H2.
 */
class SalesforceSessionExportTest {
  private static final String TOKEN = "sf-token-CANARY-7d1";
  private static final Actor ANA = Actor.system("test");

  /** Salesforce's Task table keyed by external id: an upsert creates at most one record per key. */
  static final class TaskTable implements ResponseDefinitionTransformerV2 {
    final Map<String, JsonNode> tasks = new LinkedHashMap<>();
    final AtomicInteger writes = new AtomicInteger();
    volatile int slowWrites;

    /** While not 0, every write is answered with this status and Salesforce's error array. */
    volatile int failWritesWith;

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
      if (failWritesWith != 0) {
        String code =
            failWritesWith == 400
                ? "INVALID_FIELD"
                : failWritesWith == 429 ? "REQUEST_LIMIT_EXCEEDED" : "SERVER_UNAVAILABLE";
        return json(
            failWritesWith, "[{\"message\":\"refused\",\"errorCode\":\"" + code + "\"}]", 0);
      }
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
  private final MutableClock clock = MutableClock.at(SinkFixtures.NOW);
  private WireMockServer wm;
  private Storage storage;
  private DiscoveryEngine engine;
  private Sessions sessions;

  static Stream<Arguments> storages() {
    return Stream.of(
        Arguments.of("memory", (Supplier<Storage>) InMemoryStorage::create),
        Arguments.of("h2", (Supplier<Storage>) JdbcStorage::h2InMemory));
  }

  private void start(Supplier<Storage> storages) {
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
    storage = storages.get();
    int[] ids = {0};
    engine =
        DiscoveryEngine.builder()
            .storage(storage)
            .clock(clock)
            .scorer(Scoring.defaults())
            .idGenerator(() -> "id-" + ++ids[0])
            .addSessionExportSink(SalesforceSessionExport.using(sink))
            .allowSystemCalls()
            .closeTimeout(Duration.ofSeconds(5))
            .build();
    sessions = engine.sessions();
  }

  @AfterEach
  void stop() throws Exception {
    if (engine != null) {
      engine.close();
    }
    if (storage instanceof AutoCloseable c) {
      c.close();
    }
    if (wm != null) {
      wm.stop();
    }
  }

  private Session answered(String tenant) {
    Session s = sessions.start(ANA, tenant, "ana", "acc-1", "Globex", "security");
    sessions.answer(
        ANA, tenant, s.id(), "security.endpoint", Answer.vendors(List.of("CrowdStrike")), 0);
    sessions
        .notes()
        .add(ANA, tenant, s.id(), NoteType.RISK, "EDR renewal in March", Optional.empty());
    return sessions.complete(ANA, tenant, s.id(), 1);
  }

  private SessionExport exportTo(Session s) {
    return sessions.exports().exportTo(ANA, s.tenant(), s.id(), "salesforce");
  }

  private OutboxEntry entryOf(SessionExport e) {
    return engine.outbox(e.tenant(), 100).stream()
        .filter(x -> x.subject().equals(Optional.of(OutboxSubject.of("session_export", e.id()))))
        .findFirst()
        .orElseThrow();
  }

  private SessionExport stored(SessionExport e) {
    return sessions.exports().find(e.tenant(), e.id()).orElseThrow();
  }

  /** Lets the entry's backoff pass, then dispatches. */
  private void retryLater() {
    clock.advance(Duration.ofHours(1));
    engine.dispatch();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  void theSessionBecomesOneTaskWithItsKeyAnswersAndTheRecordIdIsStored(
      String name, Supplier<Storage> storages) {
    start(storages);
    Session s = answered("acme");

    SessionExport e = exportTo(s);

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
    OutboxEntry entry = entryOf(e);
    assertThat(entry.kind()).isEqualTo(DeliveryKind.SESSION_EXPORT);
    assertThat(entry.status()).isEqualTo(OutboxStatus.SENT);
    assertThat(entry.opportunityId()).isEmpty();
    assertThat(stored(e)).isEqualTo(e);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  void aTimeoutAfterSalesforceWroteIsRetriedByTheOutboxAndLeavesOneRecord(
      String name, Supplier<Storage> storages) {
    start(storages);
    Session s = answered("acme");
    // The first attempt and both retries of the toolkit write the Task, but every answer times out.
    table.slowWrites = 3;

    SessionExport first = exportTo(s);

    assertThat(first.status())
        .as("pending while the outbox retries")
        .isEqualTo(ExportStatus.PENDING);
    assertThat(table.tasks).as("Salesforce has the record already").hasSize(1);
    OutboxEntry waiting = entryOf(first);
    assertThat(waiting.status()).isEqualTo(OutboxStatus.PENDING);
    assertThat(waiting.attempts()).isEqualTo(1);
    assertThat(waiting.lastError()).hasValueSatisfying(m -> assertThat(m).contains("timed out"));
    int writesBefore = table.writes.get();

    retryLater();

    SessionExport done = stored(first);
    assertThat(table.writes.get())
        .as("the outbox sent the write again")
        .isGreaterThan(writesBefore);
    assertThat(table.tasks).as("one record in Salesforce").hasSize(1);
    assertThat(done.status()).isEqualTo(ExportStatus.SUCCESS);
    assertThat(done.salesforceRecordId()).contains("00T000000000000001");
    assertThat(entryOf(first).status()).isEqualTo(OutboxStatus.SENT);
    assertThat(entryOf(first).attempts()).isEqualTo(2);

    SessionExport again = exportTo(s);
    assertThat(again.id()).isNotEqualTo(first.id());
    assertThat(again.salesforceRecordId())
        .as("a new export updates the same Task")
        .contains("00T000000000000001");
    assertThat(table.tasks).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  void rateLimitsAndServerErrorsAreRetriedByTheOutbox(String name, Supplier<Storage> storages) {
    start(storages);
    Session s = answered("acme");
    table.failWritesWith = 429;

    SessionExport e = exportTo(s);
    assertThat(e.status()).isEqualTo(ExportStatus.PENDING);
    assertThat(entryOf(e).lastError()).hasValueSatisfying(m -> assertThat(m).contains("429"));

    table.failWritesWith = 500;
    retryLater();
    assertThat(stored(e).status()).isEqualTo(ExportStatus.PENDING);
    assertThat(entryOf(e).attempts()).isEqualTo(2);
    assertThat(entryOf(e).lastError()).hasValueSatisfying(m -> assertThat(m).contains("500"));

    table.failWritesWith = 0;
    retryLater();
    assertThat(stored(e).status()).isEqualTo(ExportStatus.SUCCESS);
    assertThat(stored(e).salesforceRecordId()).contains("00T000000000000001");
    assertThat(entryOf(e).status()).isEqualTo(OutboxStatus.SENT);
    assertThat(table.tasks).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  void aRefusalMakesTheEntryDeadAndTheExportFailedWithTheError(
      String name, Supplier<Storage> storages) {
    start(storages);
    Session s = answered("acme");
    table.failWritesWith = 400;

    SessionExport e = exportTo(s);

    assertThat(e.status()).isEqualTo(ExportStatus.FAILED);
    assertThat(e.error()).hasValueSatisfying(m -> assertThat(m).contains("400"));
    assertThat(e.salesforceRecordId()).isEmpty();
    OutboxEntry dead = entryOf(e);
    assertThat(dead.status()).isEqualTo(OutboxStatus.DEAD);
    assertThat(dead.attempts()).isEqualTo(1);
    int writes = table.writes.get();
    retryLater();
    assertThat(table.writes.get()).as("a dead entry is not sent again").isEqualTo(writes);
    assertThat(table.tasks).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  void aTenantWithoutATokenGetsAFailedExportAndNoRequest(String name, Supplier<Storage> storages) {
    start(storages);
    Session s = sessions.start(ANA, "globex", "ana", "acc-1", "Globex", "security");

    SessionExport e = exportTo(s);

    assertThat(e.status()).isEqualTo(ExportStatus.FAILED);
    assertThat(e.error()).hasValueSatisfying(m -> assertThat(m).doesNotContain(TOKEN));
    assertThat(entryOf(e).status()).isEqualTo(OutboxStatus.DEAD);
    assertThat(table.writes.get()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  void anUnknownSinkIsRefusedAndNothingIsRecorded(String name, Supplier<Storage> storages) {
    start(storages);
    Session s = answered("acme");

    assertThatThrownBy(() -> sessions.exports().exportTo(ANA, "acme", s.id(), "hubspot"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("hubspot");
    assertThat(sessions.exports().list("acme", s.id())).isEmpty();
    assertThat(engine.outbox("acme", 10)).isEmpty();
  }
}
