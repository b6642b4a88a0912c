package io.github.discoverysdk.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.draft.Citation;
import io.github.discoverysdk.model.EvidenceField;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The citations column of {@code discovery_draft}: an array of {@code {"signalKey", "url",
 * "fields", "terms"}}, written and read with {@link Json}'s mapper. Stateless and thread-safe.
 */
final class DraftJson {
  private DraftJson() {}

  static String citations(List<Citation> citations) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (Citation c : citations) {
      ObjectNode n = a.addObject();
      n.put("signalKey", c.signalKey());
      c.url().ifPresent(u -> n.put("url", u.toString()));
      ArrayNode fields = n.putArray("fields");
      c.fields().forEach(f -> fields.add(f.name()));
      ArrayNode terms = n.putArray("terms");
      c.terms().forEach(terms::add);
    }
    return Json.write(a);
  }

  static List<Citation> readCitations(String json) {
    List<Citation> out = new ArrayList<>();
    for (JsonNode n : Json.read(json)) {
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
}
