package io.github.discoverysdk.access;

/**
 * How far a role's permissions reach inside its tenant. A principal with several roles gets, per
 * permission, the widest scope among the roles that grant it.
 */
public enum Scope {
  /** Only what the principal owns: its accounts, its profiles and their cards. */
  OWN,
  /** What it owns, plus what belongs to its teams or is owned by a member of them. */
  TEAM,
  /** Everything of the tenant. */
  TENANT;

  /** The wider of this and {@code other}. */
  public Scope widest(Scope other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
