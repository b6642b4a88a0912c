package io.github.discoverysdk.model;

/** Whether outreach on an opportunity can still make a difference. */
public enum ActionWindow {
  /** There is time: the optimal outreach date is today or later. */
  OPEN,
  /** The optimal date has passed but the event (or the signal's relevance) has not. */
  CLOSING_SOON,
  /** Too late: the event started or the news is old. */
  CLOSED
}
