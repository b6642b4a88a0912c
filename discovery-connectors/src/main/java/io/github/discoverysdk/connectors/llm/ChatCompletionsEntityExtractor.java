package io.github.discoverysdk.connectors.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.discoverysdk.DiscoveryException;
import io.github.discoverysdk.EntityExtractionException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.MentionSpan;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.EntityExtractor;
import io.github.discoverysdk.support.Fields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link EntityExtractor} that asks an OpenAI-compatible chat-completions endpoint, through the
 * same call and credentials as {@link ChatCompletionsDraftGenerator}, for the organisations and the
 * people (with title and employer) a text names, as one JSON object:
 *
 * <pre>{@code
 * {"organizations": [{"name": "Acme Robotics"}],
 *  "people": [{"name": "Jane Doe", "title": "Chief Revenue Officer", "employer": "Acme Robotics"}]}
 * }</pre>
 *
 * <p><b>Spans are never the model's.</b> Each name returned is looked up in the text given: its
 * first exact (case-sensitive) occurrence that starts and ends at word boundaries gives the span; a
 * name that does not occur so is dropped as invented. A title or an employer the text does not
 * contain (ignoring case) is dropped, the person kept. Each span's confidence is {@value
 * #CONFIDENCE}: the name is certainly in the text, whether the model's reading of it is right is
 * less sure than the rules' gazetteer (0.9) and surer than their context guesses (0.7). One mention
 * per name (the first occurrence), at most {@value #MAX_MENTIONS} of each kind, in text order, with
 * the role {@code MENTIONED}.
 *
 * <p><b>Tenant.</b> Only {@link #extract(String, String, EvidenceField)} calls the model, with that
 * tenant's credentials: the key under the extractor's id ({@value #ID} by default), the base URL
 * under {@code <id>.base-url} and the model under {@code <id>.model} (else the builder's {@link
 * Builder#model default model}). The tenant-less {@link #extract(String, EvidenceField)} throws
 * {@link UnsupportedOperationException}: there is no tenant whose key could be used, and a default
 * one would bill the wrong tenant.
 *
 * <p><b>Bounded.</b> The text sent is the text given, at most {@linkplain Builder#maxChars
 * maxChars}; the entity processor of {@code TextProcessors.entities} hands over chunks of at most
 * 4,000 characters. The answer is bounded by the {@linkplain Builder#tokenBudget token budget} and
 * the toolkit's body limit; timeouts and retries (429 with {@code Retry-After}, 5xx) are the
 * toolkit's.
 *
 * <p><b>Failures</b> (no credentials for the tenant, an HTTP error left after the toolkit's
 * retries, a timeout, a refusal, a cut answer, malformed JSON or a JSON of another shape, a text
 * over {@code maxChars}) throw an {@link EntityExtractionException} whose message never quotes the
 * text nor what the model said. Wrap the extractor with {@link EntityExtractor#withFallback} to use
 * the rules then:
 *
 * <pre>{@code
 * TextProcessors.entities(EntityExtractor.withFallback(llm, RuleEntityExtractor.create()))
 * }</pre>
 *
 * <p><b>Personal data.</b> The text is sent to the model's provider as it reaches the extractor.
 * Add the PII redactor before the entity processor ({@code
 * addSignalProcessor(PiiRedactor.defaults())} first): e-mail addresses, phone numbers, cards and
 * IBANs are then replaced before anything is sent. Thread-safe.
 */
public final class ChatCompletionsEntityExtractor implements EntityExtractor {
  /** The default id: the provider name of the key, and the prefix of the other credentials. */
  public static final String ID = "chat-completions";

  /** The confidence of every span found. */
  public static final double CONFIDENCE = 0.8;

  /** The most organisations, and the most people, kept from one answer. */
  public static final int MAX_MENTIONS = 100;

  /**
   * The most entries of each list looked up in the text: a hostile answer of thousands of invented
   * names costs at most this many searches of the text.
   */
  static final int MAX_ENTRIES = 4 * MAX_MENTIONS;

  /** The default instructions (the system message). */
  public static final String DEFAULT_PROMPT =
      "You extract named entities from the text the user sends. List every organisation"
          + " (company, investor, university, agency) and every person named in it, each name"
          + " written exactly as it appears in the text. For a person, add their job title and"
          + " employer when the text states them, copied from the text. Do not add anything the"
          + " text does not say. Answer with one JSON object: {\"organizations\": [{\"name\":"
          + " string}], \"people\": [{\"name\": string, \"title\": string or null, \"employer\":"
          + " string or null}]}.";

  private final String id;
  private final ChatCall chat;
  private final String prompt;
  private final int maxChars;

  private ChatCompletionsEntityExtractor(Builder b) {
    this.id = b.id;
    this.chat = new ChatCall(b.id, b.http, b.credentials, b.tokenBudget, b.model);
    this.prompt = b.prompt;
    this.maxChars = b.maxChars;
  }

  /** A builder; the toolkit and the credentials are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  /**
   * Not supported: the model is called only with a tenant's credentials.
   *
   * @throws UnsupportedOperationException always
   */
  @Override
  public Extraction extract(String text, EvidenceField field) {
    throw new UnsupportedOperationException(
        id
            + ": an LLM extractor needs the tenant (for its credentials); call extract(tenant,"
            + " text, field), as the entities processor does in a run");
  }

  /**
   * The mentions the model names in {@code text}, located in it.
   *
   * @throws EntityExtractionException when the model could not be asked or its answer is unusable
   */
  @Override
  public Extraction extract(String tenant, String text, EvidenceField field) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(field, "field");
    if (text.length() > maxChars) {
      throw failure("the text of " + text.length() + " characters is over " + maxChars);
    }
    if (text.isBlank()) {
      return Extraction.empty();
    }
    try {
      chat.requireCredentials(tenant);
      String content = chat.complete(tenant, id + "-entities", prompt, text);
      return located(ChatCall.object(content, "the answer is not a JSON object"), text, field);
    } catch (ChatCall.Failure e) {
      throw failure(e.reason());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted");
    }
  }

  private EntityExtractionException failure(String reason) {
    return new EntityExtractionException(id + ": " + reason);
  }

  /** The answer's names that occur in {@code text}, with spans found there. */
  private Extraction located(JsonNode answer, String text, EvidenceField field)
      throws ChatCall.Failure {
    JsonNode orgs = list(answer, "organizations");
    JsonNode people = list(answer, "people");
    if (orgs.isMissingNode() && people.isMissingNode()) {
      throw new ChatCall.Failure("the answer has neither organizations nor people");
    }
    List<OrganizationMention> foundOrgs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int examined = 0;
    for (JsonNode o : orgs) {
      if (foundOrgs.size() == MAX_MENTIONS || ++examined > MAX_ENTRIES) {
        break;
      }
      Optional<MentionSpan> span = span(name(o), text, field, seen);
      span.flatMap(s -> organization(text, s)).ifPresent(foundOrgs::add);
    }
    List<PersonMention> foundPeople = new ArrayList<>();
    String lower = text.toLowerCase(Locale.ROOT);
    seen.clear();
    examined = 0;
    for (JsonNode p : people) {
      if (foundPeople.size() == MAX_MENTIONS || ++examined > MAX_ENTRIES) {
        break;
      }
      Optional<MentionSpan> span = span(name(p), text, field, seen);
      span.flatMap(s -> person(p, text, lower, s)).ifPresent(foundPeople::add);
    }
    Comparator<Optional<MentionSpan>> byStart =
        Comparator.comparingInt(s -> s.map(MentionSpan::start).orElse(0));
    foundOrgs.sort(Comparator.comparing(OrganizationMention::span, byStart));
    foundPeople.sort(Comparator.comparing(PersonMention::span, byStart));
    return new Extraction(foundOrgs, foundPeople);
  }

  /** The array under {@code key}; missing when absent or null; a failure when of another type. */
  private static JsonNode list(JsonNode answer, String key) throws ChatCall.Failure {
    JsonNode node = answer.path(key);
    if (node.isMissingNode() || node.isNull()) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    if (!node.isArray()) {
      throw new ChatCall.Failure("the answer's " + key + " is not a list");
    }
    return node;
  }

  /** An entry's name: the entry itself when a string, else its {@code name}; blank when neither. */
  private static String name(JsonNode entry) {
    JsonNode name = entry.isTextual() ? entry : entry.path("name");
    return name.isTextual() ? name.asText().strip() : "";
  }

  /**
   * The span of {@code name}'s first occurrence in {@code text} at word boundaries, noted in {@code
   * seen}; empty when it has none (invented), or a name equal ignoring case was found already.
   */
  private static Optional<MentionSpan> span(
      String name, String text, EvidenceField field, Set<String> seen) {
    if (name.isEmpty() || name.length() > 300 || seen.contains(name.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    int from = 0;
    while (true) {
      int start = text.indexOf(name, from);
      if (start < 0) {
        return Optional.empty();
      }
      int end = start + name.length();
      if (boundary(text, start - 1) && boundary(text, end)) {
        seen.add(name.toLowerCase(Locale.ROOT));
        return Optional.of(MentionSpan.of(field, start, end, CONFIDENCE));
      }
      from = start + 1;
    }
  }

  /** Whether index {@code i} is outside {@code text} or not a letter or digit. */
  private static boolean boundary(String text, int i) {
    return i < 0 || i >= text.length() || !Character.isLetterOrDigit(text.codePointAt(i));
  }

  private static Optional<OrganizationMention> organization(String text, MentionSpan span) {
    try {
      return Optional.of(
          OrganizationMention.builder()
              .name(text.substring(span.start(), span.end()))
              .role(OrganizationRole.MENTIONED)
              .span(span)
              .build());
    } catch (DiscoveryException e) {
      return Optional.empty(); // a name the model may not store (control characters): dropped
    }
  }

  private static Optional<PersonMention> person(
      JsonNode entry, String text, String lower, MentionSpan span) {
    try {
      PersonMention.Builder p =
          PersonMention.builder().name(text.substring(span.start(), span.end())).span(span);
      inText(entry.path("title"), lower).ifPresent(p::title);
      inText(entry.path("employer"), lower).ifPresent(p::employer);
      return Optional.of(p.build());
    } catch (DiscoveryException e) {
      return Optional.empty();
    }
  }

  /** The value when a string of at most 300 chars that {@code lower} (lower case) contains. */
  private static Optional<String> inText(JsonNode value, String lower) {
    if (!value.isTextual()) {
      return Optional.empty();
    }
    String v = value.asText().strip();
    if (v.isEmpty() || v.length() > 300) {
      return Optional.empty();
    }
    return lower.contains(v.toLowerCase(Locale.ROOT)) ? Optional.of(v) : Optional.empty();
  }

  @Override
  public String toString() {
    return "ChatCompletionsEntityExtractor[" + id + "]";
  }

  /** Builds a {@link ChatCompletionsEntityExtractor}; not thread-safe. */
  public static final class Builder {
    private String id = ID;
    private HttpToolkit http;
    private CredentialStore credentials;
    private String prompt = DEFAULT_PROMPT;
    private int tokenBudget = 1_000;
    private int maxChars = 8_000;
    private Optional<String> model = Optional.empty();

    private Builder() {}

    /** The id, also the provider name of the credentials. Default {@value #ID}. */
    public Builder id(String id) {
      Fields.identifier("id", id, 60);
      this.id = id;
      return this;
    }

    /** The HTTP toolkit the calls go through (timeouts, retries, cost records); required. */
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
     * The instructions sent as the system message, asking for the JSON object described above.
     * Default {@link #DEFAULT_PROMPT}.
     *
     * @throws ValidationException if blank or over 8,000 characters
     */
    public Builder prompt(String prompt) {
      Fields.notBlank("prompt", prompt);
      Fields.text("prompt", prompt, 8_000);
      this.prompt = prompt;
      return this;
    }

    /** The model for tenants without an {@code <id>.model} credential. Default none. */
    public Builder model(String model) {
      Fields.notBlank("model", model);
      Fields.text("model", model, 200);
      this.model = Optional.of(model.strip());
      return this;
    }

    /** The most tokens the model may answer with ({@code max_tokens}), 16..16384. Default 1000. */
    public Builder tokenBudget(int tokens) {
      if (tokens < 16 || tokens > 16_384) {
        throw new ValidationException("tokenBudget must be between 16 and 16384, was " + tokens);
      }
      this.tokenBudget = tokens;
      return this;
    }

    /**
     * The longest text sent, 100..100,000 characters; a longer one fails without a call. Default
     * 8,000, twice the entity processor's chunks.
     */
    public Builder maxChars(int maxChars) {
      if (maxChars < 100 || maxChars > 100_000) {
        throw new ValidationException("maxChars must be between 100 and 100000, was " + maxChars);
      }
      this.maxChars = maxChars;
      return this;
    }

    /**
     * @throws NullPointerException if the toolkit or the credentials are missing
     */
    public ChatCompletionsEntityExtractor build() {
      return new ChatCompletionsEntityExtractor(this);
    }
  }
}
