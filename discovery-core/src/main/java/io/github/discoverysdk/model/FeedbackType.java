package io.github.discoverysdk.model;

/** What a user did with an opportunity, and the status it leads to. */
public enum FeedbackType {
  SAVE(OpportunityStatus.SAVED),
  DISMISS(OpportunityStatus.DISMISSED),
  ACTIONED(OpportunityStatus.ACTIONED),
  CONVERTED(OpportunityStatus.CONVERTED),
  LOST(OpportunityStatus.LOST);

  private final OpportunityStatus resultingStatus;

  FeedbackType(OpportunityStatus resultingStatus) {
    this.resultingStatus = resultingStatus;
  }

  /** The status an opportunity takes when this feedback is given. */
  public OpportunityStatus resultingStatus() {
    return resultingStatus;
  }
}
