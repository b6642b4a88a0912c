package io.github.discoverysdk.session;

import io.github.discoverysdk.session.catalogue.QuestionType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The answer to one question, by question type: free text, a radio option id, a vendor selection
 * ({@code {selected, count}}, with names outside the catalogue kept apart as free-form), or named
 * sizing numbers. Build it with the factories; {@code Sessions.answer} validates it against the
 * question. Immutable.
 *
 * @param type the question type it answers
 * @param value the text ({@link QuestionType#TEXT}) or option id ({@link QuestionType#RADIO});
 *     empty for other types
 * @param selected catalogue vendors, by canonical name once validated ({@link
 *     QuestionType#VENDOR_MULTI})
 * @param freeForm vendor names the user chose to keep although the catalogue lacks them
 * @param sizing values by sizing parameter id ({@link QuestionType#SIZING})
 */
public record Answer(
    QuestionType type,
    String value,
    List<String> selected,
    List<String> freeForm,
    Map<String, Double> sizing) {
  public Answer {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    selected = List.copyOf(selected);
    freeForm = List.copyOf(freeForm);
    sizing = java.util.Collections.unmodifiableMap(new TreeMap<>(sizing));
  }

  /** A free-text answer. */
  public static Answer text(String text) {
    return new Answer(QuestionType.TEXT, text, List.of(), List.of(), Map.of());
  }

  /** A radio answer: the id of the chosen option. */
  public static Answer choice(String optionId) {
    return new Answer(QuestionType.RADIO, optionId, List.of(), List.of(), Map.of());
  }

  /** A vendor selection of catalogue vendors (names or aliases). */
  public static Answer vendors(List<String> selected) {
    return vendors(selected, List.of());
  }

  /**
   * A vendor selection; {@code freeForm} are names explicitly kept although the catalogue does not
   * know them.
   */
  public static Answer vendors(List<String> selected, List<String> freeForm) {
    return new Answer(QuestionType.VENDOR_MULTI, "", selected, freeForm, Map.of());
  }

  /** Sizing values by parameter id. */
  public static Answer sizing(Map<String, Double> values) {
    return new Answer(QuestionType.SIZING, "", List.of(), List.of(), values);
  }

  /** How many vendors the selection holds, catalogue and free-form. */
  public int count() {
    return selected.size() + freeForm.size();
  }
}
