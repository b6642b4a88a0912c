package io.github.discoverysdk.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.audit.FieldChange;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON text of an audit entry's field changes: an array of {@code {"field", "before", "after"}}
 * objects in the entry's order, an absent value left out. Kept apart from {@link Json} so the audit
 * log's stored shape is read in one place. Stateless, thread-safe.
 */
final class AuditJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AuditJson() {}

  static String changes(List<FieldChange> changes) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (FieldChange c : changes) {
      ObjectNode o = a.addObject();
      o.put("field", c.field());
      c.before().ifPresent(v -> o.put("before", v));
      c.after().ifPresent(v -> o.put("after", v));
    }
    try {
      return MAPPER.writeValueAsString(a);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  static List<FieldChange> readChanges(String json) {
    JsonNode array;
    try {
      array = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new StorageException("a stored audit entry is corrupt: " + e.getOriginalMessage(), e);
    }
    List<FieldChange> out = new ArrayList<>(array.size());
    for (JsonNode n : array) {
      // Stored values were clipped when the change was made: of() keeps them as they are.
      out.add(FieldChange.of(n.get("field").asText(), text(n, "before"), text(n, "after")));
    }
    return List.copyOf(out);
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
