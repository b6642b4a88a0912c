package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.PersonMention;
import java.util.List;

/**
 * Finds the organisations and the people (with their job titles) that a free text names, whether or
 * not any profile watches them. The SDK's default is the gazetteer-and-rules extractor of {@code
 * discovery-connectors} ({@code RuleEntityExtractor}); an NLP model or an LLM can stand behind the
 * same interface. An ingestion processor ({@code TextProcessors.entities} in {@code
 * discovery-connectors}) runs it over each signal's title and text and adds what it found to the
 * signal's mentions.
 *
 * <p>Every mention returned carries a {@link io.github.discoverysdk.model.MentionSpan} whose
 * offsets index {@code text} exactly as given, and a confidence in (0, 1].
 *
 * <p>Implementations must be thread-safe and bounded: a text of megabytes must cost time and memory
 * linear in its length.
 */
public interface EntityExtractor {
  /** A stable id for logs and errors, for example {@code "rules"}. */
  String id();

  /**
   * The mentions found in {@code text}.
   *
   * @param text a signal's title or text; may be empty, never null
   * @param field {@link EvidenceField#TITLE} or {@code TEXT}, copied into each span
   * @return what was found, in text order; never null
   */
  Extraction extract(String text, EvidenceField field);

  /**
   * What an extractor found in one text. Immutable.
   *
   * @param organizations organisations named, each with a span
   * @param people people named, each with a span and, when the text says it, a title and employer
   */
  record Extraction(List<OrganizationMention> organizations, List<PersonMention> people) {
    /** Copies both lists. */
    public Extraction {
      organizations = List.copyOf(organizations);
      people = List.copyOf(people);
    }

    /** Nothing found. */
    public static Extraction empty() {
      return new Extraction(List.of(), List.of());
    }
  }
}
