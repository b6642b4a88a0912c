package io.github.discoverysdk.model;

/**
 * What kind of event in the world a signal reports. New constants may be added in minor releases;
 * hosts should keep a default branch when switching on it.
 */
public enum SignalType {
  /** A conference, trade show or webinar: speakers, sponsors, exhibitors. */
  EVENT,
  NEWS,
  JOB_POSTING,
  FUNDING,
  /** A regulatory filing, such as an SEC 8-K or Form D. */
  FILING,
  LEADERSHIP_CHANGE,
  PRODUCT_LAUNCH,
  PARTNERSHIP,
  /** A change in a host's system of record (CRM). */
  CRM_CHANGE,
  OTHER
}
