package io.github.discoverysdk.connectors.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The labelled sentences of {@code labelled-sentences.json}: 157 sentences written in the style of
 * news stories, job postings and event pages, each with every organisation and person it names
 * (with the title the sentence gives, if any) and its themes.
 */
record LabelledSet(List<Sentence> sentences) {
  record Person(String name, Optional<String> title) {}

  record Sentence(
      int id,
      String source,
      String text,
      Set<String> organizations,
      List<Person> people,
      Set<String> themes) {}

  /** The development set: 157 sentences the rules were written and tuned against. */
  static final String DEVELOPMENT = "labelled-sentences.json";

  /**
   * The held-out set: 45 sentences written after the rules were tuned, and never tuned on, so its
   * figures say more about unseen text.
   */
  static final String HELD_OUT = "held-out-sentences.json";

  static LabelledSet load() {
    return load(DEVELOPMENT);
  }

  static LabelledSet load(String resource) {
    try (InputStream in = LabelledSet.class.getResourceAsStream(resource)) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Sentence> out = new ArrayList<>();
      for (JsonNode n : root) {
        Set<String> orgs = new LinkedHashSet<>();
        n.get("organizations").forEach(o -> orgs.add(o.asText()));
        List<Person> people = new ArrayList<>();
        for (JsonNode p : n.get("people")) {
          JsonNode t = p.get("title");
          people.add(
              new Person(
                  p.get("name").asText(),
                  t == null || t.isNull() ? Optional.empty() : Optional.of(t.asText())));
        }
        Set<String> themes = new LinkedHashSet<>();
        n.get("themes").forEach(t -> themes.add(t.asText()));
        out.add(
            new Sentence(
                n.get("id").asInt(),
                n.get("source").asText(),
                n.get("text").asText(),
                orgs,
                people,
                themes));
      }
      return new LabelledSet(List.copyOf(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A name as compared: lower case, trailing punctuation and a final legal form dropped ("Acme
   * Inc." and "Acme" are one organisation), spaces collapsed.
   */
  static String normalName(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[.,;:]+$", "").trim();
    s = s.replaceAll("\\s+(inc|corp|ltd|llc|plc|gmbh|ag|co|sa)\\.?$", "");
    return s.replaceAll("\\s+", " ").trim();
  }

  /** A title as compared: lower case, punctuation dropped, spaces collapsed. */
  static String normalTitle(String title) {
    return title.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}&]+", " ").trim();
  }

  /** Precision and recall from counts. */
  record Score(String what, int tp, int fp, int fn) {
    double precision() {
      return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
    }

    double recall() {
      return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%-22s P=%.3f R=%.3f (tp=%d fp=%d fn=%d)",
          what,
          precision(),
          recall(),
          tp,
          fp,
          fn);
    }
  }
}
