package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.records.Conversion;

/**
 * Hears every feedback the engine records, for example to train a model on outcomes. Registered
 * with {@code DiscoveryEngine.Builder.addOutcomeListener}.
 *
 * <p>The engine calls it inside the transaction that records the feedback, after the feedback and
 * the status change were written: whatever the listener writes through {@code tx} commits with the
 * feedback, and if the listener throws, the feedback, the status change and everything the
 * listeners wrote are rolled back and the exception reaches the caller of {@code feedback}. A
 * listener must therefore be quick, write only through {@code tx}, and not wait for other threads
 * that use the storage. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface OutcomeListener {
  /**
   * @param opportunity the opportunity as stored after the feedback (its new status and version)
   * @param feedback the feedback as recorded, with {@link Feedback#at()} stamped
   * @param tx the storage bound to the feedback's transaction
   */
  void onFeedback(Opportunity opportunity, Feedback feedback, Storage tx);

  /**
   * Hears a conversion detected in a system of record ({@code engine.records()}): a real outcome,
   * not tied to an opportunity. Called inside the transaction that writes the record's new state
   * and the conversion, once per conversion: if the listener throws, the state, the conversion and
   * the job's watermark roll back, and the next run detects the same conversion again (with the
   * same {@link Conversion#id()}). The default ignores it.
   *
   * @param conversion the conversion as detected (its sequence is not assigned yet)
   * @param tx the storage bound to the transaction
   */
  default void onConversion(Conversion conversion, Storage tx) {}
}
