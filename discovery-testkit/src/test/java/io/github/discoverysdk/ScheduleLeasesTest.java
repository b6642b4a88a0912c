package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.Frequency;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.SourceStateStore;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.ForwardingSourceStateStore;
import io.github.discoverysdk.storage.ForwardingStorage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The schedule leases of a run: held for a short lease ahead of the clock, renewed while the run
 * lives, given back when it ends, so that a dead holder delays a window by one lease at most.
 */
class ScheduleLeasesTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:05:00Z");

  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStorage storage = InMemoryStorage.create();

  private boolean free(String name, String by) {
    return storage.sourceState().tryLease("acme", name, by, clock.instant(), clock.instant());
  }

  @Test
  void aLiveRunKeepsItsLeaseByRenewingItAndADeadOneLosesItWithinOneLease() {
    ScheduleLeases live = new ScheduleLeases(storage, clock, "acme", "engine-live");
    assertThat(live.take("schedule:p:1")).isTrue();

    clock.advance(ScheduleLeases.LEASE.minusSeconds(1));
    live.renew();
    clock.advance(ScheduleLeases.LEASE.minusSeconds(1));
    assertThat(free("schedule:p:1", "engine-other"))
        .as("renewed, the lease outlives its first term")
        .isFalse();

    // The holder dies: no renewal, no give-back. One lease later anyone takes it.
    clock.advance(Duration.ofSeconds(1));
    assertThat(free("schedule:p:1", "engine-other")).isTrue();
  }

  @Test
  void aLeaseIsGivenBackWhenTheRunEndsAndALostOneIsNotRenewed() {
    ScheduleLeases first = new ScheduleLeases(storage, clock, "acme", "engine-1");
    assertThat(first.take("schedule:p:1")).isTrue();
    assertThat(first.take("schedule:q:1")).isTrue();
    ScheduleLeases second = new ScheduleLeases(storage, clock, "acme", "engine-2");
    assertThat(second.take("schedule:p:1")).isFalse();

    // The first run stalls past its lease; the second takes p over; renewal keeps only q.
    clock.advance(ScheduleLeases.LEASE);
    assertThat(second.take("schedule:p:1")).isTrue();
    first.renew();
    assertThat(second.take("schedule:q:1")).isFalse();
    first.close();
    assertThat(second.take("schedule:q:1")).as("given back at the end of the run").isTrue();
    assertThat(new ScheduleLeases(storage, clock, "acme", "engine-3").take("schedule:p:1"))
        .as("the lease first lost is not given back by it")
        .isFalse();
  }

  @Test
  void aWindowThatEndsWhileAnotherEngineTakesItsLeaseRunsOnce() {
    ScriptedSource news = ScriptedSource.feed("news");
    DiscoveryEngine first = engine(storage, news);
    first.profiles().save(profile("hourly"));
    // The second engine reads the last window, then, just before it takes the lease, the first
    // runs the whole window and gives its lease back.
    AtomicReference<Runnable> beforeLease = new AtomicReference<>();
    List<RunReport> firstRan = new ArrayList<>();
    beforeLease.set(
        () -> {
          beforeLease.set(() -> {});
          firstRan.addAll(first.runDue());
        });
    DiscoveryEngine second = engine(racing(storage, beforeLease), news);

    List<RunReport> secondRan = second.runDue();

    assertThat(firstRan).singleElement().satisfies(r -> assertThat(r.profiles()).hasSize(1));
    assertThat(secondRan).as("the window already ran").isEmpty();
    first.close();
    second.close();
  }

  private DiscoveryEngine engine(Storage storage, ScriptedSource source) {
    return DiscoveryEngine.builder()
        .allowSystemCalls()
        .storage(storage)
        .addSource(source)
        .scorer(Scoring.defaults())
        .clock(clock)
        .build();
  }

  private static Profile profile(String id) {
    return Profile.builder()
        .tenant("acme")
        .id(ProfileId.of("acme", id))
        .owner("u")
        .name(id)
        .frequency(Frequency.HOURLY)
        .addWatchlist(io.github.discoverysdk.model.Company.of("Stripe"))
        .build();
  }

  /** A storage that runs {@code beforeLease} before every lease it takes. */
  private static Storage racing(Storage storage, AtomicReference<Runnable> beforeLease) {
    return new ForwardingStorage(storage) {
      @Override
      public SourceStateStore sourceState() {
        return new ForwardingSourceStateStore(super.sourceState()) {
          @Override
          public boolean tryLease(
              String tenant, String name, String owner, Instant now, Instant until) {
            beforeLease.get().run();
            return super.tryLease(tenant, name, owner, now, until);
          }
        };
      }
    };
  }
}
