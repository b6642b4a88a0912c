package io.github.discoverysdk.connectors.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Apache OpenNLP's language detector with the 103-language model of {@code
 * org.apache.opennlp:opennlp-models-langdetect}, loaded once from the class path. The model is
 * thread-safe; a {@link LanguageDetectorME} is not, so each thread gets its own. Only the first
 * {@link #MAX_CHARS} characters are read: more changes no verdict and would cost time linear in a
 * text of megabytes.
 */
final class OpenNlpLanguages {
  static final String MODEL = "/langdetect-183.bin";

  /** How much of a text is read. */
  static final int MAX_CHARS = 3_000;

  /** Fewer letters than this say too little to tell a language. */
  static final int MIN_LETTERS = 12;

  /**
   * The model's own 103 scores sum to one; a best guess below this, or too close to the second, is
   * reported as unknown rather than guessed.
   */
  static final double MIN_CONFIDENCE = 0.05;

  private static final Map<String, String> ISO1 = iso1();

  private final ThreadLocal<LanguageDetectorME> detectors;

  private OpenNlpLanguages(LanguageDetectorModel model) {
    this.detectors = ThreadLocal.withInitial(() -> new LanguageDetectorME(model));
  }

  static OpenNlpLanguages load() {
    try (InputStream in = OpenNlpLanguages.class.getResourceAsStream(MODEL)) {
      if (in == null) {
        throw new IllegalStateException("language model " + MODEL + " is not on the class path");
      }
      return new OpenNlpLanguages(new LanguageDetectorModel(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the language model " + MODEL, e);
    }
  }

  /** The language of {@code text} as ISO 639-1 (or 639-3), empty when it cannot be told. */
  Optional<String> detect(CharSequence text) {
    CharSequence head = text.length() > MAX_CHARS ? text.subSequence(0, MAX_CHARS) : text;
    int letters = 0;
    for (int i = 0; i < head.length() && letters < MIN_LETTERS; i++) {
      if (Character.isLetter(head.charAt(i))) {
        letters++;
      }
    }
    if (letters < MIN_LETTERS) {
      return Optional.empty();
    }
    Language[] ranked = detectors.get().predictLanguages(head);
    if (ranked.length == 0 || ranked[0].getConfidence() < MIN_CONFIDENCE) {
      return Optional.empty();
    }
    return Optional.of(toIso1(ranked[0].getLang()));
  }

  /** ISO 639-3 (as the model names languages) to ISO 639-1 where one exists. */
  static String toIso1(String iso3) {
    String code = iso3.toLowerCase(Locale.ROOT);
    return ISO1.getOrDefault(code, code);
  }

  private static Map<String, String> iso1() {
    Map<String, String> m = new HashMap<>();
    for (String two : Locale.getISOLanguages()) {
      try {
        m.putIfAbsent(new Locale(two).getISO3Language(), two);
      } catch (java.util.MissingResourceException e) {
        // no three-letter code known for it
      }
    }
    // Individual languages the model names where ISO 639-1 has the macrolanguage.
    m.put("cmn", "zh");
    m.put("pes", "fa");
    m.put("zsm", "ms");
    m.put("arb", "ar");
    m.put("swh", "sw");
    m.put("lvs", "lv");
    m.put("ekk", "et");
    m.put("khk", "mn");
    m.put("uzn", "uz");
    m.put("azj", "az");
    m.put("npi", "ne");
    m.put("nob", "nb");
    m.put("nno", "nn");
    return Map.copyOf(m);
  }
}
