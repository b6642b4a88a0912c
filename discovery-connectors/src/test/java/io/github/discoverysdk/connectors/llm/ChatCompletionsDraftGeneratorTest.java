package io.github.discoverysdk.connectors.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.TestSupport;
import io.github.discoverysdk.connectors.TestSupport.FakeSleeper;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.draft.DraftContact;
import io.github.discoverysdk.draft.DraftRequest;
import io.github.discoverysdk.draft.GeneratedDraft;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.playbook.Channel;
import io.github.discoverysdk.playbook.Playbooks;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatCompletionsDraftGeneratorTest {
  private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
  private static final String PATH = "/v1/chat/completions";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DRAFTS =
      "{\"email\":\"Hi Jane,\\n\\nCongratulations on the round.\","
          + "\"linkedin\":\"Congrats on the funding, Jane!\","
          + "\"call\":\"Hello Jane, I'm calling about your funding news.\"}";

  private WireMockServer server;
  private FakeSleeper sleeper;
  private HttpToolkit http;
  private ChatCompletionsDraftGenerator generator;
  private DraftRequest request;

  @BeforeEach
  void setUp() {
    server = TestSupport.startWireMock();
    sleeper = new FakeSleeper(MutableClock.at(NOW));
    // A read timeout long enough for a cold JVM's first request, as in the sink tests.
    http =
        TestSupport.toolkit(sleeper)
            .readTimeout(Duration.ofSeconds(5))
            .callTimeout(Duration.ofSeconds(20))
            .maxAttempts(2)
            .jitter(0)
            .build();
    generator = generator(credentials(TestSupport.base(server).toString()));
    request =
        DraftRequest.builder()
            .opportunity(
                io.github.discoverysdk.model.Opportunity.builder()
                    .from(
                        Fixtures.opportunity(
                            OpportunityId.of("acme", "o-1"),
                            ProfileId.of("acme", "p-1"),
                            SignalKey.of("news", "n-1"),
                            70,
                            NOW))
                    .title("Stripe raises $50M")
                    .url(URI.create("https://news.example.com/stripe"))
                    .build())
            .playbook(Playbooks.defaults().find("funding-congrats").orElseThrow())
            .contact(
                DraftContact.builder()
                    .name("Jane Roe")
                    .title("CFO")
                    .email("jane.roe@stripe.example")
                    .note("met at Money20/20, private")
                    .build())
            .build();
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

  private ChatCompletionsDraftGenerator generator(CredentialStore credentials) {
    return ChatCompletionsDraftGenerator.builder()
        .http(http)
        .credentials(credentials)
        .tokenBudget(400)
        .build();
  }

  /** A response in the API's shape. */
  private static String completion(String content, String finish, String refusal) {
    try {
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
          .put("prompt_tokens", 212)
          .put("completion_tokens", 96)
          .put("total_tokens", 308);
      return JSON.writeValueAsString(root);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
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

  private List<GeneratedDraft> generate() throws Exception {
    return generator.generate(request);
  }

  private static void assertFallback(List<GeneratedDraft> drafts, String reason) {
    assertThat(drafts).extracting(GeneratedDraft::channel).containsExactly(Channel.values());
    assertThat(drafts)
        .allSatisfy(
            d -> {
              assertThat(d.generator()).isEqualTo("template");
              assertThat(d.fallbackReason()).hasValue(reason);
              assertThat(d.citations()).isNotEmpty();
            });
  }

  @Test
  void theModelsDraftsAreUsedAndOnlyThePromptsFieldsAreSent() throws Exception {
    answer(200, completion(DRAFTS, "stop", null));

    List<GeneratedDraft> drafts = generate();

    assertThat(drafts).extracting(GeneratedDraft::channel).containsExactly(Channel.values());
    assertThat(drafts)
        .allSatisfy(
            d -> {
              assertThat(d.generator()).isEqualTo("chat-completions");
              assertThat(d.fallbackReason()).isEmpty();
              assertThat(d.citations())
                  .singleElement()
                  .satisfies(c -> assertThat(c.signalKey()).isEqualTo("news:n-1"));
            });
    assertThat(drafts.get(0).text()).isEqualTo("Hi Jane,\n\nCongratulations on the round.");
    List<LoggedRequest> sent = server.findAll(postRequestedFor(urlEqualTo(PATH)));
    assertThat(sent).hasSize(1);
    LoggedRequest r = sent.get(0);
    assertThat(r.getHeader("Authorization")).isEqualTo("Bearer sk-test-123");
    String raw = r.getBodyAsString();
    JsonNode body = JSON.readTree(raw);
    assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(body.get("max_tokens").asInt()).isEqualTo(400);
    assertThat(body.get("messages")).hasSize(2);
    assertThat(body.get("messages").get(0).get("content").asText())
        .isEqualTo(ChatCompletionsDraftGenerator.SYSTEM);
    String user = body.get("messages").get(1).get("content").asText();
    assertThat(user).isEqualTo(generator.prompt(request));
    assertThat(user)
        .contains("Company: Acme", "Signal: Stripe raises $50M", "Contact: Jane Roe, CFO")
        .contains("Source: https://news.example.com/stripe");
    assertThat(raw)
        .doesNotContain("jane.roe@stripe.example")
        .doesNotContain("Money20/20")
        .doesNotContain("p-1");
    assertThat(fieldNames(body))
        .containsExactlyInAnyOrder("model", "messages", "max_tokens", "response_format");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void aNarrowerPromptSendsLess() throws Exception {
    generator =
        ChatCompletionsDraftGenerator.builder()
            .http(http)
            .credentials(credentials(TestSupport.base(server).toString()))
            .prompt("Write to {{company}} about {{signal.title}}.")
            .build();
    answer(200, completion(DRAFTS, "stop", null));

    generate();

    String raw = server.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBodyAsString();
    assertThat(raw).doesNotContain("Jane").doesNotContain("news.example.com");
    assertThatThrownBy(() -> ChatCompletionsDraftGenerator.builder().prompt("{{contact.email}}"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("unknown variable 'contact.email'");
  }

  @Test
  void a429IsRetriedAfterRetryAfter() throws Exception {
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
            .willReturn(aResponse().withStatus(200).withBody(completion(DRAFTS, "stop", null))));

    List<GeneratedDraft> drafts = generate();

    assertThat(drafts).allSatisfy(d -> assertThat(d.fallbackReason()).isEmpty());
    assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void a429ThatLastsFallsBack() throws Exception {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{}")));

    assertFallback(generate(), "chat-completions: rate limited (HTTP 429)");
    server.verify(2, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void a500FallsBack() throws Exception {
    answer(500, "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}");

    List<GeneratedDraft> drafts = generate();

    assertThat(drafts.get(0).fallbackReason().orElseThrow())
        .startsWith("chat-completions: ")
        .contains("HTTP 500");
    assertFallback(drafts, drafts.get(0).fallbackReason().orElseThrow());
  }

  @Test
  void aTimeoutFallsBack() throws Exception {
    server.stubFor(
        post(urlEqualTo(PATH))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withFixedDelay(1_500)
                    .withBody(completion(DRAFTS, "stop", null))));
    try (HttpToolkit impatient =
        TestSupport.toolkit(sleeper).readTimeout(Duration.ofMillis(200)).maxAttempts(1).build()) {
      generator =
          ChatCompletionsDraftGenerator.builder()
              .http(impatient)
              .credentials(credentials(TestSupport.base(server).toString()))
              .build();

      List<GeneratedDraft> drafts = generate();

      assertFallback(drafts, "chat-completions: unavailable");
      assertThat(drafts.get(0).text()).startsWith("Hi Jane Roe,");
    }
  }

  @Test
  void aRefusalFallsBack() throws Exception {
    answer(200, completion(null, "stop", "I can't help with that."));

    assertFallback(generate(), "chat-completions: the model refused: I can't help with that.");
  }

  @Test
  void aContentFilterOrLengthFinishFallsBack() throws Exception {
    answer(200, completion("{\"email\":\"Hi", "content_filter", null));
    assertFallback(generate(), "chat-completions: the answer was withheld by the content filter");

    server.resetAll();
    answer(200, completion("{\"email\":\"Hi Jane, we", "length", null));
    assertFallback(generate(), "chat-completions: the answer was cut at the token budget of 400");
  }

  @Test
  void malformedJsonFallsBack() throws Exception {
    answer(200, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,");
    assertFallback(generate(), "chat-completions: the response is not JSON");

    server.resetAll();
    answer(200, completion("Sure! Here are your drafts: email ...", "stop", null));
    assertFallback(generate(), "chat-completions: the answer is not a JSON object");

    server.resetAll();
    answer(200, completion("{\"email\":\"Hi\",\"linkedin\":\"Hey\"}", "stop", null));
    assertFallback(generate(), "chat-completions: the answer has no call draft");
  }

  @Test
  void anEmptyChoiceListFallsBack() throws Exception {
    answer(
        200,
        "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion\",\"created\":1764579600,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":0,\"total_tokens\":10}}");

    assertFallback(generate(), "chat-completions: the response has no choice");
  }

  @Test
  void aFencedAnswerIsAccepted() throws Exception {
    answer(200, completion("```json\n" + DRAFTS + "\n```", "stop", null));

    assertThat(generate()).allSatisfy(d -> assertThat(d.generator()).isEqualTo("chat-completions"));
  }

  @Test
  void missingCredentialsFallBackWithoutACall() throws Exception {
    generator = generator(CredentialStore.none());

    assertFallback(generate(), "chat-completions: no key for tenant acme");
    server.verify(0, postRequestedFor(urlEqualTo(PATH)));
    assertThat(generator.toString()).doesNotContain("sk-test");
  }

  @Test
  void aBaseUrlThatIsNotHttpFallsBackWithoutACall() throws Exception {
    generator = generator(credentials("file:///etc"));

    assertFallback(generate(), "chat-completions: the base URL must be http or https");
    server.verify(0, postRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void theKeyIsSentOnlyInTheHeader() throws Exception {
    answer(200, completion(DRAFTS, "stop", null));

    generate();

    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Authorization", equalTo("Bearer sk-test-123")));
    assertThat(server.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBodyAsString())
        .doesNotContain("sk-test-123");
  }
}
