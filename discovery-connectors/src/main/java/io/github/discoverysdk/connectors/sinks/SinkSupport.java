package io.github.discoverysdk.connectors.sinks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.ConnectorException.Kind;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.support.Hashing;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** What the sinks share: JSON, hashing, external ids, credentials and the alert's wording. */
final class SinkSupport {
  /** Small documents only: CRM answers and our own payloads; limits guard the parser. */
  static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(200)
                          .maxStringLength(1_000_000)
                          .maxDocumentLength(10_000_000L)
                          .build())
                  .build())
          .build();

  private SinkSupport() {}

  /** A delivery step that fails with a connector's typed failure. */
  @FunctionalInterface
  interface Attempt<X extends Exception> {
    void run() throws ConnectorException, X;
  }

  /**
   * Runs {@code attempt}, turning a connector failure into a {@link DeliveryException} of sink
   * {@code sinkId}.
   */
  static <X extends Exception> void delivering(String sinkId, Attempt<X> attempt)
      throws DeliveryException, X {
    try {
      attempt.run();
    } catch (ConnectorException e) {
      throw DeliveryException.of(sinkId, e);
    }
  }

  /** {@code value}, if not blank; a builder's check. */
  static String notBlank(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new ValidationException(name + " must not be blank");
    }
    return value;
  }

  /** A builder's check that the setting {@code name} was made. */
  static void required(Object value, String name) {
    if (value == null) {
      throw new ValidationException(name + " is required");
    }
  }

  static String write(Object tree) {
    try {
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** A response body as JSON; an empty or malformed body is a parse error naming the sink. */
  static JsonNode parse(String sinkId, HttpResult result, String what) throws ConnectorException {
    try {
      JsonNode node = JSON.readTree(result.text());
      if (node == null || node.isMissingNode()) {
        throw ConnectorException.parseError(sinkId, null, "empty answer to " + what, null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw ConnectorException.parseError(
          sinkId, null, "malformed JSON in answer to " + what, null);
    }
  }

  /**
   * The opportunity's id in a CRM: {@code tenant:value}, stable across deliveries and unique across
   * tenants that share one CRM account.
   */
  static String externalId(Opportunity o) {
    return o.id().tenant() + ":" + o.id().value();
  }

  /** A short, stable fingerprint of the signal version an opportunity was computed from. */
  static String signalTag(Opportunity o) {
    return Hashing.sha256Hex(o.signalHash()).substring(0, 12);
  }

  /** The tenant's key for {@code provider}, or a typed failure naming the sink; nothing is sent. */
  static Secret credential(CredentialStore store, String tenant, String provider, String sinkId)
      throws ConnectorException {
    return store
        .find(tenant, provider)
        .orElseThrow(
            () ->
                new ConnectorException(
                    Kind.MISSING_CREDENTIALS,
                    sinkId,
                    "no '"
                        + provider
                        + "' credentials for tenant '"
                        + tenant
                        + "' in the credential store; nothing was sent"));
  }

  /** "Acme — VP Eng speaks at KubeCon", or the title alone when no company is known. */
  static String headline(Opportunity o) {
    return o.company().map(c -> c + " — " + o.title()).orElse(o.title());
  }

  /** The strongest reasons, joined: the "why now" line. */
  static String whyNow(Opportunity o, int max) {
    List<String> reasons = o.score().reasons();
    String joined =
        reasons.stream().filter(r -> !r.isBlank()).limit(max).collect(Collectors.joining("; "));
    return joined.isEmpty() ? o.temporal().recommendedAction() : joined;
  }

  /** Whether {@code u} is an http or https URL. */
  static boolean isHttp(URI u) {
    String s = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    return s.equals("http") || s.equals("https");
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** The score as a whole number, as sellers read it. */
  static long score(Opportunity o) {
    return Math.round(o.score().total());
  }

  /** {@code text} cut to {@code max} characters, with an ellipsis when cut. */
  static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
