package io.github.discoverysdk.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.session.Answer;
import io.github.discoverysdk.session.catalogue.QuestionType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON column of {@code discovery_session_response}: an answer as {@code {"type", "value",
 * "selected", "freeForm", "sizing"}}. Numbers are written in their shortest exact form, so a sizing
 * value comes back equal. Stateless and thread-safe.
 */
final class SessionJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SessionJson() {}

  static String answer(Answer a) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("type", a.type().name());
    o.put("value", a.value());
    a.selected().forEach(o.putArray("selected")::add);
    a.freeForm().forEach(o.putArray("freeForm")::add);
    ObjectNode sizing = o.putObject("sizing");
    a.sizing().forEach(sizing::put);
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  static Answer readAnswer(String json) {
    JsonNode o;
    try {
      o = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new StorageException("a stored answer is corrupt: " + e.getOriginalMessage(), e);
    }
    Map<String, Double> sizing = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = o.path("sizing").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      sizing.put(f.getKey(), f.getValue().asDouble());
    }
    return new Answer(
        QuestionType.valueOf(o.get("type").asText()),
        o.get("value").asText(),
        strings(o.path("selected")),
        strings(o.path("freeForm")),
        sizing);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>(array.size());
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
