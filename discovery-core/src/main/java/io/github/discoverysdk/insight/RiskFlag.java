package io.github.discoverysdk.insight;

/**
 * Something about an account that an account manager should know before acting: raised by the
 * signals about the account's companies, shown on the account's health view and used by playbook
 * rules.
 *
 * <p>The constants are stable: hosts may store their names.
 */
public enum RiskFlag {
  /** An executive joined, left or changed role. */
  LEADERSHIP_CHANGE,
  /** The company announced or was reported to make layoffs. */
  LAYOFFS,
  /** News about the company is negative: an outage, a breach, a lawsuit, a loss, a recall. */
  NEGATIVE_NEWS,
  /** The company raised money. */
  FUNDING,
  /** One of the profile's competitors launched, partnered or won something with the company. */
  COMPETITOR_MOVE,
  /** The company cancelled or postponed an event, a product or a contract. */
  CANCELLATION
}
