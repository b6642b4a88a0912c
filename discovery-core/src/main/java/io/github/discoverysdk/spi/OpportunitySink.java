package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;

/**
 * Receives new and changed opportunities after they are committed: a CRM, a calendar, a campaign
 * tool. Must be thread-safe and idempotent on {@link Opportunity#id()}. A failure is logged and
 * counted by the engine and never fails the run.
 */
public interface OpportunitySink {
  String id();

  void accept(Opportunity opportunity, Profile profile) throws Exception;

  /**
   * Reads back what the sink's system holds for {@code opportunity}, which was pushed with {@link
   * #accept}: whether the record is there and still says what the push wrote. Used by the
   * reconciliation job to find pushes recorded as sent whose record went missing or changed. A read
   * only: it must write nothing. Thread-safe. The default answers {@link
   * SinkRecordState#UNSUPPORTED}.
   *
   * @throws Exception when the sink's system could not be asked; the job reports it and goes on
   */
  default SinkRecordState lookup(Opportunity opportunity) throws Exception {
    return SinkRecordState.UNSUPPORTED;
  }
}
