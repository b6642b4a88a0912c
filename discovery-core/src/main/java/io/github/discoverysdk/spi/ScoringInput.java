package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.Match;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.TemporalAssessment;
import java.time.Instant;
import java.util.List;
import org.immutables.value.Value;

/** Everything a {@link Scorer} may look at for one (profile, signal) pair. */
@Value.Immutable
public interface ScoringInput {
  Profile profile();

  Signal signal();

  /** The matches of the signal for this profile; never empty. */
  List<Match> matches();

  TemporalAssessment temporal();

  Instant now();

  static Builder builder() {
    return new Builder();
  }

  final class Builder extends ImmutableScoringInput.Builder {}
}
