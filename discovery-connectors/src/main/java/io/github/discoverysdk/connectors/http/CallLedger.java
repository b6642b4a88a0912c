package io.github.discoverysdk.connectors.http;

import io.github.discoverysdk.spi.HttpCallEvent;
import io.github.discoverysdk.spi.HttpCallListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports every call of {@link HttpToolkit} once it is finished (answered, served from the cache or
 * failed) to the {@link HttpCallListener} and the {@link CallListener}, with its requests, status,
 * outcome and cost. A listener that throws is logged and does not fail the call.
 */
final class CallLedger {
  // The toolkit's logger, so that hosts keep configuring one category for the whole toolkit.
  private static final Logger log = LoggerFactory.getLogger(HttpToolkit.class);

  private final Clock clock;
  private final CallListener listener;
  private final HttpCallListener telemetry;

  CallLedger(Clock clock, CallListener listener, HttpCallListener telemetry) {
    this.clock = clock;
    this.listener = listener;
    this.telemetry = telemetry;
  }

  /** The requests of one call, sent when the ledger asks. */
  interface Attempt {
    Outcome run() throws ConnectorException, InterruptedException;
  }

  /** A finished call: its result and how many requests it took. */
  record Outcome(HttpResult result, int requests) {}

  /** Runs {@code attempt} and records how it ended; a failure is rethrown unwrapped. */
  HttpResult recorded(HttpCall call, String tenant, Instant start, Attempt attempt)
      throws ConnectorException, InterruptedException {
    try {
      Outcome o = attempt.run();
      record(
          call,
          tenant,
          start,
          false,
          o.requests(),
          o.result().status(),
          o.result().notModified() ? "not modified" : "ok");
      return o.result();
    } catch (CountedFailure f) {
      record(
          call,
          tenant,
          start,
          false,
          f.requests,
          f.exception.status(),
          f.exception.kind().name().toLowerCase(Locale.ROOT));
      throw f.exception;
    }
  }

  /** Reports one finished call to both listeners. */
  void record(
      HttpCall call,
      String tenant,
      Instant start,
      boolean hit,
      int requests,
      int status,
      String outcome) {
    Instant end = clock.instant();
    double cost = hit || requests == 0 ? 0.0 : call.cost();
    if (telemetry != null) {
      try {
        telemetry.onHttpCall(
            new HttpCallEvent(
                end,
                call.sourceId(),
                tenant,
                call.method(),
                status,
                outcome,
                hit,
                requests,
                Duration.between(start, end),
                cost));
      } catch (RuntimeException e) {
        log.warn("HTTP call listener failed: {}", e.toString());
      }
    }
    if (listener == null) {
      return;
    }
    try {
      listener.onCall(
          new CallRecord(
              end,
              call.sourceId(),
              tenant,
              call.method(),
              call.redactFor(call.url()),
              hit,
              requests,
              status,
              outcome,
              cost));
    } catch (RuntimeException e) {
      log.warn("call listener failed: {}", e.toString());
    }
  }
}
