package io.github.discoverysdk.session.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a catalogue document with Jackson's tree model and validates every entry, naming the first
 * bad one by its path. Stateless.
 */
final class CatalogueReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_TEXT = 500;

  private CatalogueReader() {}

  static Catalogue read(InputStream in) {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (IOException e) {
      throw new CatalogueException("(document)", "not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new CatalogueException("(document)", "must be a JSON object");
    }
    if (root.path("schema").asInt(-1) != 1) {
      throw new CatalogueException("schema", "must be 1, was " + root.path("schema"));
    }
    String version = text(root, "version", "version");
    List<VendorCategory> categories = new ArrayList<>();
    Set<String> categoryIds = new HashSet<>();
    JsonNode cats = array(root, "categories", "categories");
    for (int i = 0; i < cats.size(); i++) {
      String at = "categories[" + i + "]";
      String id = text(cats.get(i), "id", at);
      if (!categoryIds.add(id)) {
        throw new CatalogueException(at, "duplicate category id " + id);
      }
      categories.add(new VendorCategory(id, text(cats.get(i), "name", at)));
    }
    List<Vertical> verticals = verticals(root, categoryIds);
    List<Vendor> vendors = vendors(root, categoryIds);
    return new Catalogue(version, verticals, categories, vendors);
  }

  private static List<Vertical> verticals(JsonNode root, Set<String> categoryIds) {
    List<Vertical> out = new ArrayList<>();
    Set<String> verticalIds = new HashSet<>();
    Set<String> questionIds = new HashSet<>();
    JsonNode vs = array(root, "verticals", "verticals");
    if (vs.isEmpty()) {
      throw new CatalogueException("verticals", "must not be empty");
    }
    for (int i = 0; i < vs.size(); i++) {
      String at = "verticals[" + i + "]";
      String id = text(vs.get(i), "id", at);
      if (!verticalIds.add(id)) {
        throw new CatalogueException(at, "duplicate vertical id " + id);
      }
      List<Question> questions = new ArrayList<>();
      JsonNode qs = array(vs.get(i), "questions", at);
      for (int j = 0; j < qs.size(); j++) {
        String qat = at + ".questions[" + j + "]";
        Question q = question(qs.get(j), id, qat, categoryIds);
        if (!questionIds.add(q.id())) {
          throw new CatalogueException(qat, "duplicate question id " + q.id());
        }
        questions.add(q);
      }
      out.add(new Vertical(id, text(vs.get(i), "name", at), questions));
    }
    return out;
  }

  private static Question question(JsonNode q, String vertical, String at, Set<String> categories) {
    String id = text(q, "id", at);
    String text = text(q, "text", at);
    QuestionType type;
    try {
      type = QuestionType.valueOf(text(q, "type", at));
    } catch (IllegalArgumentException e) {
      throw new CatalogueException(at, "type must be one of TEXT, RADIO, VENDOR_MULTI, SIZING");
    }
    List<String> cats = new ArrayList<>();
    List<Option> options = new ArrayList<>();
    List<SizingParameter> parameters = new ArrayList<>();
    switch (type) {
      case VENDOR_MULTI:
        JsonNode cs = array(q, "categories", at);
        for (JsonNode c : cs) {
          if (!categories.contains(c.asText())) {
            throw new CatalogueException(at, "unknown category " + c.asText());
          }
          cats.add(c.asText());
        }
        if (cats.isEmpty()) {
          throw new CatalogueException(at, "a VENDOR_MULTI question needs categories");
        }
        break;
      case RADIO:
        JsonNode os = q.path("options");
        if (!os.isArray() || os.size() < 2) {
          throw new CatalogueException(at, "a RADIO question needs at least two options");
        }
        Set<String> ids = new HashSet<>();
        for (int k = 0; k < os.size(); k++) {
          String oat = at + ".options[" + k + "]";
          Option o = new Option(text(os.get(k), "id", oat), text(os.get(k), "label", oat));
          if (!ids.add(o.id())) {
            throw new CatalogueException(oat, "duplicate option id " + o.id());
          }
          options.add(o);
        }
        break;
      case SIZING:
        JsonNode ps = array(q, "parameters", at);
        if (ps.isEmpty()) {
          throw new CatalogueException(at, "a SIZING question needs parameters");
        }
        Set<String> pids = new HashSet<>();
        for (int k = 0; k < ps.size(); k++) {
          parameters.add(parameter(ps.get(k), at + ".parameters[" + k + "]", pids));
        }
        break;
      default:
        break;
    }
    return new Question(id, vertical, text, type, cats, options, parameters);
  }

  private static SizingParameter parameter(JsonNode p, String at, Set<String> ids) {
    String id = text(p, "id", at);
    if (!ids.add(id)) {
      throw new CatalogueException(at, "duplicate parameter id " + id);
    }
    if (!p.path("min").isNumber() || !p.path("max").isNumber()) {
      throw new CatalogueException(at, "min and max must be numbers");
    }
    double min = p.get("min").asDouble();
    double max = p.get("max").asDouble();
    if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
      throw new CatalogueException(
          at, "bounds must be finite with min <= max, were " + min + ".." + max);
    }
    return new SizingParameter(id, text(p, "label", at), text(p, "unit", at), min, max);
  }

  private static List<Vendor> vendors(JsonNode root, Set<String> categoryIds) {
    List<Vendor> out = new ArrayList<>();
    Map<String, String> names = new HashMap<>();
    JsonNode vs = array(root, "vendors", "vendors");
    for (int i = 0; i < vs.size(); i++) {
      JsonNode v = vs.get(i);
      String name = text(v, "name", "vendors[" + i + "]");
      String at = "vendors[" + i + "] (" + name + ")";
      List<String> aliases = new ArrayList<>();
      if (v.has("aliases")) {
        for (JsonNode a : array(v, "aliases", at)) {
          aliases.add(checked(a.asText(), at + ".aliases"));
        }
      }
      List<String> cats = new ArrayList<>();
      for (JsonNode c : array(v, "categories", at)) {
        if (!categoryIds.contains(c.asText())) {
          throw new CatalogueException(at, "unknown category " + c.asText());
        }
        cats.add(c.asText());
      }
      if (cats.isEmpty()) {
        throw new CatalogueException(at, "a vendor needs at least one category");
      }
      List<String> all = new ArrayList<>(aliases);
      all.add(0, name);
      Set<String> own = new HashSet<>();
      for (String n : all) {
        String key = Catalogue.key(n);
        if (key.isEmpty()) {
          throw new CatalogueException(at, "name or alias " + n + " has no letters or digits");
        }
        if (!own.add(key)) {
          throw new CatalogueException(at, "alias " + n + " repeats another name of " + name);
        }
        String previous = names.putIfAbsent(key, name);
        if (previous != null) {
          throw new CatalogueException(at, "duplicate vendor: " + n + " is also " + previous);
        }
      }
      out.add(new Vendor(name, aliases, cats));
    }
    return out;
  }

  private static JsonNode array(JsonNode node, String field, String at) {
    JsonNode a = node.path(field);
    if (!a.isArray()) {
      throw new CatalogueException(at, field + " must be an array");
    }
    return a;
  }

  private static String text(JsonNode node, String field, String at) {
    JsonNode t = node.path(field);
    if (!t.isTextual()) {
      throw new CatalogueException(at, field + " must be a string");
    }
    return checked(t.asText(), at + "." + field);
  }

  private static String checked(String value, String at) {
    if (value.isBlank() || !value.strip().equals(value) || value.length() > MAX_TEXT) {
      throw new CatalogueException(
          at, "must be non-blank text of at most " + MAX_TEXT + " characters without outer spaces");
    }
    return value;
  }
}
