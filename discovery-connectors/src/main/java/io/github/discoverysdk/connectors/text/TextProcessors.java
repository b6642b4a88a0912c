package io.github.discoverysdk.connectors.text;

import io.github.discoverysdk.connectors.MissingDependencyException;
import io.github.discoverysdk.model.EvidenceField;
import io.github.discoverysdk.spi.EntityExtractor;
import io.github.discoverysdk.spi.SignalProcessor;
import io.github.discoverysdk.spi.ThemeDetector;
import java.util.Objects;

/**
 * The ingestion processors that read a signal's text, to add with {@code
 * DiscoveryEngine.builder().addSignalProcessor(...)} (per tenant with {@code
 * addSignalProcessor(processor, tenants)}):
 *
 * <pre>{@code
 * DiscoveryEngine.builder()
 *     .addSignalProcessor(PiiRedactor.defaults())      // first: later spans index redacted text
 *     .addSignalProcessor(TextProcessors.language())
 *     .addSignalProcessor(TextProcessors.entities())
 *     .addSignalProcessor(TextProcessors.themes())
 * }</pre>
 *
 * <p>Add the PII redactor before the entity processor: a redactor that runs later changes the text
 * the spans point into. Every processor here is idempotent (a processed signal processes to
 * itself), as the shared cache needs, and bounded: the language is told from the first few thousand
 * characters, entities are read chunk by chunk ({@link Chunker}), themes from the first {@link
 * RuleThemeDetector#MAX_CHARS}. They count nothing into the run report's redactions. All are
 * thread-safe.
 */
public final class TextProcessors {
  private TextProcessors() {}

  /**
   * The {@code language} processor: sets {@code Signal.language()} to what Apache OpenNLP's
   * 103-language model tells from the title and the start of the text (ISO 639-1, for example
   * {@code "de"}); leaves it as it was when the text is too short or the model unsure. Loads the 10
   * MB model once per call: build one and share it.
   *
   * @throws MissingDependencyException when {@code org.apache.opennlp:opennlp-tools} or {@code
   *     org.apache.opennlp:opennlp-models-langdetect} is not on the class path
   */
  public static SignalProcessor language() {
    MissingDependencyException.require(
        "opennlp.tools.langdetect.LanguageDetectorME",
        "TextProcessors.language()",
        "org.apache.opennlp:opennlp-tools");
    MissingDependencyException.requireResource(
        OpenNlpLanguages.MODEL,
        "TextProcessors.language()",
        "org.apache.opennlp:opennlp-models-langdetect");
    return new LanguageProcessor(OpenNlpLanguages.load());
  }

  /** The {@code entities} processor with the {@link RuleEntityExtractor}. */
  public static SignalProcessor entities() {
    return entities(RuleEntityExtractor.create());
  }

  /**
   * The {@code entities} processor: runs {@code extractor} over each signal's title and, chunk by
   * chunk, its text, and adds the organisations and people it finds (with spans into the stored
   * title or text, and confidence) to the signal's mentions, after those the source gave. In a run
   * the extractor is called with the run's tenant ({@link EntityExtractor#extract(String, String,
   * EvidenceField)}), which an LLM extractor ({@code ChatCompletionsEntityExtractor}, best wrapped
   * with {@link EntityExtractor#withFallback}) needs for its credentials.
   */
  public static SignalProcessor entities(EntityExtractor extractor) {
    Objects.requireNonNull(extractor, "extractor");
    return new EntityProcessor(extractor, Chunker.defaults());
  }

  /** The {@code themes} processor with the {@link RuleThemeDetector}. */
  public static SignalProcessor themes() {
    return themes(RuleThemeDetector.create());
  }

  /** The {@code themes} processor: adds what {@code detector} finds to {@code Signal.themes()}. */
  public static SignalProcessor themes(ThemeDetector detector) {
    Objects.requireNonNull(detector, "detector");
    return new ThemeProcessor(detector);
  }
}
