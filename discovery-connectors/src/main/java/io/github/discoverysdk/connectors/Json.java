package io.github.discoverysdk.connectors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpResult;
import java.io.IOException;
import java.util.Optional;

/**
 * JSON parsing of untrusted responses with explicit limits (a private mapper: the host's global
 * Jackson settings are never touched; no default typing). Stateless and thread-safe.
 */
final class Json {
  static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(200)
                          .maxStringLength(5_000_000)
                          .maxNumberLength(100)
                          .maxNameLength(10_000)
                          .maxDocumentLength(20_000_000L)
                          .build())
                  .build())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private Json() {}

  /** The body as a JSON tree; an empty or malformed body is a parse error naming the source. */
  static JsonNode parse(String sourceId, HttpResult result, String what) throws ConnectorException {
    byte[] body = result.body();
    if (body.length == 0 || new String(body, 0, Math.min(body.length, 64)).isBlank()) {
      throw ConnectorException.parseError(sourceId, what, "empty body", null);
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw ConnectorException.parseError(sourceId, what, "empty body", null);
      }
      return node;
    } catch (IOException e) {
      throw ConnectorException.parseError(
          sourceId, what, "malformed JSON: " + e.getClass().getSimpleName(), e);
    }
  }

  /** {@code node}, if it is an array; else a parse error naming the source and {@code what}. */
  static JsonNode array(String sourceId, JsonNode node, String what) throws ConnectorException {
    if (!node.isArray()) {
      throw ConnectorException.parseError(sourceId, what, "not a JSON array", null);
    }
    return bounded(sourceId, node, what);
  }

  /** {@code array}, unless it holds more than {@link HttpSignalSource#MAX_RECORDS} records. */
  private static JsonNode bounded(String sourceId, JsonNode array, String what)
      throws ConnectorException {
    if (array.size() > HttpSignalSource.MAX_RECORDS) {
      throw HttpSignalSource.tooManyRecords(sourceId, what, array.size());
    }
    return array;
  }

  /** The array {@code field} of {@code node}; else a parse error naming the source and field. */
  static JsonNode arrayField(String sourceId, JsonNode node, String field, String what)
      throws ConnectorException {
    JsonNode array = node.get(field);
    if (array == null || !array.isArray()) {
      throw ConnectorException.parseError(sourceId, what, "no '" + field + "' array", null);
    }
    return bounded(sourceId, array, what);
  }

  /** A non-blank text field. */
  static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return Optional.empty();
    }
    String s = v.asText().strip();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /** A required non-blank text field, or an exception naming it. */
  static String required(JsonNode node, String field) {
    return text(node, field)
        .orElseThrow(() -> new IllegalArgumentException("field '" + field + "' is missing"));
  }
}
