package io.github.discoverysdk.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded mutations of recorded payloads for {@link ParserFuzzTest} (test plan SEC-17): structural
 * mutations of JSON trees, XML elements and iCalendar lines, plus byte-level damage. Every mutation
 * is a pure function of the original payload and the {@link Random} it is given, so one seed always
 * gives the same bytes. Not thread-safe (the {@link Random} is not shared).
 */
final class PayloadMutators {
  /**
   * A text value replaced by a 5,000-deep array after serialisation (Jackson refuses to write it).
   */
  static final String DEEP = "__fuzz_deep_nesting__";

  static final int DEEP_NESTING = 5_000;
  static final int LONG_STRING = 100 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final String[] STRINGS = {
    "",
    " ",
    "x",
    "null",
    "NaN",
    "-1",
    "0",
    "true",
    "[]",
    "{}",
    "99999999999999999999999999",
    "not a date",
    "2026-13-45T99:99:99Z",
    "2026-02-30",
    "2026-06-02T25:00:00Z",
    "+999999999-12-31T23:59:59Z",
    "-999999999-01-01T00:00:00Z",
    "0000-01-01T00:00:00Z",
    "20260622T200000Z",
    "20261399T256161Z",
    "1705315200000",
    "http://",
    "https://",
    "http://[::1",
    "https://exa mple.test/a b",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "//no-scheme.test/x",
    "&amp;&lt;b&gt;&#0;&#x110000;&#99999999;&bogus;&",
    "<script>alert(1)</script>",
    "<<<<<<<<<<",
    "5.02,,,,1.01, ,2.01",
    "8-K",
    "D/A",
    "S-1",
    "Ⅻ 🚀 ﷽ \u202e",
    "é\u0301",
  };

  private static final String[] DATES = {
    "+999999999-12-31T23:59:59Z",
    "-999999999-01-01T00:00:00Z",
    "+10000-01-01T00:00:00Z",
    "0000-01-01T00:00:00Z",
    "2026-02-30",
    "2026-06-02T25:00:00Z",
    "2026-06-02T10:00:00+25:00",
    "20260622T200000Z",
    "99991231T235959Z",
    "2026-06-02",
    "2026-06",
  };

  private PayloadMutators() {}

  // ---------------------------------------------------------------------------------------------
  // JSON

