package io.github.discoverysdk.connectors.text;

import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.spi.SignalProcessor;
import java.util.Optional;
import java.util.function.ObjIntConsumer;

/** The {@code language} processor: see {@link TextProcessors#language()}. Thread-safe. */
final class LanguageProcessor implements SignalProcessor {
  private final OpenNlpLanguages languages;

  LanguageProcessor(OpenNlpLanguages languages) {
    this.languages = languages;
  }

  @Override
  public String id() {
    return "language";
  }

  @Override
  public Signal process(Signal signal, ObjIntConsumer<String> counts) {
    String text = signal.text();
    StringBuilder sample =
        new StringBuilder(
            signal.title().length() + 1 + Math.min(text.length(), OpenNlpLanguages.MAX_CHARS));
    sample.append(signal.title()).append('\n');
    sample.append(text, 0, Math.min(text.length(), OpenNlpLanguages.MAX_CHARS));
    Optional<String> language = languages.detect(sample);
    if (language.isEmpty() || language.equals(signal.language())) {
      return signal;
    }
    return Signal.builder().from(signal).language(language).build();
  }

  @Override
  public String toString() {
    return "LanguageProcessor[opennlp langdetect-183]";
  }
}
