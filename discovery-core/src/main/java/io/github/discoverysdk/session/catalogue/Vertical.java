package io.github.discoverysdk.session.catalogue;

import java.util.List;

/** A vertical of the catalogue ({@code "security"}) with its questions in order. Immutable. */
public record Vertical(String id, String name, List<Question> questions) {
  public Vertical {
    questions = List.copyOf(questions);
  }
}
