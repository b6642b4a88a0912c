package io.github.discoverysdk.session.catalogue;

/** How a question is answered, and so how its answer is validated. */
public enum QuestionType {
  /** Free text. */
  TEXT,
  /** One of the question's {@link Question#options()}. */
  RADIO,
  /** Vendors of the question's categories, or names marked as free-form. */
  VENDOR_MULTI,
  /** Numbers for the question's {@link Question#parameters()}, each within its bounds. */
  SIZING
}
