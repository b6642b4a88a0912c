package io.github.discoverysdk.connectors.sinks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.ConnectorException.Kind;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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

  static String sha256Hex(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
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
    return sha256Hex(o.signalHash()).substring(0, 12);
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
