package io.github.discoverysdk.deals;

import io.github.discoverysdk.matching.JobTitle.Seniority;
import java.util.Objects;
import java.util.Set;

/**
 * A deal contact's buying role with what it rests on.
 *
 * @param role the role
 * @param seniority the level read from enrichment when it gave one, else from the title
 * @param functions what the contact's work is about ({@code "sales"}, {@code "procurement"} …)
 * @param seniorityVerified whether an enrichment source gave the seniority, rather than the title
 * @param departmentVerified whether an enrichment source gave the department, rather than the title
 * @param reason one line a person can check, e.g. "VP Sales: vice president (title) → decision
 *     maker"
 */
public record ContactRole(
    BuyingRole role,
    Seniority seniority,
    Set<String> functions,
    boolean seniorityVerified,
    boolean departmentVerified,
    String reason) {
  public ContactRole {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(seniority, "seniority");
    functions = Set.copyOf(functions);
    Objects.requireNonNull(reason, "reason");
  }
}
