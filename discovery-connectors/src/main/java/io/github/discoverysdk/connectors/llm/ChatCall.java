package io.github.discoverysdk.connectors.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.spi.SourceContext;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One call to an OpenAI-compatible chat-completions endpoint ({@code POST
 * {base}/v1/chat/completions}) for a tenant, shared by the draft generator and the entity
 * extractor: reads the tenant's key ({@code <id>}), base URL ({@code <id>.base-url}) and model
 * ({@code <id>.model}, else the default model) from the {@link CredentialStore}, sends a system and
 * a user message asking for a JSON object with {@code max_tokens} set to the token budget, and
 * returns the first choice's content, checked (no refusal, no {@code content_filter} or {@code
 * length} finish) and without a Markdown fence. Every failure is a {@link Failure} whose message
 * never holds the key nor the messages sent. Immutable and thread-safe.
 */
final class ChatCall {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final String id;
  private final HttpToolkit http;
  private final CredentialStore credentials;
  private final int tokenBudget;
  private final Optional<String> defaultModel;

  ChatCall(
      String id,
      HttpToolkit http,
      CredentialStore credentials,
      int tokenBudget,
      Optional<String> defaultModel) {
    this.id = id;
    this.http = Objects.requireNonNull(http, "http is required");
    this.credentials = Objects.requireNonNull(credentials, "credentials is required");
    this.tokenBudget = tokenBudget;
    this.defaultModel = defaultModel;
  }

  /** The token budget, {@code max_tokens}. */
  int tokenBudget() {
    return tokenBudget;
  }

  /**
   * Whether {@code tenant} has a key, a base URL and a model; answered without a call.
   *
   * @throws Failure naming what is missing
   */
  void requireCredentials(String tenant) throws Failure {
    settings(tenant);
  }

  /**
   * The model's answer to {@code system} and {@code user} for {@code tenant}: the first choice's
   * content, without a Markdown fence.
   *
   * @param runId for the toolkit's logs and call records
   * @throws Failure on missing credentials, a bad base URL, an HTTP failure left after the
   *     toolkit's retries, a timeout, a malformed response, a refusal or a cut answer
   * @throws InterruptedException if interrupted while waiting; the flag is restored by the toolkit
   */
  String complete(String tenant, String runId, String system, String user)
      throws Failure, InterruptedException {
    Settings s = settings(tenant);
    URI endpoint = endpoint(s.base().reveal());
    HttpResult r;
    try {
      r =
          http.execute(
              HttpCall.postJson(id, endpoint, body(s.model(), system, user))
                  .header("Accept", "application/json")
                  .secretHeader("Authorization", Secret.of("Bearer " + s.key().reveal()))
                  .build(),
              SourceContext.of(http.clock(), tenant, runId));
    } catch (ConnectorException e) {
      throw new Failure(describe(e));
    }
    return content(r);
  }

  private record Settings(Secret key, Secret base, String model) {}

  private Settings settings(String tenant) throws Failure {
    Optional<Secret> key = credentials.find(tenant, id);
    Optional<Secret> base = credentials.find(tenant, id + ".base-url");
    Optional<String> model = credentials.find(tenant, id + ".model").map(Secret::reveal);
    if (model.isEmpty()) {
      model = defaultModel;
    }
    if (key.isEmpty() || base.isEmpty() || model.isEmpty()) {
      throw new Failure(
          "no "
              + (key.isEmpty() ? "key" : base.isEmpty() ? "base URL" : "model")
              + " for tenant "
              + tenant);
    }
    return new Settings(key.get(), base.get(), model.get());
  }

  private static URI endpoint(String base) throws Failure {
    URI uri;
    try {
      uri = URI.create(base.strip().replaceAll("/+$", "") + "/v1/chat/completions");
    } catch (IllegalArgumentException e) {
      throw new Failure("the base URL is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new Failure("the base URL must be http or https");
    }
    return uri;
  }

  private String body(String model, String system, String user) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("model", model);
    var messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", system);
    messages.addObject().put("role", "user").put("content", user);
    body.put("max_tokens", tokenBudget);
    body.putObject("response_format").put("type", "json_object");
    return body.toString();
  }

  private String content(HttpResult r) throws Failure {
    JsonNode root = object(r.text(), "the response is not JSON");
    JsonNode choices = root.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      throw new Failure("the response has no choice");
    }
    JsonNode choice = choices.get(0);
    JsonNode message = choice.path("message");
    if (message.hasNonNull("refusal")) {
      throw new Failure("the model refused", message.get("refusal").asText());
    }
    String finish = choice.path("finish_reason").asText("");
    if (finish.equals("content_filter")) {
      throw new Failure("the answer was withheld by the content filter");
    }
    if (finish.equals("length")) {
      throw new Failure("the answer was cut at the token budget of " + tokenBudget);
    }
    return unfenced(message.path("content").asText(""));
  }

  /**
   * {@code text} parsed as a JSON object.
   *
   * @throws Failure with {@code what} when it is not one
   */
  static JsonNode object(String text, String what) throws Failure {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node == null || !node.isObject()) {
        throw new Failure(what);
      }
      return node;
    } catch (IOException e) {
      throw new Failure(what);
    }
  }

  /** The content without a Markdown code fence around it, which some models add. */
  static String unfenced(String content) {
    String s = content.strip();
    if (s.startsWith("```") && s.endsWith("```") && s.length() >= 6) {
      s = s.substring(3, s.length() - 3);
      int newline = s.indexOf('\n');
      return newline >= 0 ? s.substring(newline + 1) : s;
    }
    return s;
  }

  private static String describe(ConnectorException e) {
    String kind = e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return e.status() > 0 ? kind + " (HTTP " + e.status() + ")" : kind;
  }

  /**
   * A failure of one call. {@link #getMessage()} may end with words of the model (a refusal), which
   * could quote what was sent; {@link #reason()} never does.
   */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;

    Failure(String reason) {
      super(reason, null, false, false);
      this.reason = reason;
    }

    Failure(String reason, String modelSaid) {
      super(reason + ": " + modelSaid, null, false, false);
      this.reason = reason;
    }

    /** What failed, without anything the model said. */
    String reason() {
      return reason;
    }
  }
}
