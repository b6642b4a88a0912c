package io.github.discoverysdk.connectors.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.draft.Citation;
import io.github.discoverysdk.draft.DraftGenerator;
import io.github.discoverysdk.draft.DraftRequest;
import io.github.discoverysdk.draft.DraftVariables;
import io.github.discoverysdk.draft.GeneratedDraft;
import io.github.discoverysdk.draft.TemplateDraftGenerator;
import io.github.discoverysdk.playbook.Channel;
import io.github.discoverysdk.playbook.TemplateVariables;
import io.github.discoverysdk.spi.CredentialStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link DraftGenerator} that asks an OpenAI-compatible chat-completions endpoint ({@code POST
 * {base}/v1/chat/completions}) for the three drafts of a card, as one JSON object with the keys
 * {@code email}, {@code linkedin} and {@code call}.
 *
 * <p><b>What is sent.</b> A fixed system message, and the {@linkplain Builder#prompt prompt}: a
 * Mustache template over the {@link TemplateVariables}, checked when the generator is built, filled
 * with the card's {@link DraftVariables}. Nothing else of the card leaves the process: a contact's
 * e-mail and note, CRM ids and the signal's text are no variables and are never sent.
 *
 * <p><b>Credentials</b>, per tenant from the {@link CredentialStore}: the API key under the
 * generator's id ({@code "chat-completions"} by default), the base URL under {@code <id>.base-url}
 * (such as {@code https://api.openai.com}) and the model under {@code <id>.model}. {@code
 * max_tokens} is the {@linkplain Builder#tokenBudget token budget}.
 *
 * <p><b>Failures.</b> The HTTP toolkit retries 429 (honouring {@code Retry-After}) and 5xx gateway
 * errors; any failure left (missing credentials, an HTTP error, a timeout, a refusal, a {@code
 * content_filter} or {@code length} finish, no choice, malformed JSON, a missing or blank draft)
 * makes this generator return the template's drafts instead, with the failure as their {@link
 * GeneratedDraft#fallbackReason()}. Thread-safe.
 */
public final class ChatCompletionsDraftGenerator implements DraftGenerator {
  /** The default id: the provider name of the key, and the prefix of the other credentials. */
  public static final String ID = "chat-completions";

  /** The default prompt template. */
  public static final String DEFAULT_PROMPT =
      "Playbook: {{playbook.name}}\n"
          + "Company: {{company}}\n"
          + "Signal: {{signal.title}} ({{signal.type}}, published {{signal.publishedOn}})\n"
          + "{{#signal.url}}Source: {{signal.url}}\n{{/signal.url}}"
          + "Timing: the action window is {{timing.window}}, urgency {{timing.urgency}}."
          + " {{timing.action}}\n"
          + "{{#timing.outreachDate}}Best outreach date: {{timing.outreachDate}}\n"
          + "{{/timing.outreachDate}}"
          + "{{#contact.name}}Contact: {{contact.name}}"
          + "{{#contact.title}}, {{contact.title}}{{/contact.title}}\n{{/contact.name}}"
          + "{{#account.name}}Account: {{account.name}}"
          + "{{#account.tier}} (tier {{account.tier}}){{/account.tier}}\n{{/account.name}}"
          + "Evidence:{{#evidence}}\n- {{field}}: {{text}}{{/evidence}}";

  static final String SYSTEM =
      "You write short, factual B2B outreach drafts for an account manager. Use only the facts"
          + " given; do not invent names, numbers or claims. Answer with one JSON object with the"
          + " string keys \"email\" (under 150 words), \"linkedin\" (under 300 characters) and"
          + " \"call\" (a two-sentence call opener).";

  private final String id;
  private final ChatCall chat;
  private final String prompt;
  private final TemplateDraftGenerator template = TemplateDraftGenerator.create();

  private ChatCompletionsDraftGenerator(Builder b) {
    this.id = b.id;
    this.chat = new ChatCall(b.id, b.http, b.credentials, b.tokenBudget, Optional.empty());
    this.prompt = b.prompt;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  /** The user message this generator sends for {@code request}: the filled prompt template. */
  public String prompt(DraftRequest request) {
    return TemplateDraftGenerator.render(prompt, DraftVariables.of(request));
  }

  @Override
  public List<GeneratedDraft> generate(DraftRequest request) throws InterruptedException {
    Objects.requireNonNull(request, "request");
    String tenant = request.opportunity().tenant();
    try {
      String content =
          chat.complete(
              tenant, "draft-" + request.opportunity().id().value(), SYSTEM, prompt(request));
      return drafts(request, content);
    } catch (ChatCall.Failure e) {
      return template.fallback(request, id + ": " + e.getMessage());
    } catch (RuntimeException e) {
      // Only the type: a message could quote the request.
      return template.fallback(request, id + ": failed with " + e.getClass().getSimpleName());
    }
  }

  private List<GeneratedDraft> drafts(DraftRequest request, String content)
      throws ChatCall.Failure {
    JsonNode drafts = ChatCall.object(content, "the answer is not a JSON object");
    Citation citation = Citation.of(request.opportunity());
    List<GeneratedDraft> out = new ArrayList<>();
    for (Channel c : Channel.values()) {
      String key = c.name().toLowerCase(Locale.ROOT);
      JsonNode text = drafts.get(key);
      if (text == null || !text.isTextual() || text.asText().isBlank()) {
        throw new ChatCall.Failure("the answer has no " + key + " draft");
      }
      try {
        out.add(
            GeneratedDraft.builder()
                .channel(c)
                .text(text.asText().strip())
                .generator(id)
                .addCitations(citation)
                .build());
      } catch (ValidationException e) {
        throw new ChatCall.Failure("the " + key + " draft is unusable: " + e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "ChatCompletionsDraftGenerator[" + id + "]";
  }

  /** Builds a {@link ChatCompletionsDraftGenerator}; not thread-safe. */
  public static final class Builder {
    private String id = ID;
    private HttpToolkit http;
    private CredentialStore credentials;
    private String prompt = DEFAULT_PROMPT;
    private int tokenBudget = 800;

    private Builder() {}

    /** The id, also the provider name of the credentials. Default {@value #ID}. */
    public Builder id(String id) {
      io.github.discoverysdk.support.Fields.identifier("id", id, 60);
      this.id = id;
      return this;
    }

    /** The HTTP toolkit the calls go through; required. */
    public Builder http(HttpToolkit http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /** Where the key, base URL and model of each tenant are; required. */
    public Builder credentials(CredentialStore credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * The user message template: Mustache over the {@link TemplateVariables}, the only data of a
     * card that is sent. Default {@link #DEFAULT_PROMPT}.
     *
     * @throws ValidationException if it uses an unknown variable or an unsupported tag
     */
    public Builder prompt(String prompt) {
      io.github.discoverysdk.support.Fields.notBlank("prompt", prompt);
      io.github.discoverysdk.support.Fields.text("prompt", prompt, 8_000);
      TemplateVariables.check("prompt", prompt);
      this.prompt = prompt;
      return this;
    }

    /** The most tokens the model may answer with ({@code max_tokens}), 16..16384. Default 800. */
    public Builder tokenBudget(int tokens) {
      if (tokens < 16 || tokens > 16_384) {
        throw new ValidationException("tokenBudget must be between 16 and 16384, was " + tokens);
      }
      this.tokenBudget = tokens;
      return this;
    }

    /**
     * @throws NullPointerException if the toolkit or the credentials are missing
     */
    public ChatCompletionsDraftGenerator build() {
      return new ChatCompletionsDraftGenerator(this);
    }
  }
}
