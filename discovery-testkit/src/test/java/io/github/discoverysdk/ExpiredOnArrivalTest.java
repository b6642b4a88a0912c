package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signals already past their archive horizon on first sight create no opportunity (#19). */
class ExpiredOnArrivalTest {
  private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

  private final MutableClock clock = MutableClock.of(START, ZoneOffset.UTC);
  private final InMemoryStorage storage = InMemoryStorage.create();
  private final ScriptedSource events = ScriptedSource.feed("events");
  private DiscoveryEngine engine;
  private Profile profile;

  @BeforeEach
  void setUp() {
    engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(events)
            .scorer(Scoring.defaults())
            .clock(clock)
            .build();
    profile =
        engine
            .profiles()
            .save(
                Profile.builder()
                    .tenant("acme")
                    .id(ProfileId.of("acme", "p1"))
                    .owner("u1")
                    .name("Payments")
                    .addWatchlist(Company.of("Stripe"))
                    .build());
  }

  @AfterEach
  void tearDown() {
    engine.close();
  }

  private Signal event(String key, Instant start, Optional<Instant> end, EventStatus status) {
    return Signal.builder()
        .key(SignalKey.of("events", key))
        .type(SignalType.EVENT)
        .title("Payments Summit " + key)
        .publishedAt(START.minus(Duration.ofDays(90)))
        .observedAt(clock.instant())
        .event(EventDetails.builder().start(start).end(end).status(status).build())
        .addOrganizations(OrganizationMention.of("Stripe", OrganizationRole.SPONSOR))
        .build();
  }

  private List<Opportunity> allOpportunities() {
    return engine
        .feed(
            FeedQuery.forProfile(profile.id())
                .addAllStatuses(List.of(OpportunityStatus.values()))
                .build())
        .items();
  }

  @Test
  void aCancelledEventSeenForTheFirstTimeIsExpiredOnArrivalNotNew() {
    events.publish(
        event(
            "cancelled", START.plus(Duration.ofDays(20)), Optional.empty(), EventStatus.CANCELLED));
    events.publish(
        event(
            "cancelled-too",
            START.plus(Duration.ofDays(40)),
            Optional.empty(),
            EventStatus.CANCELLED));

    RunReport run = engine.discover(profile.id());

    assertThat(run.signalsNew()).isEqualTo(2);
    assertThat(run.matches()).isEqualTo(2);
    assertThat(run.opportunitiesNew()).isZero();
    assertThat(run.opportunitiesArchived()).isZero();
    assertThat(run.expiredOnArrival()).isEqualTo(2);
    assertThat(run.summary()).contains("0 new", "0 archived, 2 expired on arrival");
    assertThat(allOpportunities()).isEmpty();
    assertThat(storage.runs().list("acme", 1))
        .singleElement()
        .satisfies(stored -> assertThat(stored.expiredOnArrival()).isEqualTo(2));
  }

  @Test
  void anEventThatEndedLongerAgoThanTheArchiveHorizonIsExpiredOnArrival() {
    // Ended 31 days ago (horizon 30 days); the other ended 29 days ago and is still live.
    events.publish(
        event(
            "long-ago",
            START.minus(Duration.ofDays(33)),
            Optional.of(START.minus(Duration.ofDays(31))),
            EventStatus.COMPLETED));
    events.publish(
        event(
            "recent",
            START.minus(Duration.ofDays(30)),
            Optional.of(START.minus(Duration.ofDays(29))),
            EventStatus.COMPLETED));

    RunReport run = engine.discover(profile.id());

    assertThat(run.expiredOnArrival()).isEqualTo(1);
    assertThat(run.opportunitiesNew()).isEqualTo(1);
    assertThat(run.opportunitiesArchived()).isZero();
    assertThat(allOpportunities())
        .singleElement()
        .satisfies(o -> assertThat(o.signalKey()).isEqualTo(SignalKey.of("events", "recent")));
  }

  @Test
  void aLiveEventCancelledLaterIsStillArchived() {
    Instant start = START.plus(Duration.ofDays(20));
    events.publish(event("live", start, Optional.empty(), EventStatus.SCHEDULED));
    assertThat(engine.discover(profile.id()).opportunitiesNew()).isEqualTo(1);

    events.publish(event("live", start, Optional.empty(), EventStatus.CANCELLED));
    RunReport refresh = engine.refresh("acme");

    assertThat(refresh.opportunitiesArchived()).isEqualTo(1);
    assertThat(refresh.expiredOnArrival()).isZero();
    assertThat(allOpportunities())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.status()).isEqualTo(OpportunityStatus.ARCHIVED);
              assertThat(o.changes()).containsExactly("Event cancelled");
            });
  }
}
