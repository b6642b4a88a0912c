package io.github.discoverysdk.deals;

import java.util.Objects;

/**
 * One trait of the ideal customer, with the evidence behind it.
 *
 * @param kind what the trait is about
 * @param value the trait's value, folded: {@code "fintech"}, {@code "201-1000"}, {@code "germany"},
 *     {@code "vice president sales"}, {@code "decision_maker"}
 * @param example the trait as the deals most often write it ({@code "VP Sales"} for the title
 *     {@code "vice president sales"}); the value itself for the other kinds
 * @param wonWith won deals that have the trait
 * @param wonKnown won deals where this kind of trait is known
 * @param lostWith lost deals that have the trait
 * @param lostKnown lost deals where this kind of trait is known
 * @param lift the trait's weighted share among won deals minus its share among lost ones, weighted
 *     by recency and deal value; from -1 to 1
 */
public record IcpTrait(
    Kind kind,
    String value,
    String example,
    int wonWith,
    int wonKnown,
    int lostWith,
    int lostKnown,
    double lift) {
  /** What a trait is about. */
  public enum Kind {
    /** The account's industry (enrichment). */
    INDUSTRY,
    /** The account's head-count band (enrichment). */
    COMPANY_SIZE,
    /** The account's country (enrichment). */
    REGION,
    /** A contact's title, normalised. */
    TITLE,
    /** A contact's buying role. */
    ROLE,
    /** A technology the account uses (enrichment, where known). */
    TECHNOLOGY
  }

  public IcpTrait {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(example, "example");
  }

  /** "fintech: 14 of 22 won deals, 3 of 19 lost". */
  public String evidence() {
    return value
        + ": "
        + wonWith
        + " of "
        + wonKnown
        + " won deals, "
        + lostWith
        + " of "
        + lostKnown
        + " lost";
  }
}
