package io.github.discoverysdk.model;

/** The part an organisation plays in a signal. */
public enum OrganizationRole {
  SPONSOR,
  EXHIBITOR,
  /** Employer of a speaker at an event. */
  SPEAKER_EMPLOYER,
  HIRING_COMPANY,
  FILER,
  INVESTOR,
  /** The organisation the signal is about (raised money, was acquired, launched). */
  SUBJECT,
  PARTNER,
  /** Named without a more specific role. */
  MENTIONED
}
