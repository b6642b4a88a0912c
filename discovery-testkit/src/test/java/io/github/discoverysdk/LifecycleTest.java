package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.lifecycle.ChangeKind;
import io.github.discoverysdk.lifecycle.LifecycleChange;
import io.github.discoverysdk.lifecycle.LifecycleEvent;
import io.github.discoverysdk.model.ActionWindow;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.RunKind;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  private static final Instant START = Instant.parse("2026-11-23T09:00:00Z"); // a Monday
  private static final SignalKey SUMMIT = SignalKey.of("events", "summit");

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

  private Signal summit(Instant start, EventStatus status) {
    return Signal.builder()
        .key(SUMMIT)
        .type(SignalType.EVENT)
        .title("Payments Summit")
        .publishedAt(START.minus(Duration.ofDays(20)))
        .observedAt(clock.instant())
        .event(EventDetails.builder().start(start).status(status).location("Amsterdam").build())
        .addOrganizations(OrganizationMention.of("Stripe", OrganizationRole.SPONSOR))
        .build();
  }

  private Opportunity theOpportunity() {
    List<Opportunity> all =
        engine
            .feed(
                FeedQuery.forProfile(profile.id())
                    .addAllStatuses(List.of(OpportunityStatus.values()))
                    .build())
            .items();
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  @Test
  void anEventMovedLaterReopensAClosedWindowAndTheOpportunityShowsTheChange() {
    events.publish(summit(START.plus(Duration.ofHours(12)), EventStatus.SCHEDULED));
    engine.discover(profile.id());
    Opportunity before = theOpportunity();
    assertThat(before.temporal().window()).isEqualTo(ActionWindow.CLOSED);

    events.publish(summit(START.plus(Duration.ofDays(30)), EventStatus.SCHEDULED));
    RunReport refresh = engine.refresh("acme");

    assertThat(refresh.kind()).isEqualTo(RunKind.REFRESH);
    assertThat(refresh.signalsChanged()).isEqualTo(1);
    assertThat(refresh.lifecycleEvents()).isEqualTo(1);
    Opportunity after = theOpportunity();
    assertThat(after.id()).isEqualTo(before.id());
    assertThat(after.temporal().window()).isEqualTo(ActionWindow.OPEN);
    assertThat(after.temporal().daysUntilEvent()).hasValue(30);
    assertThat(after.changes())
        .containsExactly("Moved later: 2026-11-23 21:00 to 2026-12-23 09:00");
    assertThat(after.changedAt()).contains(clock.instant());
    assertThat(storage.runs().listLifecycleEvents("acme", SUMMIT))
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.changes())
                    .extracting(LifecycleChange::kind)
                    .containsExactly(ChangeKind.DATE_MOVED));
  }

  @Test
  void aCancelledEventArchivesItsOpportunitiesAndALaterRunDoesNotBringThemBack() {
    events.publish(summit(START.plus(Duration.ofDays(20)), EventStatus.SCHEDULED));
    engine.discover(profile.id());
    engine.feedback(theOpportunity().id(), Feedback.save());

    events.publish(summit(START.plus(Duration.ofDays(20)), EventStatus.CANCELLED));
    RunReport refresh = engine.refresh("acme");

    assertThat(refresh.opportunitiesArchived()).isEqualTo(1);
    assertThat(theOpportunity().status()).isEqualTo(OpportunityStatus.ARCHIVED);
    assertThat(theOpportunity().changes()).containsExactly("Event cancelled");

    // The organiser puts it back on the schedule and the feed delivers it again.
    events.publish(summit(START.plus(Duration.ofDays(40)), EventStatus.SCHEDULED));
    RunReport later = engine.discover(profile.id());
    engine.refresh("acme");

    assertThat(later.opportunitiesNew()).isZero();
    assertThat(theOpportunity().status()).isEqualTo(OpportunityStatus.ARCHIVED);
  }

  @Test
  void aChangeSeenByAnOrdinaryFetchIsRecordedToo() {
    events.publish(summit(START.plus(Duration.ofDays(20)), EventStatus.SCHEDULED));
    engine.discover(profile.id());

    events.publish(
        Signal.builder()
            .from(summit(START.plus(Duration.ofDays(20)), EventStatus.SCHEDULED))
            .event(
                EventDetails.builder()
                    .start(START.plus(Duration.ofDays(20)))
                    .location("Rotterdam")
                    .build())
            .build());
    RunReport run = engine.discover(profile.id());

    assertThat(run.lifecycleEvents()).isEqualTo(1);
    assertThat(theOpportunity().changes()).containsExactly("Venue changed to Rotterdam");
    assertThat(theOpportunity().status()).isEqualTo(OpportunityStatus.NEW);
  }

  @Test
  void aProfileTheSignalNoLongerMatchesStillSeesTheChange() {
    events.publish(summit(START.plus(Duration.ofDays(20)), EventStatus.SCHEDULED));
    engine.discover(profile.id());

    // Stripe withdraws as a sponsor and the date moves: the opportunity is not rescored (nothing
    // matches any more) but shows both changes and the new timing.
    events.publish(
        Signal.builder()
            .from(summit(START.plus(Duration.ofDays(25)), EventStatus.SCHEDULED))
            .organizations(List.of())
            .build());
    engine.refresh("acme");

    Opportunity o = theOpportunity();
    assertThat(o.changes())
        .containsExactly(
            "Moved later: 2026-12-13 09:00 to 2026-12-18 09:00", "Stripe no longer sponsor");
    assertThat(o.temporal().daysUntilEvent()).hasValue(25);
  }

  @Test
  void aRemovedSignalArchivesItsOpportunitiesOnce() {
    events.publish(summit(START.plus(Duration.ofDays(20)), EventStatus.SCHEDULED));
    engine.discover(profile.id());

    events.withdraw(SUMMIT);
    RunReport first = engine.refresh("acme");
    RunReport second = engine.refresh("acme");

    assertThat(first.opportunitiesArchived()).isEqualTo(1);
    assertThat(theOpportunity().changes()).containsExactly("Event no longer listed");
    assertThat(second.queriesExecuted()).isZero();
    assertThat(storage.runs().listLifecycleEvents("acme", SUMMIT))
        .extracting(LifecycleEvent::changes)
        .hasSize(1);
  }

  @Test
  void opportunitiesAreArchivedThirtyDaysAfterTheirEventEnded() {
    events.publish(summit(START.plus(Duration.ofDays(2)), EventStatus.SCHEDULED));
    engine.discover(profile.id());

    clock.advance(Duration.ofDays(31));
    assertThat(engine.refresh("acme").opportunitiesArchived()).isZero();
    clock.advance(Duration.ofDays(2));
    RunReport run = engine.refresh("acme");

    assertThat(run.opportunitiesArchived()).isEqualTo(1);
    assertThat(theOpportunity().status()).isEqualTo(OpportunityStatus.ARCHIVED);
    assertThat(theOpportunity().changes()).containsExactly("Ended on 2026-11-25: archived");
  }

  @Test
  void theLifecycleManagerRefreshesListsEventsAndTellsStaleness() {
    events.publish(summit(START.plus(Duration.ofDays(20)), EventStatus.SCHEDULED));
    engine.discover(profile.id());
    assertThat(engine.lifecycle().staleness("acme", SUMMIT)).isZero();
    assertThat(engine.lifecycle().staleness("acme", SignalKey.of("events", "unknown")))
        .isEqualTo(1.0);

    clock.advance(Duration.ofDays(7));
    assertThat(engine.lifecycle().staleness("acme", SUMMIT)).isEqualTo(0.5);
    events.publish(summit(START.plus(Duration.ofDays(27)), EventStatus.SCHEDULED));
    engine.lifecycle().refresh("acme");

    assertThat(engine.lifecycle().staleness("acme", SUMMIT)).isZero();
    assertThat(engine.lifecycle().events("acme", SUMMIT)).hasSize(1);
    assertThat(engine.lifecycle().events("other", SUMMIT)).isEmpty();
  }

  @Test
  void aFailingRefreshIsCountedAndChangesNothing() {
    ScriptedSource broken = ScriptedSource.feed("broken");
    events.publish(summit(START.plus(Duration.ofDays(20)), EventStatus.SCHEDULED));
    engine.discover(profile.id());
    Opportunity before = theOpportunity();

    DiscoveryEngine failing =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(new FailingRefresh(events))
            .addSource(broken)
            .scorer(Scoring.defaults())
            .clock(clock)
            .build();
    RunReport run = failing.refresh("acme");
    failing.close();

    assertThat(run.errors()).anyMatch(e -> e.contains("refresh of summit failed"));
    assertThat(theOpportunity()).isEqualTo(before);
  }

  /** A source whose refresh always fails. */
  private static final class FailingRefresh implements io.github.discoverysdk.spi.SignalSource {
    private final ScriptedSource delegate;

    FailingRefresh(ScriptedSource delegate) {
      this.delegate = delegate;
    }

    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public io.github.discoverysdk.spi.SourceCapabilities capabilities() {
      return delegate.capabilities();
    }

    @Override
    public io.github.discoverysdk.spi.SourceResult fetch(
        io.github.discoverysdk.spi.SourceRequest request,
        io.github.discoverysdk.spi.SourceContext context)
        throws Exception {
      return delegate.fetch(request, context);
    }

    @Override
    public java.util.Optional<Signal> refresh(
        SignalKey key, io.github.discoverysdk.spi.SourceContext context) throws Exception {
      throw new java.io.IOException("connection reset");
    }
  }
}
