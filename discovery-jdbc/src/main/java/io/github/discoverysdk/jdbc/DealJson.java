package io.github.discoverysdk.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.deals.DealContact;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON column of {@code discovery_deal}: its contacts as an array of {@code {"email", "name",
 * "title"}} objects, absent fields for absent values. Stateless and thread-safe.
 */
final class DealJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DealJson() {}

  static String contacts(List<DealContact> contacts) {
    ArrayNode a = MAPPER.createArrayNode();
    for (DealContact c : contacts) {
      ObjectNode n = a.addObject();
      n.put("email", c.email());
      c.name().ifPresent(v -> n.put("name", v));
      c.title().ifPresent(v -> n.put("title", v));
    }
    try {
      return MAPPER.writeValueAsString(a);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  static List<DealContact> readContacts(String json) {
    JsonNode array;
    try {
      array = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new StorageException(
          "a stored deal's contacts are corrupt: " + e.getOriginalMessage(), e);
    }
    List<DealContact> out = new ArrayList<>(array.size());
    for (JsonNode n : array) {
      DealContact.Builder b = DealContact.builder().email(n.get("email").asText());
      if (n.hasNonNull("name")) {
        b.name(n.get("name").asText());
      }
      if (n.hasNonNull("title")) {
        b.title(n.get("title").asText());
      }
      out.add(b.build());
    }
    return List.copyOf(out);
  }
}
