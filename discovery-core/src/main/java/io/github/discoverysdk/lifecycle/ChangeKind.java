package io.github.discoverysdk.lifecycle;

/** What changed between two versions of a signal. */
public enum ChangeKind {
  /** The event's start or end moved. */
  DATE_MOVED,
  /** The event was cancelled. */
  CANCELLED,
  /** A cancelled or postponed event is scheduled again. */
  REINSTATED,
  /** The event was postponed without a new date. */
  POSTPONED,
  VENUE_CHANGED,
  SPEAKER_ADDED,
  SPEAKER_REMOVED,
  /** A sponsor, exhibitor or other organisation was added. */
  ORGANIZATION_ADDED,
  /** A sponsor, exhibitor or other organisation was removed. */
  ORGANIZATION_REMOVED,
  /** The source no longer has the item: a closed job posting, a withdrawn page. */
  REMOVED,
  /** The event ended (or the signal aged) long enough ago to be archived. */
  ENDED,
  TITLE_CHANGED,
  /** Text, URL or other content changed. */
  CONTENT_CHANGED
}
