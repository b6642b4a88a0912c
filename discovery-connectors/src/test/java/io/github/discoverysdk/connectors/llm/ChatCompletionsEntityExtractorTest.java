package io.github.discoverysdk.connectors.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.EntityExtractionException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.TestSupport;
import io.github.discoverysdk.connectors.TestSupport.FakeSleeper;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.pii.PiiRedactor;
import io.github.discoverysdk.connectors.text.RuleEntityExtractor;
import io.github.discoverysdk.connectors.text.TextProcessors;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.MentionSpan;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.EntityExtractor;
import io.github.discoverysdk.spi.EntityExtractor.Extraction;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.spi.SignalProcessor;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The LLM entity extractor against WireMock answering in the chat-completions shape: spans come
 * from the text, never the model; invented names are dropped; every failure falls back to the rules
 * through {@link EntityExtractor#withFallback}, logged without the text.
 */
class ChatCompletionsEntityExtractorTest {
  private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
  private static final String PATH = "/v1/chat/completions";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TEXT =
      "Acme Robotics appointed Jane Doe as Chief Revenue Officer on Monday. Doe joins from"
          + " Globex, where she led sales; Microsoft and Acme Robotics are partners.";
  private static final String ENTITIES =
      "{\"organizations\":[{\"name\":\"Acme Robotics\",\"start\":400,\"end\":413},"
          + "{\"name\":\"Globex\"},\"Microsoft\"],"
          + "\"people\":[{\"name\":\"Jane Doe\",\"title\":\"Chief Revenue Officer\","
          + "\"employer\":\"Acme Robotics\",\"start\":0,\"end\":8}]}";

  private WireMockServer server;
  private FakeSleeper sleeper;
  private HttpToolkit http;
  private ChatCompletionsEntityExtractor llm;
  private EntityExtractor withRules;

  @BeforeEach
  void setUp() {
    server = TestSupport.startWireMock();
    sleeper = new FakeSleeper(MutableClock.at(NOW));
    http =
        TestSupport.toolkit(sleeper)
            .readTimeout(Duration.ofSeconds(5))
            .callTimeout(Duration.ofSeconds(20))
            .maxAttempts(2)
            .jitter(0)
            .build();
    llm = extractor(credentials(TestSupport.base(server).toString()));
    withRules = EntityExtractor.withFallback(llm, RuleEntityExtractor.create());
  }

  @AfterEach
  void tearDown() {
    http.close();
    server.stop();
  }

  private static CredentialStore credentials(String base) {
    return CredentialStore.of(
        Map.of(
            "acme/chat-completions", Secret.of("sk-test-123"),
            "acme/chat-completions.base-url", Secret.of(base),
            "acme/chat-completions.model", Secret.of("gpt-4o-mini")));
  }

  private ChatCompletionsEntityExtractor extractor(CredentialStore credentials) {
    return ChatCompletionsEntityExtractor.builder()
        .http(http)
        .credentials(credentials)
        .tokenBudget(500)
        .build();
  }

  /** A response in the API's shape. */
  private static String completion(String content, String finish, String refusal) {
    var root = JSON.createObjectNode();
    root.put("id", "chatcmpl-9xYz").put("object", "chat.completion").put("created", 1764579600);
    root.put("model", "gpt-4o-mini-2024-07-18");
    var choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    var message = choice.putObject("message").put("role", "assistant");
    if (content == null) {
      message.putNull("content");
    } else {
      message.put("content", content);
    }
    if (refusal == null) {
      message.putNull("refusal");
    } else {
      message.put("refusal", refusal);
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", finish);
    root.putObject("usage")
        .put("prompt_tokens", 180)
        .put("completion_tokens", 64)
        .put("total_tokens", 244);
    return root.toString();
  }

  private void answer(int status, String body) {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  private static String at(String text, MentionSpan span) {
    return text.substring(span.start(), span.end());
  }

  private List<LoggedRequest> sent() {
    return server.findAll(postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void theModelsNamesGetSpansFoundInTheTextNotTheModelsOffsets() throws Exception {
    answer(200, completion(ENTITIES, "stop", null));

    Extraction found = llm.extract("acme", TEXT, EvidenceField.TEXT);

    assertThat(found.organizations())
        .extracting(OrganizationMention::name)
        .containsExactly("Acme Robotics", "Globex", "Microsoft");
    assertThat(found.organizations())
        .allSatisfy(
            o -> {
              MentionSpan span = o.span().orElseThrow();
              assertThat(at(TEXT, span)).isEqualTo(o.name());
              assertThat(span.field()).isEqualTo(EvidenceField.TEXT);
              assertThat(span.confidence()).isEqualTo(ChatCompletionsEntityExtractor.CONFIDENCE);
            });
    assertThat(found.organizations().get(0).span().orElseThrow().start()).isZero();
    PersonMention jane = found.people().get(0);
    assertThat(jane.name()).isEqualTo("Jane Doe");
    assertThat(jane.title()).contains("Chief Revenue Officer");
    assertThat(jane.employer()).contains("Acme Robotics");
    assertThat(at(TEXT, jane.span().orElseThrow())).isEqualTo("Jane Doe");
    assertThat(jane.span().orElseThrow().start()).isEqualTo(TEXT.indexOf("Jane Doe"));

    LoggedRequest request = sent().get(0);
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer sk-test-123");
    JsonNode body = JSON.readTree(request.getBodyAsString());
    assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(body.get("max_tokens").asInt()).isEqualTo(500);
    assertThat(body.get("response_format").get("type").asText()).isEqualTo("json_object");
    assertThat(body.get("messages").get(0).get("content").asText())
        .isEqualTo(ChatCompletionsEntityExtractor.DEFAULT_PROMPT);
    assertThat(body.get("messages").get(1).get("content").asText()).isEqualTo(TEXT);
  }

  @Test
  void inventedNamesAndAttributesAreDropped() throws Exception {
    answer(
        200,
        completion(
            "{\"organizations\":[\"Initech\",\"acme robotics\",\"Soft\",42,{\"name\":\"\"},"
                + "\"Globex\",\"Globex\"],"
                + "\"people\":[{\"name\":\"Jane Doe\",\"title\":\"CEO\",\"employer\":\"Hooli\"},"
                + "{\"name\":\"John Smith\",\"title\":\"CFO\"},{\"title\":\"CTO\"}]}",
            "stop",
            null));

    Extraction found = llm.extract("acme", TEXT, EvidenceField.TEXT);

    // Not in the text, not with this case, only inside "Microsoft", not a name, twice.
    assertThat(found.organizations())
        .extracting(OrganizationMention::name)
        .containsExactly("Globex");
    assertThat(found.people())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.name()).isEqualTo("Jane Doe");
              assertThat(p.title()).isEmpty();
              assertThat(p.employer()).isEmpty();
            });
  }

  @Test
  void aHostileAnswerCostsBoundedWorkAndStoresNothingOdd() throws Exception {
    var answer = JSON.createObjectNode();
    var orgs = answer.putArray("organizations");
    orgs.addNull();
    orgs.addArray().add("Globex");
    orgs.addObject().putObject("name").put("first", "Globex");
    orgs.add("x".repeat(400));
    orgs.add("Glo\u0000bex");
    for (int i = 0; i < 2_000; i++) {
      orgs.add("Invented Company " + i);
    }
    orgs.add("Globex"); // in the text, but past the entries looked at
    answer.putObject("people").put("name", "Jane Doe");
    answer(200, completion(answer.toString(), "stop", null));

    assertThatThrownBy(() -> llm.extract("acme", TEXT, EvidenceField.TEXT))
        .isInstanceOf(EntityExtractionException.class)
        .hasMessage("chat-completions: the answer's people is not a list");

    answer.putArray("people").addObject().put("name", "Jane Doe").put("title", "y".repeat(301));
    server.resetAll();
    answer(200, completion(answer.toString(), "stop", null));

    Extraction found = llm.extract("acme", TEXT, EvidenceField.TEXT);

    assertThat(found.organizations()).isEmpty();
    assertThat(found.people()).singleElement().satisfies(p -> assertThat(p.title()).isEmpty());
  }

  @Test
  void aLongTextIsSentChunkByChunkAndSpansIndexTheWholeText() throws Exception {
    StringBuilder text = new StringBuilder();
    while (text.length() < 9_000) {
      text.append("The market for industrial robots grew again in the third quarter. ");
    }
    int offset = text.length();
    text.append("Northwind Traders hired Maria Garcia as Chief Financial Officer.");
    Signal in =
        Signal.builder()
            .key(SignalKey.of("news", "long"))
            .type(SignalType.NEWS)
            .title("Quarterly robotics market update")
            .text(text.toString())
            .publishedAt(NOW)
            .observedAt(NOW)
            .build();
    server.stubFor(
        post(urlEqualTo(PATH))
            .atPriority(1)
            .withRequestBody(containing("Northwind"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(
                        completion(
                            "{\"organizations\":[{\"name\":\"Northwind Traders\"}],"
                                + "\"people\":[{\"name\":\"Maria Garcia\","
                                + "\"title\":\"Chief Financial Officer\","
                                + "\"employer\":\"Northwind Traders\"}]}",
                            "stop",
                            null))));
    server.stubFor(
        post(urlEqualTo(PATH))
            .atPriority(5)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withBody(completion("{\"organizations\":[],\"people\":[]}", "stop", null))));
    SignalProcessor entities = TextProcessors.entities(llm);

    Signal out = entities.process("acme", in, (k, n) -> {});

    PersonMention maria = out.people().get(0);
    MentionSpan span = maria.span().orElseThrow();
    assertThat(span.start()).isEqualTo(offset + "Northwind Traders hired ".length());
    assertThat(at(out.text(), span)).isEqualTo("Maria Garcia");
    assertThat(maria.title()).contains("Chief Financial Officer");
    assertThat(at(out.text(), out.organizations().get(0).span().orElseThrow()))
        .isEqualTo("Northwind Traders");
    // The title, then chunks of at most 4,000 characters: no request carries the whole text.
    assertThat(sent()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(sent())
        .allSatisfy(
            r ->
                assertThat(
                        JSON.readTree(r.getBodyAsString())
                            .get("messages")
                            .get(1)
                            .get("content")
                            .asText()
                            .length())
                    .isLessThanOrEqualTo(4_000));
  }

  private void assertFallsBack(String reason) {
    Extraction rules = RuleEntityExtractor.create().extract(TEXT, EvidenceField.TEXT);
    String logs =
        TestSupport.captureLogs(
            () -> assertThat(withRules.extract("acme", TEXT, EvidenceField.TEXT)).isEqualTo(rules));
    assertThat(logs)
        .contains(
            "entity extractor chat-completions failed for tenant acme (TEXT field), using rules: "
                + reason)
        .doesNotContain("Jane Doe")
        .doesNotContain("\tat ");
    assertThatThrownBy(() -> llm.extract("acme", TEXT, EvidenceField.TEXT))
        .isInstanceOf(EntityExtractionException.class)
        .hasMessage(reason)
        .hasMessageNotContaining("Jane");
  }

  @Test
  void anLlmThatKeepsFailingIsWarnedAboutOnceAMinutePerTenantAndLoggedAtDebugOtherwise() {
    answer(200, completion("not json", "stop", null));
    String logs =
        TestSupport.captureLogs(
            () -> {
              for (int i = 0; i < 5; i++) {
                withRules.extract("acme", TEXT, EvidenceField.TEXT);
              }
              withRules.extract("globex", TEXT, EvidenceField.TEXT);
            });
    assertThat(logs.lines().filter(l -> l.contains("WARN")).toList())
        .hasSize(2)
        .anySatisfy(l -> assertThat(l).contains("tenant acme"))
        .anySatisfy(l -> assertThat(l).contains("tenant globex"));
    assertThat(logs.lines().filter(l -> l.contains("DEBUG") && l.contains("tenant acme")))
        .hasSize(4);
  }

  @Test
  void malformedOrMisshapenAnswersFallBackToTheRules() {
    answer(200, completion("Sure! The entities are Acme Robotics and Jane Doe.", "stop", null));
    assertFallsBack("chat-completions: the answer is not a JSON object");

    server.resetAll();
    answer(200, completion("{\"organizations\":\"Acme Robotics\"}", "stop", null));
    assertFallsBack("chat-completions: the answer's organizations is not a list");

    server.resetAll();
    answer(200, completion("{\"entities\":[\"Jane Doe\"]}", "stop", null));
    assertFallsBack("chat-completions: the answer has neither organizations nor people");

    server.resetAll();
    answer(200, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,");
    assertFallsBack("chat-completions: the response is not JSON");

    server.resetAll();
    answer(200, completion("{\"organizations\":[", "length", null));
    assertFallsBack("chat-completions: the answer was cut at the token budget of 500");
  }

  @Test
  void aRefusalFallsBackWithoutWhatTheModelSaid() {
    answer(200, completion(null, "stop", "I won't list details about Jane Doe."));

    assertFallsBack("chat-completions: the model refused");
  }

  @Test
  void a429IsRetriedAfterRetryAfterAndTheModelsAnswerUsed() {
    server.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("limit")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "7")
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\"}}"))
            .willSetStateTo("ok"));
    server.stubFor(
        post(urlEqualTo(PATH))
            .inScenario("limit")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(200).withBody(completion(ENTITIES, "stop", null))));

    Extraction found = withRules.extract("acme", TEXT, EvidenceField.TEXT);

    assertThat(found.people())
        .singleElement()
        .satisfies(p -> assertThat(p.span().orElseThrow().confidence()).isEqualTo(0.8));
    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void a429ThatLastsOrA500FallsBack() {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{}")));
    assertFallsBack("chat-completions: rate limited (HTTP 429)");

    server.resetAll();
    answer(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}");
    Extraction rules = RuleEntityExtractor.create().extract(TEXT, EvidenceField.TEXT);
    assertThat(withRules.extract("acme", TEXT, EvidenceField.TEXT)).isEqualTo(rules);
    assertThatThrownBy(() -> llm.extract("acme", TEXT, EvidenceField.TEXT))
        .isInstanceOf(EntityExtractionException.class)
        .hasMessageContaining("HTTP 500");
  }

  @Test
  void aTimeoutFallsBack() {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withFixedDelay(1_500)
                    .withBody(completion(ENTITIES, "stop", null))));
    try (HttpToolkit impatient =
        TestSupport.toolkit(sleeper)
            .readTimeout(TestSupport.SHORT_READ_TIMEOUT)
            .maxAttempts(1)
            .build()) {
      llm =
          ChatCompletionsEntityExtractor.builder()
              .http(impatient)
              .credentials(credentials(TestSupport.base(server).toString()))
              .build();
      withRules = EntityExtractor.withFallback(llm, RuleEntityExtractor.create());

      assertThat(withRules.extract("acme", TEXT, EvidenceField.TEXT))
          .isEqualTo(RuleEntityExtractor.create().extract(TEXT, EvidenceField.TEXT));
    }
  }

  @Test
  void missingCredentialsFallBackWithoutACall() {
    llm = extractor(CredentialStore.none());
    withRules = EntityExtractor.withFallback(llm, RuleEntityExtractor.create());

    assertFallsBack("chat-completions: no key for tenant acme");
    // Another tenant's key is never used.
    llm = extractor(credentials(TestSupport.base(server).toString()));
    assertThatThrownBy(() -> llm.extract("globex", TEXT, EvidenceField.TEXT))
        .isInstanceOf(EntityExtractionException.class)
        .hasMessage("chat-completions: no key for tenant globex");
    server.verify(0, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void aDefaultModelServesTenantsWithoutOne() throws Exception {
    answer(200, completion(ENTITIES, "stop", null));
    llm =
        ChatCompletionsEntityExtractor.builder()
            .http(http)
            .credentials(
                CredentialStore.of(
                    Map.of(
                        "acme/chat-completions", Secret.of("sk-test-123"),
                        "acme/chat-completions.base-url",
                            Secret.of(TestSupport.base(server).toString()))))
            .model("gpt-4.1-nano")
            .build();

    llm.extract("acme", TEXT, EvidenceField.TITLE);

    assertThat(JSON.readTree(sent().get(0).getBodyAsString()).get("model").asText())
        .isEqualTo("gpt-4.1-nano");
  }

  @Test
  void theTenantlessFormIsRefusedAndTooLongOrBlankTextsAreNotSent() {
    assertThatThrownBy(() -> llm.extract(TEXT, EvidenceField.TEXT))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("needs the tenant");
    assertThat(withRules.extract(TEXT, EvidenceField.TEXT))
        .isEqualTo(RuleEntityExtractor.create().extract(TEXT, EvidenceField.TEXT));

    String tooLong = "word ".repeat(2_000);
    assertThatThrownBy(() -> llm.extract("acme", tooLong, EvidenceField.TEXT))
        .isInstanceOf(EntityExtractionException.class)
        .hasMessage("chat-completions: the text of 10000 characters is over 8000");
    assertThat(llm.extract("acme", "  ", EvidenceField.TITLE)).isEqualTo(Extraction.empty());
    server.verify(0, postRequestedFor(urlEqualTo(PATH)));
    assertThatThrownBy(() -> ChatCompletionsEntityExtractor.builder().maxChars(50))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("was 50");
  }

  /**
   * A run with the redactor first: the model sees no e-mail or phone number, and its mentions are
   * stored with spans into the stored (redacted) text.
   */
  @Test
  void aRunStoresTheModelsMentionsAndSendsNoContactData() {
    String text =
        "Northwind Traders hired Maria Garcia as Chief Financial Officer. Reach her at"
            + " maria.garcia@northwind.example or +1 415 555 2671.";
    answer(
        200,
        completion(
            "{\"organizations\":[{\"name\":\"Northwind Traders\"}],"
                + "\"people\":[{\"name\":\"Maria Garcia\",\"title\":\"Chief Financial Officer\","
                + "\"employer\":\"Northwind Traders\"}]}",
            "stop",
            null));
    Signal signal =
        Signal.builder()
            .key(SignalKey.of("news", "n-1"))
            .type(SignalType.NEWS)
            .title("Northwind Traders names a new CFO")
            .text(text)
            .publishedAt(NOW.minusSeconds(3_600))
            .observedAt(NOW.minusSeconds(3_600))
            .build();
    Storage storage = InMemoryStorage.create();
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(ScriptedSource.feed("news").publish(signal))
            .scorer(TestSupport.scorer())
            .clock(MutableClock.at(NOW))
            .addSignalProcessor(PiiRedactor.defaults())
            .addSignalProcessor(TextProcessors.entities(withRules))
            .build()) {
      engine.discover(
          engine
              .profiles()
              .save(Fixtures.profile("acme", "p", Company.of("Northwind Traders")))
              .id());
    }

    Signal stored = storage.signals().find("acme", signal.key()).orElseThrow();
    PersonMention maria =
        stored.people().stream()
            .filter(p -> p.name().equals("Maria Garcia"))
            .findFirst()
            .orElseThrow();
    assertThat(maria.span().orElseThrow().confidence()).isEqualTo(0.8);
    assertThat(maria.title()).contains("Chief Financial Officer");
    assertThat(at(stored.text(), maria.span().orElseThrow())).isEqualTo("Maria Garcia");
    assertThat(sent()).hasSize(2); // title and text
    assertThat(sent())
        .allSatisfy(
            r ->
                assertThat(r.getBodyAsString())
                    .doesNotContain("maria.garcia@")
                    .doesNotContain("555")
                    .doesNotContain("2671"));
    assertThat(sent().get(1).getBodyAsString()).contains("[EMAIL]", "[PHONE]");
  }
}
