package io.github.discoverysdk.session.catalogue;

import java.util.List;
import java.util.Optional;

/**
 * A question of a vertical. {@link #categories()} is set for {@link QuestionType#VENDOR_MULTI}
 * questions, {@link #options()} for {@link QuestionType#RADIO}, {@link #parameters()} for {@link
 * QuestionType#SIZING}; the others are empty. Immutable.
 *
 * @param id unique in the catalogue ({@code "security.endpoint"})
 * @param vertical the id of its vertical
 */
public record Question(
    String id,
    String vertical,
    String text,
    QuestionType type,
    List<String> categories,
    List<Option> options,
    List<SizingParameter> parameters) {
  public Question {
    categories = List.copyOf(categories);
    options = List.copyOf(options);
    parameters = List.copyOf(parameters);
  }

  /** The option with this id, if the question has one. */
  public Optional<Option> option(String optionId) {
    return options.stream().filter(o -> o.id().equals(optionId)).findFirst();
  }

  /** The sizing parameter with this id, if the question has one. */
  public Optional<SizingParameter> parameter(String parameterId) {
    return parameters.stream().filter(p -> p.id().equals(parameterId)).findFirst();
  }
}
