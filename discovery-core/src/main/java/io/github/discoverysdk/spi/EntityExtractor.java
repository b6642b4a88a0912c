package io.github.discoverysdk.spi;

import io.github.discoverysdk.EntityExtractionException;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.PersonMention;
import java.util.List;
import java.util.Objects;

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
 * <p><b>Tenant.</b> The entity processor calls {@link #extract(String, String, EvidenceField)} with
 * the tenant of the run (for a signal read from the shared cache, the tenant reading it). An
 * extractor that needs the tenant (an LLM: per-tenant credentials, cost ledger, switch) overrides
 * that form; one that does not implements only {@link #extract(String, EvidenceField)}, which the
 * tenant form calls by default.
 *
 * <p><b>Failures.</b> An extractor that cannot answer throws; through the entity processor that
 * rejects the signal (processors fail closed). An extractor that may fail for reasons outside the
 * text (a remote service) throws {@link EntityExtractionException} and is best wrapped with {@link
 * #withFallback}.
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
   * The mentions found in {@code text} of a signal read for {@code tenant}: what the entity
   * processor calls. The default ignores the tenant and calls {@link #extract(String,
   * EvidenceField)}.
   *
   * @param tenant the tenant of the run; for a signal read from the shared cache, the tenant
   *     reading it
   * @param text a signal's title or text (or a chunk of it); may be empty, never null
   * @param field {@link EvidenceField#TITLE} or {@code TEXT}, copied into each span
   * @return what was found, in text order; never null
   */
  default Extraction extract(String tenant, String text, EvidenceField field) {
    return extract(text, field);
  }

  /**
   * {@code primary}, and {@code fallback}'s answer whenever {@code primary} throws a {@link
   * RuntimeException} (for example an LLM extractor without a key for the tenant, rate limited,
   * timed out or answering malformed JSON). Each failure is logged once, at WARN, with the
   * extractors' ids, the tenant, the field and the reason: the message of an {@link
   * EntityExtractionException} (which never quotes the text), else only the exception's class;
   * never the text nor a stack trace. A failure of {@code fallback} propagates. Thread-safe when
   * both are.
   *
   * <pre>{@code
   * TextProcessors.entities(EntityExtractor.withFallback(llm, RuleEntityExtractor.create()))
   * }</pre>
   *
   * @return an extractor with the id {@code "<primary>-or-<fallback>"}
   */
  static EntityExtractor withFallback(EntityExtractor primary, EntityExtractor fallback) {
    return new FallbackEntityExtractor(
        Objects.requireNonNull(primary, "primary"), Objects.requireNonNull(fallback, "fallback"));
  }

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
