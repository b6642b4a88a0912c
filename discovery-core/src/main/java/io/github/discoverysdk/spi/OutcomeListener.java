package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;

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
}
