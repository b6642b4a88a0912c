package io.github.discoverysdk.deals;

/**
 * The part a deal contact played in the buying decision, as {@link BuyingRoles} reads it from the
 * contact's title and what enrichment returned. The constants are stable: hosts may store them.
 */
public enum BuyingRole {
  /** Signs or owns the budget: chief officers, presidents, owners, founders, vice presidents. */
  DECISION_MAKER,
  /** Drives the purchase inside the account: heads of and directors. */
  CHAMPION,
  /** Shapes the choice without owning it: managers, leads, principals. */
  INFLUENCER,
  /** Uses what is bought: individual contributors. */
  USER,
  /** Can stop or slow the purchase: procurement and legal, whatever their level. */
  BLOCKER,
  /** Nothing in the title or the enrichment says. */
  UNKNOWN
}
