package io.github.discoverysdk.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.draft.Citation;
import io.github.discoverysdk.model.EvidenceField;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON columns of {@code discovery_playbook_match} (reasons: an array of strings) and {@code
 * discovery_draft} (citations: an array of {@code {"signalKey", "url", "fields", "terms"}}).
 * Stateless and thread-safe.
 */
final class DraftJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DraftJson() {}

  static String strings(List<String> values) {
    ArrayNode a = MAPPER.createArrayNode();
    values.forEach(a::add);
    return write(a);
  }

  static List<String> readStrings(String json) {
    List<String> out = new ArrayList<>();
    read(json).forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }

  static String citations(List<Citation> citations) {
    ArrayNode a = MAPPER.createArrayNode();
    for (Citation c : citations) {
      ObjectNode n = a.addObject();
      n.put("signalKey", c.signalKey());
      c.url().ifPresent(u -> n.put("url", u.toString()));
      ArrayNode fields = n.putArray("fields");
      c.fields().forEach(f -> fields.add(f.name()));
      ArrayNode terms = n.putArray("terms");
      c.terms().forEach(terms::add);
    }
    return write(a);
  }

  static List<Citation> readCitations(String json) {
    List<Citation> out = new ArrayList<>();
    for (JsonNode n : read(json)) {
      Citation.Builder b = Citation.builder().signalKey(n.get("signalKey").asText());
      if (n.hasNonNull("url")) {
        b.url(URI.create(n.get("url").asText()));
      }
      n.get("fields").forEach(f -> b.addFields(EvidenceField.valueOf(f.asText())));
      n.get("terms").forEach(t -> b.addTerms(t.asText()));
      out.add(b.build());
    }
    return List.copyOf(out);
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new StorageException("a stored draft column is corrupt: " + e.getOriginalMessage(), e);
    }
  }
}
