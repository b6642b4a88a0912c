package io.github.discoverysdk.matching;

import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.ProfileId;

/**
 * Identity of one profile term in the {@link ProfileIndex}: the best evidence per slot is kept. A
 * slot is created when a profile is registered and copied into the {@link Bucket} rows of every
 * form of its term.
 */
final class Slot {
  final ProfileId profile;
  final MatchTarget target;
  final String term;

  /** Distinct per slot (a long never wraps): the key of the per-scan candidate table. */
  final long key;

  /** Distinct per registration of a profile: groups a scan's candidates by profile. */
  final long owner;

  Slot(ProfileId profile, long owner, long key, MatchTarget target, String term) {
    this.profile = profile;
    this.owner = owner;
    this.key = key;
    this.target = target;
    this.term = term;
  }
}