  /** One to three mutations of the JSON tree, of the text, or both. */
  static byte[] json(String original, Random r) {
    int strategy = r.nextInt(10);
    if (strategy >= 7) {
      return bytes(original.getBytes(StandardCharsets.UTF_8), r);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(original);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      root = mutateTree(root, r);
    }
    String text;
    try {
      text = MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    text = text.replace("\"" + DEEP + "\"", deepArray(DEEP_NESTING));
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return strategy == 6 ? bytes(b, r) : b;
  }

  /** A place in the tree: a node, its parent (null for the root) and its name or index there. */
  private record Slot(JsonNode node, JsonNode parent, String field, int index) {}

  private static JsonNode mutateTree(JsonNode root, Random r) {
    List<Slot> slots = new ArrayList<>();
    collect(root, null, null, -1, slots);
    int op = r.nextInt(10);
    if (op < 6) { // replace a node, most often a leaf near the records
      Slot s = slots.get(r.nextInt(slots.size()));
      JsonNode v = value(r);
      if (s.parent() == null) {
        return v;
      }
      put(s, v);
    } else if (op < 8) { // remove a field or an element
      List<Slot> removable = slots.stream().filter(s -> s.parent() != null).toList();
      if (removable.isEmpty()) {
        return value(r);
      }
      Slot s = removable.get(r.nextInt(removable.size()));
      if (s.parent() instanceof ObjectNode o) {
        o.remove(s.field());
      } else {
        ((ArrayNode) s.parent()).remove(s.index());
      }
    } else if (op == 8) { // duplicate an array element
      List<Slot> elements =
          slots.stream().filter(s -> s.parent() != null && s.parent().isArray()).toList();
      if (elements.isEmpty()) {
        return mutateTree(root, r);
      }
      Slot s = elements.get(r.nextInt(elements.size()));
      ((ArrayNode) s.parent()).insert(s.index(), s.node().deepCopy());
    } else { // give a record a field of the wrong type under a name a sibling uses
      List<Slot> objects = slots.stream().filter(s -> s.node().isObject()).toList();
      if (objects.isEmpty()) {
        return mutateTree(root, r);
      }
      ObjectNode o = (ObjectNode) objects.get(r.nextInt(objects.size())).node();
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      String name = names.isEmpty() ? "id" : names.get(r.nextInt(names.size()));
      o.set(name, value(r));
    }
    return root;
  }

  private static void collect(
      JsonNode node, JsonNode parent, String field, int index, List<Slot> out) {
    out.add(new Slot(node, parent, field, index));
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        collect(e.getValue(), node, e.getKey(), -1, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), node, null, i, out);
      }
    }
  }

  private static void put(Slot s, JsonNode v) {
    if (s.parent() instanceof ObjectNode o) {
      o.set(s.field(), v);
    } else {
      ((ArrayNode) s.parent()).set(s.index(), v);
    }
  }

  /** A hostile replacement value. */
  static JsonNode value(Random r) {
    switch (r.nextInt(14)) {
      case 0:
        return NODES.nullNode();
      case 1:
        return number(r);
      case 2:
        return NODES.booleanNode(r.nextBoolean());
      case 3:
        return NODES.textNode(pick(STRINGS, r));
      case 4:
        return NODES.objectNode();
      case 5:
        return NODES.arrayNode();
      case 6:
        return NODES.textNode(longString(r));
      case 7:
        return NODES.textNode(DEEP);
      case 8:
        return NODES.textNode(controlString(r));
      case 9:
        return NODES.textNode(pick(DATES, r));
      case 10:
        {
          ArrayNode a = NODES.arrayNode();
          a.add(NODES.nullNode()).add(number(r)).add(pick(STRINGS, r)).add(NODES.objectNode());
          return a;
        }
      case 11:
        {
          ObjectNode o = NODES.objectNode();
          o.set("id", value(r));
          o.set("name", NODES.objectNode());
          o.set("url", NODES.arrayNode());
          return o;
        }
      case 12:
        return NODES.textNode(randomUnicode(r, 1 + r.nextInt(40)));
      default:
        return NODES.numberNode(new BigDecimal("1e" + (r.nextBoolean() ? "" : "-") + 400));
    }
  }

  private static JsonNode number(Random r) {
    switch (r.nextInt(10)) {
      case 0:
        return NODES.numberNode(-1);
      case 1:
        return NODES.numberNode(Long.MIN_VALUE);
      case 2:
        return NODES.numberNode(Long.MAX_VALUE);
      case 3:
        return NODES.numberNode(1e308);
      case 4:
        return NODES.numberNode(-4.9e-324);
      case 5:
        return NODES.numberNode(new BigInteger("9".repeat(99))); // just inside the parse limit
      case 6:
        return NODES.numberNode(new BigInteger("9".repeat(150))); // past the parse limit
      case 7:
        return NODES.numberNode(0);
      case 8:
        return NODES.numberNode(3.5);
      default:
        return NODES.numberNode(r.nextLong());
    }
  }

  static String deepArray(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  static String longString(Random r) {
    switch (r.nextInt(5)) {
      case 0:
        return "A".repeat(LONG_STRING);
      case 1:
        return "<".repeat(LONG_STRING); // the worst case of a tag stripper
      case 2:
        return "&amp;".repeat(LONG_STRING / 5);
      case 3:
        return "<a ".repeat(LONG_STRING / 3);
      default:
        return randomUnicode(r, LONG_STRING);
    }
  }

  static String controlString(Random r) {
    StringBuilder b = new StringBuilder("ctl");
    int n = 1 + r.nextInt(20);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(6)) {
        case 0 -> b.append('\u0000');
        case 1 -> b.append((char) r.nextInt(0x20));
        case 2 -> b.append('\u007f');
        case 3 -> b.append(r.nextBoolean() ? '\u2028' : '\u2029');
        case 4 -> b.append(r.nextBoolean() ? '\ufeff' : '\uffff');
        default -> b.append(r.nextBoolean() ? '\ud800' : '\udfff'); // lone surrogates
      }
    }
    return b.toString();
  }

  private static String randomUnicode(Random r, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int kind = r.nextInt(4);
      b.append(
          switch (kind) {
            case 0 -> (char) (' ' + r.nextInt(95));
            case 1 -> (char) (0xa0 + r.nextInt(0x2000));
            case 2 -> (char) (0x3000 + r.nextInt(0x5000));
            default -> "<>&\"'\\;:,".charAt(r.nextInt(9));
          });
    }
    return b.toString();
  }

  // ---------------------------------------------------------------------------------------------
  // XML (RSS and Atom)

  private static final Pattern START_TAG = Pattern.compile("<([A-Za-z][\\w:.-]*)(\\s[^<>]*)?>");
  private static final String[] TAGS = {
    "rss",
    "channel",
    "item",
    "entry",
    "feed",
    "title",
    "link",
    "guid",
    "id",
    "pubDate",
    "updated",
    "published",
    "description",
    "content",
    "source",
    "x:y",
    "rdf:RDF",
    "a"
  };
  private static final String[] XML_GARBAGE = {
    "&bogus;",
    "&#0;",
    "&#x0;",
    "&#xFFFFFFFF;",
    "&#55296;",
    "&#99999999999;",
    "&",
    "&amp",
    "&#x;",
    "&#;",
    "<![CDATA[ unterminated",
    "]]>",
    "<!--",
    "-->",
    "<?xml version=\"1.0\"?>",
    "<?pi junk?>",
    "<",
    ">",
    "</>",
    "<a>",
    "</channel>",
    "<item>",
    "\u0000",
    "\u0001",
    "\uffff",
    "<x:y>",
    "<title/>",
    "&lt;script&gt;",
  };

  /** One to three element, entity, DOCTYPE or text mutations, sometimes plus byte damage. */
  static byte[] xml(String original, Random r, String base) {
    String s = original;
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      s = xmlOnce(s, r, base);
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return r.nextInt(5) == 0 ? bytes(b, r) : b;
  }

  private static String xmlOnce(String s, Random r, String base) {
    List<int[]> tags = startTags(s);
    int op = r.nextInt(12);
    if (tags.isEmpty() && op < 4) {
      op = 8;
    }
    switch (op) {
      case 0: // remove an element
        {
          int[] e = element(s, tags.get(r.nextInt(tags.size())));
          return s.substring(0, e[0]) + s.substring(e[1]);
        }
      case 1: // duplicate an element
        {
          int[] e = element(s, tags.get(r.nextInt(tags.size())));
          return s.substring(0, e[1]) + s.substring(e[0], e[1]) + s.substring(e[1]);
        }
      case 2: // remove a start tag or its end tag only
        {
          int[] t = tags.get(r.nextInt(tags.size()));
          if (r.nextBoolean()) {
            return s.substring(0, t[0]) + s.substring(t[1]);
          }
          int[] e = element(s, t);
          int endTag = s.lastIndexOf("</", e[1] - 1);
          return endTag > t[1] ? s.substring(0, endTag) + s.substring(e[1]) : s;
        }
      case 3: // swap a tag's name, in both tags or in the start tag only
        {
          int[] t = tags.get(r.nextInt(tags.size()));
          String name = name(s, t);
          String other = pick(TAGS, r);
          int[] e = element(s, t);
          String inner = s.substring(t[1], e[1]);
          if (r.nextBoolean() && inner.endsWith("</" + name + ">")) {
            inner = inner.substring(0, inner.length() - name.length() - 3) + "</" + other + ">";
          }
          return s.substring(0, t[0])
              + "<"
              + other
              + s.substring(t[0] + 1 + name.length(), t[1])
              + inner
              + s.substring(e[1]);
        }
      case 4: // entity, CDATA, comment and markup garbage inside text
        {
          int at = textPosition(s, r);
          return s.substring(0, at) + pick(XML_GARBAGE, r) + s.substring(at);
        }
      case 5: // a DOCTYPE, external entities, XInclude: nothing may be fetched
        return doctype(s, r, base);
      case 6: // replace the text of an element
        {
          int[] t = tags.isEmpty() ? new int[] {0, 0} : tags.get(r.nextInt(tags.size()));
          int[] e = element(s, t);
          int endTag = s.lastIndexOf("</", e[1] - 1);
          if (endTag < t[1]) {
            return s;
          }
          return s.substring(0, t[1]) + xmlText(r) + s.substring(endTag);
        }
      case 7: // attribute garbage in a start tag
        {
          int[] t = tags.isEmpty() ? new int[] {0, 1} : tags.get(r.nextInt(tags.size()));
          String[] attrs = {
            " a=\"",
            " version=\"2.0\" version=\"1.0\"",
            " xmlns=\"\"",
            " xmlns:x=\"\"",
            " isPermaLink=\"maybe\"",
            " a=<b>",
            " \u0000=\"1\"",
            " xml:base=\"" + base + "/xxe\""
          };
          int at = Math.min(s.length(), Math.max(t[0] + 1, t[1] - 1));
          return s.substring(0, at) + pick(attrs, r) + s.substring(at);
        }
      case 8:
        return s.substring(0, r.nextInt(s.length() + 1));
      case 9: // an Atom or RDF root instead of RSS
        {
          String[] roots = {
            "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
                + " xmlns=\"http://purl.org/rss/1.0/\">",
            "<rss version=\"0.91\">",
            "<rss version=\"99\">",
            "<rss>",
            "<undeclared:rss>",
          };
          return s.replaceFirst("<rss[^>]*>", Matcher.quoteReplacement(pick(roots, r)));
        }
      case 10: // an encoding the bytes are not in
        {
          String[] decls = {
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
            "<?xml version=\"1.0\" encoding=\"EBCDIC-XYZ\"?>",
            "<?xml version=\"1.1\"?>",
            "<?xml version=\"2.0\"?>",
            "",
            "\ufeff<?xml version=\"1.0\"?>",
          };
          return s.replaceFirst("<\\?xml[^>]*\\?>", Matcher.quoteReplacement(pick(decls, r)));
        }
      default:
        return new String(bytes(s.getBytes(StandardCharsets.UTF_8), r), StandardCharsets.UTF_8);
    }
  }

  private static String xmlText(Random r) {
    return switch (r.nextInt(7)) {
      case 0 -> "";
      case 1 -> longString(r);
      case 2 -> controlString(r);
      case 3 -> pick(DATES, r);
      case 4 -> "Tue, 99 Foo 2026 99:99:99 XYZ";
      case 5 -> "<![CDATA[" + pick(STRINGS, r) + "]]>";
      default -> escapeXml(pick(STRINGS, r));
    };
  }

  private static String doctype(String s, Random r, String base) {
    String[] doctypes = {
      "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"" + base + "/xxe\">]>",
      "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
      "<!DOCTYPE rss SYSTEM \"" + base + "/evil.dtd\">",
      "<!DOCTYPE rss PUBLIC \"-//Fuzz//DTD//EN\" \"" + base + "/evil.dtd\">",
      "<!DOCTYPE rss [<!ENTITY % p SYSTEM \"" + base + "/evil.dtd\"> %p;]>",
      "<!DOCTYPE rss [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
          + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
          + "<!ENTITY xxe \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>",
      "<!DOCTYPE rss>",
    };
    int kind = r.nextInt(doctypes.length + 3);
    if (kind == doctypes.length) { // XInclude
      return s.replaceFirst(
          "<channel>",
          Matcher.quoteReplacement(
              "<channel><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\""
                  + base
                  + "/xxe\" parse=\"text\"/>"));
    }
    if (kind == doctypes.length + 1) { // a style sheet
      return s.replaceFirst(
          "\\?>",
          Matcher.quoteReplacement("?><?xml-stylesheet type=\"text/xsl\" href=\"" + base)
              + "/xxe\"?>");
    }
    if (kind == doctypes.length + 2) { // a schema location
      return s.replaceFirst(
          "<rss",
          Matcher.quoteReplacement(
              "<rss xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                  + " xsi:noNamespaceSchemaLocation=\""
                  + base
                  + "/evil.dtd\""));
    }
    String doctype = doctypes[kind];
    String withEntity = s.replaceFirst("<title>", "<title>&xxe;");
    int decl = withEntity.indexOf("?>");
    int at = withEntity.startsWith("<?xml") && decl > 0 ? decl + 2 : 0;
    return withEntity.substring(0, at) + doctype + withEntity.substring(at);
  }

  /** Start tags as {start, end} offsets, self-closing tags excluded. */
  private static List<int[]> startTags(String s) {
    List<int[]> out = new ArrayList<>();
    Matcher m = START_TAG.matcher(s);
    while (m.find()) {
      if (!m.group().endsWith("/>")) {
        out.add(new int[] {m.start(), m.end()});
      }
    }
    return out;
  }

  private static String name(String s, int[] tag) {
    Matcher m = START_TAG.matcher(s.substring(tag[0], tag[1]));
    return m.lookingAt() ? m.group(1) : "x";
  }

  /** The element that starts at {@code tag}: to the end of its end tag, else to the tag's end. */
  private static int[] element(String s, int[] tag) {
    String name = name(s, tag);
    int end = s.indexOf("</" + name + ">", tag[1]);
    return end < 0 ? new int[] {tag[0], tag[1]} : new int[] {tag[0], end + name.length() + 3};
  }

  private static int textPosition(String s, Random r) {
    for (int tries = 0; tries < 20; tries++) {
      int at = r.nextInt(s.length() + 1);
      int lt = s.lastIndexOf('<', at - 1);
      int gt = s.lastIndexOf('>', at - 1);
      if (gt >= lt) {
        return at;
      }
    }
    return r.nextInt(s.length() + 1);
  }

  private static String escapeXml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  // ---------------------------------------------------------------------------------------------
  // iCalendar

  private static final String[] ICS_NAMES = {
    "DTSTART",
    "DTEND",
    "DTSTAMP",
    "LAST-MODIFIED",
    "CREATED",
    "UID",
    "SUMMARY",
    "RECURRENCE-ID",
    "RRULE",
    "EXDATE",
    "RDATE",
    "DURATION",
    "STATUS",
    "URL",
    "LOCATION",
    "DESCRIPTION",
    "TZID",
    "X-FUZZ",
    "BEGIN",
    "END",
    "",
    "VEVENT",
    "SEQUENCE",
    "GEO",
    "ATTENDEE",
    "ORGANIZER"
  };
  private static final String[] ICS_LINES = {
    "DTSTART:99991231T235959Z",
    "DTSTART:00000101T000000",
    "DTSTART;VALUE=DATE:20261301",
    "DTSTART;VALUE=DATE:20261015T180000",
    "DTSTART:20261015T250000",
    "DTSTART:2026-10-15",
    "DTSTART;TZID=Mars/Olympus_Mons:20261015T180000",
    "DTSTART;TZID=:20261015T180000",
    "DTSTART;TZID=\"unterminated:20261015T180000",
    "DTSTART;TZID=America/New_York;VALUE=DATE:20261015",
    "DTSTART;VALUE=PERIOD:20261015T180000Z/PT1H",
    "DTEND:19000101T000000Z",
    "DTEND;VALUE=DATE:20261014",
    "DURATION:P99999999W",
    "DURATION:-PT1H",
    "DURATION:garbage",
    "RRULE:FREQ=SECONDLY;INTERVAL=0",
    "RRULE:FREQ=FOO;COUNT=-1;UNTIL=garbage",
    "RECURRENCE-ID:garbage",
    "RECURRENCE-ID;RANGE=THISANDFUTURE:20261015T180000Z",
    "EXDATE:garbage,20261015T180000Z",
    "LAST-MODIFIED:20261015",
    "LAST-MODIFIED:garbage",
    "LAST-MODIFIED;TZID=Nowhere/Never:20261015T180000",
    "DTSTAMP:",
    "CREATED:-1",
    "CREATED:20261015T180000+0200",
    "STATUS:",
    "SEQUENCE:99999999999999999999",
    "GEO:abc;def",
    "URL:javascript:alert(1)",
    "URL:http://[::1",
    "UID:",
    "SUMMARY:",
    "SUMMARY;LANGUAGE=:\\n\\,\\;\\\\\\",
    "ATTENDEE;CN=\"a\";PARTSTAT=:mailto:",
    "X-WR-TIMEZONE:Mars/Olympus_Mons",
    "BEGIN:VALARM",
    "END:VALARM",
    "BEGIN:VEVENT",
    "END:VEVENT",
    "END:VCALENDAR",
    "BEGIN:VCALENDAR",
    "BEGIN:VTIMEZONE\nTZID:Custom/Zone\nEND:VTIMEZONE",
    "BEGIN:VTIMEZONE\nTZID:America/New_York\nBEGIN:STANDARD\nDTSTART:garbage\n"
        + "TZOFFSETFROM:+9999\nTZOFFSETTO:-0500\nEND:STANDARD\nEND:VTIMEZONE",
    "BEGIN:VTIMEZONE\nTZID:Custom/Zone\nBEGIN:DAYLIGHT\nDTSTART:16010101T020000\n"
        + "RRULE:FREQ=YEARLY;BYMONTH=13\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:DAYLIGHT\n"
        + "END:VTIMEZONE",
    "DTSTART;TZID=Custom/Zone:20261015T180000",
    "VERSION:9.9",
    ":",
    ";",
    "NO-COLON-HERE",
  };

  /** One to three line mutations, sometimes plus byte damage. */
  static byte[] ics(String original, Random r) {
    List<String> lines = new ArrayList<>(List.of(original.split("\n", -1)));
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      icsOnce(lines, r);
    }
    String s = String.join(r.nextInt(4) == 0 ? "\r\n" : "\n", lines);
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return r.nextInt(5) == 0 ? bytes(b, r) : b;
  }

  private static void icsOnce(List<String> lines, Random r) {
    if (lines.isEmpty()) {
      lines.add(pick(ICS_LINES, r));
      return;
    }
    int i = r.nextInt(lines.size());
    String line = lines.get(i);
    int colon = line.indexOf(':');
    switch (r.nextInt(10)) {
      case 0 -> lines.remove(i);
      case 1 -> lines.add(i, line);
      case 2 -> {
        int j = r.nextInt(lines.size());
        lines.set(i, lines.get(j));
        lines.set(j, line);
      }
      case 3 -> { // a hostile value
        String name = colon < 0 ? line : line.substring(0, colon);
        String v =
            switch (r.nextInt(6)) {
              case 0 -> "";
              case 1 -> longString(r);
              case 2 -> controlString(r);
              case 3 -> pick(DATES, r);
              case 4 -> pick(STRINGS, r);
              default -> "\\";
            };
        lines.set(i, name + ":" + v);
      }
      case 4 -> { // another property name
        String rest = colon < 0 ? ":" + line : line.substring(colon);
        int semi = line.indexOf(';');
        if (semi >= 0 && (colon < 0 || semi < colon)) {
          rest = line.substring(semi);
        }
        lines.set(i, pick(ICS_NAMES, r) + rest);
      }
      case 5 -> { // parameter garbage
        String[] params = {
          ";TZID=Mars/Olympus_Mons",
          ";VALUE=DATE",
          ";VALUE=PERIOD",
          ";TZID=",
          ";TZID=\"open",
          ";X=;;;",
          ";=",
          ";VALUE=DATE-TIME;VALUE=DATE",
          ";RANGE=THISANDPRIOR"
        };
        int at = colon < 0 ? line.length() : colon;
        int semi = line.indexOf(';');
        if (semi >= 0 && semi < at) {
          at = semi;
        }
        lines.set(i, line.substring(0, at) + pick(params, r) + line.substring(at));
      }
      case 6 -> lines.add(i, pick(ICS_LINES, r)); // an extreme but plausible property
      case 7 -> { // folding damage
        int at = line.isEmpty() ? 0 : r.nextInt(line.length() + 1);
        String[] folds = {"\r\n ", "\n\t", "\r", "\n ", "\n", " \n"};
        lines.set(i, line.substring(0, at) + pick(folds, r) + line.substring(at));
      }
      case 8 -> { // cut the calendar
        int keep = r.nextInt(lines.size() + 1);
        lines.subList(keep, lines.size()).clear();
      }
      default -> { // string-level damage of one line
        byte[] b = bytes(line.getBytes(StandardCharsets.UTF_8), r);
        lines.set(i, new String(b, StandardCharsets.UTF_8));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // bytes

  private static final byte[][] TOKENS = {
    {0},
    {(byte) 0xC3},
    {(byte) 0xFF, (byte) 0xFE},
    {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate, invalid UTF-8
    {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
    "\\u0000".getBytes(StandardCharsets.US_ASCII),
    "\\ud800".getBytes(StandardCharsets.US_ASCII),
    "\\".getBytes(StandardCharsets.US_ASCII),
    "\"".getBytes(StandardCharsets.US_ASCII),
    "{".getBytes(StandardCharsets.US_ASCII),
    "]".getBytes(StandardCharsets.US_ASCII),
    ",,".getBytes(StandardCharsets.US_ASCII),
    "<".getBytes(StandardCharsets.US_ASCII),
    "&".getBytes(StandardCharsets.US_ASCII),
    "\r\n".getBytes(StandardCharsets.US_ASCII),
    "/*".getBytes(StandardCharsets.US_ASCII),
    "NaN".getBytes(StandardCharsets.US_ASCII),
  };

  /** One to four byte-level mutations: truncation, replacement, insertion, deletion, repetition. */
  static byte[] bytes(byte[] original, Random r) {
    byte[] b = original;
    int n = 1 + r.nextInt(4);
    for (int i = 0; i < n; i++) {
      b = bytesOnce(b, r);
    }
    return b;
  }

  private static byte[] bytesOnce(byte[] b, Random r) {
    int len = b.length;
    int at = r.nextInt(len + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream(len + 64);
    switch (r.nextInt(6)) {
      case 0: // truncate
        out.write(b, 0, at);
        break;
      case 1: // replace one byte
        if (len == 0) {
          return b;
        }
        {
          byte[] c = b.clone();
          c[Math.min(at, len - 1)] = (byte) r.nextInt(256);
          return c;
        }
      case 2: // insert random bytes
        {
          out.write(b, 0, at);
          byte[] junk = new byte[1 + r.nextInt(16)];
          r.nextBytes(junk);
          out.write(junk, 0, junk.length);
          out.write(b, at, len - at);
          break;
        }
      case 3: // delete a range
        {
          int to = Math.min(len, at + 1 + r.nextInt(32));
          out.write(b, 0, at);
          out.write(b, to, len - to);
          break;
        }
      case 4: // repeat a range
        {
          int to = Math.min(len, at + 1 + r.nextInt(64));
          out.write(b, 0, to);
          out.write(b, at, to - at);
          out.write(b, to, len - to);
          break;
        }
      default: // insert a token that trips parsers
        {
          byte[] t = TOKENS[r.nextInt(TOKENS.length)];
          out.write(b, 0, at);
          out.write(t, 0, t.length);
          out.write(b, at, len - at);
        }
    }
    return out.toByteArray();
  }

  private static String pick(String[] values, Random r) {
    return values[r.nextInt(values.length)];
  }
}
