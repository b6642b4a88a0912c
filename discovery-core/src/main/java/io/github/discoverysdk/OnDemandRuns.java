package io.github.discoverysdk;

import io.github.discoverysdk.internal.Gate;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.run.RunPipeline;
import io.github.discoverysdk.spi.WarmStarter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The runs a host asks for by name: discover one profile or a tenant, warm start a profile, refresh
 * a tenant's tracked signals (the scheduled ones are {@link Scheduling}'s). Each goes through the
 * engine's gate, so it is refused once the engine is closed and waited for by {@code close()}. The
 * documentation of each is on the {@link DiscoveryEngine} method of the same name. Thread-safe.
 */
final class OnDemandRuns {
  private final Gate gate;
  private final RunPipeline pipeline;
  private final Profiles profiles;
  private final Optional<WarmStarter> warmStarter;

  OnDemandRuns(
      Gate gate, RunPipeline pipeline, Profiles profiles, Optional<WarmStarter> warmStarter) {
    this.gate = gate;
    this.pipeline = pipeline;
    this.profiles = profiles;
    this.warmStarter = warmStarter;
  }

  /**
   * What {@link Profiles#save} calls on a newly inserted profile: warm starts it when a warm
   * starter is configured and it is enabled. A static factory, since {@link Profiles} is built
   * before this.
   */
  static Consumer<Profile> warmStartOnInsert(
      Gate gate, RunPipeline pipeline, Optional<WarmStarter> warmStarter) {
    return created -> {
      if (warmStarter.isPresent() && created.enabled()) {
        // A closed engine starts nothing: the profile's first run catches up.
        gate.ifOpen(() -> pipeline.warmStart(created, warmStarter.get()));
      }
    };
  }

  RunReport discover(ProfileId profileId) {
    return gate.through(
        () -> {
          Profile profile = profiles.get(profileId);
          if (!profile.enabled()) {
            throw new ValidationException(
                "profile " + profileId + " is disabled; enable it to run it");
          }
          return pipeline.discover(profileId.tenant(), List.of(profile));
        });
  }

  RunReport discoverAll(String tenant) {
    return gate.through(
        () -> {
          List<Profile> enabled = profiles.list(tenant).stream().filter(Profile::enabled).toList();
          return pipeline.discover(tenant, enabled);
        });
  }

  RunReport warmStart(ProfileId profileId) {
    return gate.through(
        () -> {
          Profile profile = profiles.get(profileId);
          if (warmStarter.isEmpty()) {
            throw new ValidationException(
                "no warm starter is configured: call warmStarter(WarmStart.defaults()) on the"
                    + " builder");
          }
          if (!profile.enabled()) {
            throw new ValidationException(
                "profile " + profileId + " is disabled; enable it to run it");
          }
          return pipeline.warmStart(profile, warmStarter.get());
        });
  }

  RunReport refresh(String tenant) {
    Checks.tenant(tenant);
    return gate.through(() -> pipeline.refresh(tenant));
  }
}
