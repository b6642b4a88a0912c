package io.github.discoverysdk.connectors.http;

/**
 * Receives a {@link CallRecord} for every call made through the toolkit: the hook for a cost ledger
 * or metrics. Called on the calling thread after the call; it must be fast, thread-safe and must
 * not throw (an exception is logged and ignored).
 */
@FunctionalInterface
public interface CallListener {
  void onCall(CallRecord record);
}
