package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.OpportunityStatus;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SharedOpportunity;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.model.TeamFeedItem;
import io.github.discoverysdk.model.TeamNote;
import io.github.discoverysdk.model.TeamStatus;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Team sharing through {@link DiscoveryEngine#teams()}. Non-members are told the team does not
 * exist ({@link NotFoundException}, the same message as for a missing team); sharing an opportunity
 * twice is idempotent and returns the first share.
 */
class TeamsTest {
  private static final String TENANT = "acme";
  private static final String OTHER_TENANT = "globex";
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStorage storage = InMemoryStorage.create();
  private final AtomicInteger ids = new AtomicInteger();
  private DiscoveryEngine engine;
  private Teams teams;
  private Opportunity first;
  private Opportunity second;

  @BeforeEach
  void setUp() {
    engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .scorer(Scoring.defaults())
            .clock(clock)
            .idGenerator(() -> "id-" + ids.incrementAndGet())
            .build();
    teams = engine.teams();
    Profile profile = storage.profiles().save(Fixtures.profile(TENANT, "Fintech"));
    first = storage.opportunities().save(opportunity(profile, "s-1"));
    second = storage.opportunities().save(opportunity(profile, "s-2"));
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void membersShareNoteSetStatusAndReadTheFeed() {
    Team team = teams.create(TENANT, "EMEA sellers", "alice", "bob");

    assertThat(team.id()).startsWith("id-");
    assertThat(team.members()).containsExactly("alice", "bob");
    assertThat(team.createdAt()).isEqualTo(T0);

    SharedOpportunity shared = teams.share(first.id(), team.id(), "alice");
    assertThat(shared.status()).isEqualTo(TeamStatus.NEW);
    assertThat(shared.sharedBy()).isEqualTo("alice");
    assertThat(shared.sharedAt()).isEqualTo(T0);

    clock.advance(Duration.ofMinutes(1));
    teams.share(second.id(), team.id(), "bob");
    clock.advance(Duration.ofMinutes(1));
    teams.note(first.id(), team.id(), "bob", "I know their CFO");
    clock.advance(Duration.ofMinutes(1));
    teams.note(first.id(), team.id(), "alice", "Call booked for Tuesday");
    SharedOpportunity working = teams.setStatus(first.id(), team.id(), "bob", TeamStatus.WORKING);

    assertThat(working.status()).isEqualTo(TeamStatus.WORKING);
    assertThat(working.notes())
        .containsExactly(
            TeamNote.of("bob", "I know their CFO", T0.plus(Duration.ofMinutes(2))),
            TeamNote.of("alice", "Call booked for Tuesday", T0.plus(Duration.ofMinutes(3))));

    List<TeamFeedItem> feed = teams.feed(TENANT, team.id(), "alice", 10);
    assertThat(feed).extracting(i -> i.opportunity().id()).containsExactly(second.id(), first.id());
    assertThat(feed.get(1).shared()).isEqualTo(working);
    assertThat(teams.feed(TENANT, team.id(), "bob", 1))
        .extracting(i -> i.opportunity().id())
        .containsExactly(second.id());
  }

  @Test
  void theFeedShowsTheOpportunityAsItIsNow() {
    Team team = teams.create(TENANT, "Team", "alice");
    teams.share(first.id(), team.id(), "alice");
    Opportunity saved =
        storage
            .opportunities()
            .save(Opportunity.builder().from(first).status(OpportunityStatus.SAVED).build());

    assertThat(teams.feed(TENANT, team.id(), "alice", 10))
        .singleElement()
        .satisfies(i -> assertThat(i.opportunity()).isEqualTo(saved));
  }

  @Test
  void aNewMemberCanReadAndWrite() {
    Team team = teams.create(TENANT, "Team", "alice");
    teams.share(first.id(), team.id(), "alice");

    assertThatThrownBy(() -> teams.feed(TENANT, team.id(), "carol", 10))
        .isInstanceOf(NotFoundException.class);
    Team grown = teams.addMember(TENANT, team.id(), "alice", "carol");

    assertThat(grown.members()).containsExactlyInAnyOrder("alice", "carol");
    assertThat(teams.addMember(TENANT, team.id(), "carol", "carol")).isEqualTo(grown);
    assertThat(teams.feed(TENANT, team.id(), "carol", 10)).hasSize(1);
    assertThat(teams.note(first.id(), team.id(), "carol", "hello").notes()).hasSize(1);
    assertThat(teams.list(TENANT, "carol")).containsExactly(grown);
  }

  @Test
  void nonMembersCanNeitherReadNorWriteAndAreToldTheTeamDoesNotExist() {
    Team team = teams.create(TENANT, "Team", "alice");
    teams.share(first.id(), team.id(), "alice");
    String missing = messageOf(() -> teams.feed(TENANT, "no-such-team", "mallory", 10));

    assertThat(messageOf(() -> teams.feed(TENANT, team.id(), "mallory", 10)))
        .isEqualTo(missing.replace("no-such-team", team.id()));
    assertThatThrownBy(() -> teams.share(second.id(), team.id(), "mallory"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> teams.note(first.id(), team.id(), "mallory", "pwned"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> teams.setStatus(first.id(), team.id(), "mallory", TeamStatus.PASSED))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> teams.addMember(TENANT, team.id(), "mallory", "mallory"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> teams.findShared(first.id(), team.id(), "mallory"))
        .isInstanceOf(NotFoundException.class);
    assertThat(teams.find(TENANT, team.id(), "mallory")).isEmpty();
    assertThat(teams.list(TENANT, "mallory")).isEmpty();

    SharedOpportunity untouched =
        storage.teams().findShared(TENANT, team.id(), first.id()).orElseThrow();
    assertThat(untouched.notes()).isEmpty();
    assertThat(untouched.status()).isEqualTo(TeamStatus.NEW);
    assertThat(storage.teams().findShared(TENANT, team.id(), second.id())).isEmpty();
    assertThat(storage.teams().find(TENANT, team.id()).orElseThrow().members())
        .containsExactly("alice");
  }

  @Test
  void otherTenantsCannotSeeTheTeam() {
    Team team = teams.create(TENANT, "Team", "alice");
    teams.share(first.id(), team.id(), "alice");
    Profile foreign = storage.profiles().save(Fixtures.profile(OTHER_TENANT, "Foreign"));
    Opportunity theirs = storage.opportunities().save(opportunity(foreign, "s-9"));

    // The same user name in another tenant is another user.
    assertThatThrownBy(() -> teams.feed(OTHER_TENANT, team.id(), "alice", 10))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> teams.share(theirs.id(), team.id(), "alice"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                teams.note(
                    OpportunityId.of(OTHER_TENANT, first.id().value()), team.id(), "alice", "x"))
        .isInstanceOf(NotFoundException.class);
    assertThat(teams.find(OTHER_TENANT, team.id(), "alice")).isEmpty();
    assertThat(teams.list(OTHER_TENANT, "alice")).isEmpty();
    assertThat(storage.teams().list(OTHER_TENANT)).isEmpty();
  }

  @Test
  void sharingTheSameOpportunityTwiceReturnsTheFirstShare() {
    Team team = teams.create(TENANT, "Team", "alice", "bob");
    SharedOpportunity shared = teams.share(first.id(), team.id(), "alice");
    teams.note(first.id(), team.id(), "alice", "keep me");
    clock.advance(Duration.ofHours(1));

    SharedOpportunity again = teams.share(first.id(), team.id(), "bob");

    assertThat(again.sharedBy()).isEqualTo("alice");
    assertThat(again.sharedAt()).isEqualTo(shared.sharedAt());
    assertThat(again.notes()).extracting(TeamNote::text).containsExactly("keep me");
    assertThat(teams.feed(TENANT, team.id(), "bob", 10)).hasSize(1);
  }

  @Test
  void concurrentNotesAreAllKeptAndConcurrentSharesMakeOne() throws Exception {
    Team team = teams.create(TENANT, "Team", "alice", "bob");

    concurrently(8, i -> teams.share(first.id(), team.id(), i % 2 == 0 ? "alice" : "bob"));
    concurrently(16, i -> teams.note(first.id(), team.id(), "bob", "note " + i));

    assertThat(teams.feed(TENANT, team.id(), "alice", 10)).hasSize(1);
    assertThat(teams.findShared(first.id(), team.id(), "alice").orElseThrow().notes()).hasSize(16);
  }

  @Test
  void unknownOpportunitiesAndUnsharedOnesAreNotFound() {
    Team team = teams.create(TENANT, "Team", "alice");

    assertThatThrownBy(
            () -> teams.share(OpportunityId.of(TENANT, "no-such-opportunity"), team.id(), "alice"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> teams.note(first.id(), team.id(), "alice", "not shared"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> teams.setStatus(first.id(), team.id(), "alice", TeamStatus.WON))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void badInputIsRejected() {
    Team team = teams.create(TENANT, "Team", "alice");
    teams.share(first.id(), team.id(), "alice");

    assertThatThrownBy(() -> teams.create(TENANT, "Empty")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> teams.create(TENANT, " ", "alice"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> teams.create(TENANT, "Team", "alice", " "))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> teams.note(first.id(), team.id(), "alice", " "))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () -> teams.note(first.id(), team.id(), "alice", "x".repeat(TeamNote.MAX_TEXT + 1)))
        .isInstanceOf(ValidationException.class);
    assertThat(teams.note(first.id(), team.id(), "alice", "x".repeat(TeamNote.MAX_TEXT)).notes())
        .hasSize(1);
    assertThatThrownBy(() -> teams.feed(TENANT, team.id(), "alice", 0))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> teams.feed(TENANT, team.id(), "alice", Teams.MAX_FEED_LIMIT + 1))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> teams.feed(TENANT, team.id(), null, 10))
        .isInstanceOf(ValidationException.class);
  }

  private static Opportunity opportunity(Profile profile, String externalId) {
    return Fixtures.opportunity(
        OpportunityId.of(profile.tenant(), "opp-" + externalId),
        profile.id(),
        SignalKey.of("test-source", externalId),
        80,
        T0);
  }

  /** Runs {@code task} on {@code threads} threads released together; rethrows any failure. */
  private static void concurrently(int threads, IntConsumer task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  task.accept(n);
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String messageOf(Runnable call) {
    try {
      call.run();
    } catch (NotFoundException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected NotFoundException");
  }
}
