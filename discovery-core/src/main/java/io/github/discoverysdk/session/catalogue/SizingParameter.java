package io.github.discoverysdk.session.catalogue;

/**
 * One named number of a {@link QuestionType#SIZING} question, with its unit and inclusive bounds.
 * Immutable.
 */
public record SizingParameter(String id, String label, String unit, double min, double max) {
  /** Whether {@code value} is a finite number within the bounds. */
  public boolean accepts(double value) {
    return Double.isFinite(value) && value >= min && value <= max;
  }
}
