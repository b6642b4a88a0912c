package io.github.discoverysdk.model;

import java.util.Objects;

/**
 * One entry of a team's feed: what the team made of an opportunity, with the opportunity as it is
 * now. Immutable and thread-safe.
 *
 * @param shared the share, with the team's status and notes
 * @param opportunity the current opportunity
 */
public record TeamFeedItem(SharedOpportunity shared, Opportunity opportunity) {
  public TeamFeedItem {
    Objects.requireNonNull(shared, "shared");
    Objects.requireNonNull(opportunity, "opportunity");
  }
}
