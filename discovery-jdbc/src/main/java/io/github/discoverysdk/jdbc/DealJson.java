package io.github.discoverysdk.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.deals.DealContact;
import io.github.discoverysdk.deals.IcpTrait;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON columns of the deals subsystem: the contacts of {@code discovery_deal} as an array of
 * {@code {"email", "name", "title"}} objects, absent fields for absent values; the traits of {@code
 * discovery_icp} as an array of {@code {"kind", "value", "example", "wonWith", "wonKnown",
 * "lostWith", "lostKnown", "lift"}} objects. Stateless and thread-safe.
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
    return write(a);
  }

  static List<DealContact> readContacts(String json) {
    JsonNode array = read(json, "deal's contacts");
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

  static String icpTraits(List<IcpTrait> traits) {
    ArrayNode a = MAPPER.createArrayNode();
    for (IcpTrait t : traits) {
      ObjectNode n = a.addObject();
      n.put("kind", t.kind().name());
      n.put("value", t.value());
      n.put("example", t.example());
      n.put("wonWith", t.wonWith());
      n.put("wonKnown", t.wonKnown());
      n.put("lostWith", t.lostWith());
      n.put("lostKnown", t.lostKnown());
      n.put("lift", t.lift());
    }
    return write(a);
  }

  static List<IcpTrait> readIcpTraits(String json) {
    JsonNode array = read(json, "ICP's traits");
    List<IcpTrait> out = new ArrayList<>(array.size());
    for (JsonNode n : array) {
      out.add(
          new IcpTrait(
              IcpTrait.Kind.valueOf(n.get("kind").asText()),
              n.get("value").asText(),
              n.get("example").asText(),
              n.get("wonWith").asInt(),
              n.get("wonKnown").asInt(),
              n.get("lostWith").asInt(),
              n.get("lostKnown").asInt(),
              n.get("lift").asDouble()));
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

  private static JsonNode read(String json, String what) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new StorageException("a stored " + what + " are corrupt: " + e.getOriginalMessage(), e);
    }
  }
}
