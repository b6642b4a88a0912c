package io.github.discoverysdk.run;

import io.github.discoverysdk.matching.ProfileIndex;
import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stage 4, match: runs each signal of a batch through an index of profiles (all the tenant's
 * enabled profiles at once, or one profile for backfill and warm start) and keeps the profiles that
 * take it. Pure computation, no storage. Thread-safe (the index is).
 */
final class MatchStage {
  /** A profile that takes a signal, with the evidence. */
  record Hit(Profile profile, Signal signal, List<Match> matches) {}

  private final RunContext ctx;
  private int matches;

  MatchStage(RunContext ctx) {
    this.ctx = ctx;
  }

  /** The hits of one signal against the index, profiles resolved among the run's enabled ones. */
  List<Hit> match(Signal signal, ProfileIndex index) {
    return match(signal, index, ctx::profile);
  }

  /** The hits of one signal, resolving the index's profile ids with {@code profiles}. */
  List<Hit> match(Signal signal, ProfileIndex index, Function<ProfileId, Profile> profiles) {
    List<Hit> out = new ArrayList<>();
    for (Map.Entry<ProfileId, List<Match>> e : index.match(signal).entrySet()) {
      Profile profile = profiles.apply(e.getKey());
      if (profile != null && takes(profile, signal, e.getValue())) {
        out.add(new Hit(profile, signal, e.getValue()));
      }
    }
    return out;
  }

  /**
   * Whether a profile takes a signal it matched: a type and a language it accepts, and an anchor
   * match (watchlist, competitor, industry...) at least as confident as the profile asks.
   */
  static boolean takes(Profile profile, Signal signal, List<Match> matches) {
    if (!profile.accepts(signal.type()) || !profile.acceptsLanguage(signal.language())) {
      return false;
    }
    double best = Match.bestAnchorConfidence(matches);
    return best > 0 && best >= profile.minConfidence();
  }

  /** Adds the hits of a committed batch. */
  synchronized void committed(int hits) {
    matches += hits;
  }

  synchronized int matches() {
    return matches;
  }
}
