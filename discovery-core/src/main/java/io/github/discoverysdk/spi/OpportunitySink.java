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
}
