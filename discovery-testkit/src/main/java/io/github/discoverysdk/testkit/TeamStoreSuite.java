package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SharedOpportunity;
import io.github.discoverysdk.model.Team;
import io.github.discoverysdk.model.TeamNote;
import io.github.discoverysdk.model.TeamStatus;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of teams().
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Teams} against the storage of its {@link StorageContract#createStorage()}; never
 * extend this class directly.
 */
public abstract class TeamStoreSuite extends StoreSuiteSupport {
  TeamStoreSuite() {}

  @Test
  void aTeamIsInsertedUpdatedFromItsVersionAndListedById() {
    Team saved = storage().teams().save(team(TENANT_A, "t-b", "alice", "bob"));
    storage().teams().save(team(TENANT_A, "t-a", "carol"));

    assertThat(saved.version()).isEqualTo(1);
    assertThat(storage().teams().find(TENANT_A, "t-b")).contains(saved);
    Team updated =
        storage()
            .teams()
            .save(Team.builder().from(saved).name("Renamed").addMembers("dave").build());
    assertThat(updated.version()).isEqualTo(2);
    assertThat(storage().teams().find(TENANT_A, "t-b"))
        .hasValueSatisfying(
            t -> {
              assertThat(t).isEqualTo(updated);
              assertThat(t.members()).containsExactlyInAnyOrder("alice", "bob", "dave");
            });
    assertThat(storage().teams().list(TENANT_A)).extracting(Team::id).containsExactly("t-a", "t-b");

    assertThatThrownBy(
            () -> storage().teams().save(Team.builder().from(saved).name("Stale").build()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(() -> storage().teams().save(team(TENANT_A, "t-b", "mallory")))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(
            () ->
                storage()
                    .teams()
                    .save(Team.builder().from(team(TENANT_A, "t-x", "a")).version(4).build()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(storage().teams().find(TENANT_A, "t-b")).contains(updated);
    assertThat(storage().teams().find(TENANT_A, "t-x")).isEmpty();
  }

  @Test
  void teamsAndSharesAreScopedByTenant() {
    Profile a = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Opportunity oa = saveOpportunity(a, "s-1", 50, T0);
    storage().teams().save(team(TENANT_A, "t1", "alice"));
    storage().teams().saveShared(share(oa, "t1", "alice", T0));

    assertThat(storage().teams().find(TENANT_B, "t1")).isEmpty();
    assertThat(storage().teams().list(TENANT_B)).isEmpty();
    assertThat(storage().teams().listShared(TENANT_B, "t1", 10)).isEmpty();
    assertThat(storage().teams().findShared(TENANT_B, "t1", oa.id())).isEmpty();
    assertThat(
            storage()
                .teams()
                .findShared(TENANT_B, "t1", OpportunityId.of(TENANT_B, oa.id().value())))
        .isEmpty();

    // The same ids under another tenant are another team and another share.
    Profile b = storage().profiles().save(profileWithId(TENANT_B, "p1"));
    Opportunity ob =
        storage()
            .opportunities()
            .save(
                Fixtures.opportunity(
                    OpportunityId.of(TENANT_B, oa.id().value()), b.id(), key("s-1"), 50, T0));
    storage().teams().save(team(TENANT_B, "t1", "bob"));
    SharedOpportunity sb = storage().teams().saveShared(share(ob, "t1", "bob", T0));

    assertThat(storage().teams().listShared(TENANT_B, "t1", 10)).containsExactly(sb);
    assertThat(storage().teams().listShared(TENANT_A, "t1", 10))
        .singleElement()
        .satisfies(s -> assertThat(s.sharedBy()).isEqualTo("alice"));
    assertThat(storage().teams().find(TENANT_A, "t1").orElseThrow().members())
        .containsExactly("alice");
  }

  @Test
  void anOpportunityIsSharedWithATeamOnceAndUpdatedFromItsVersion() {
    Profile p = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Opportunity o = saveOpportunity(p, "s-1", 50, T0);
    storage().teams().save(team(TENANT_A, "t1", "alice", "bob"));
    storage().teams().save(team(TENANT_A, "t2", "alice"));
    SharedOpportunity first = storage().teams().saveShared(share(o, "t1", "alice", T0));

    assertThat(first.version()).isEqualTo(1);
    assertThatThrownBy(() -> storage().teams().saveShared(share(o, "t1", "bob", T0.plusSeconds(1))))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(storage().teams().findShared(TENANT_A, "t1", o.id())).contains(first);
    // Another team may have it too.
    assertThat(storage().teams().saveShared(share(o, "t2", "alice", T0)).version()).isEqualTo(1);

    SharedOpportunity working =
        storage()
            .teams()
            .saveShared(
                SharedOpportunity.builder()
                    .from(first)
                    .status(TeamStatus.WORKING)
                    .addNotes(TeamNote.of("bob", "on it", T0.plusSeconds(5)))
                    .build());
    assertThat(working.version()).isEqualTo(2);
    assertThat(storage().teams().findShared(TENANT_A, "t1", o.id())).contains(working);
    assertThatThrownBy(
            () ->
                storage()
                    .teams()
                    .saveShared(
                        SharedOpportunity.builder().from(first).status(TeamStatus.PASSED).build()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThatThrownBy(
            () ->
                storage()
                    .teams()
                    .saveShared(
                        SharedOpportunity.builder().from(first).teamId("t-missing").build()))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(storage().teams().findShared(TENANT_A, "t1", o.id())).contains(working);
  }

  @Test
  void aShareNeedsItsTeamAndOpportunity() {
    Profile p = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Opportunity o = saveOpportunity(p, "s-1", 50, T0);
    storage().teams().save(team(TENANT_A, "t1", "alice"));

    assertThatThrownBy(() -> storage().teams().saveShared(share(o, "no-team", "alice", T0)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                storage()
                    .teams()
                    .saveShared(
                        SharedOpportunity.builder()
                            .from(share(o, "t1", "alice", T0))
                            .opportunityId(OpportunityId.of(TENANT_A, "no-such-opportunity"))
                            .build()))
        .isInstanceOf(ValidationException.class);
    assertThat(storage().teams().listShared(TENANT_A, "t1", 10)).isEmpty();
  }

  @Test
  void sharesAreListedNewestSharedFirstUpToTheLimitAndGoWithTheirOpportunity() {
    Profile p = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Profile other = storage().profiles().save(profileWithId(TENANT_A, "p2"));
    Opportunity o1 = saveOpportunity(p, "s-1", 50, T0);
    Opportunity o2 = saveOpportunity(p, "s-2", 50, T0);
    Opportunity o3 = saveOpportunity(other, "s-3", 50, T0);
    storage().teams().save(team(TENANT_A, "t1", "alice"));
    storage().teams().save(team(TENANT_A, "t2", "alice"));
    storage().teams().saveShared(share(o1, "t1", "alice", T0));
    storage().teams().saveShared(share(o2, "t1", "alice", T0.plusSeconds(60)));
    storage().teams().saveShared(share(o3, "t1", "alice", T0.plusSeconds(30)));
    storage().teams().saveShared(share(o1, "t2", "alice", T0.plusSeconds(90)));

    assertThat(storage().teams().listShared(TENANT_A, "t1", 10))
        .extracting(SharedOpportunity::opportunityId)
        .containsExactly(o2.id(), o3.id(), o1.id());
    assertThat(storage().teams().listShared(TENANT_A, "t1", 2))
        .extracting(SharedOpportunity::opportunityId)
        .containsExactly(o2.id(), o3.id());
    assertThat(storage().teams().listShared(TENANT_A, "t2", 10))
        .extracting(SharedOpportunity::opportunityId)
        .containsExactly(o1.id());

    storage().profiles().delete(p.id());

    assertThat(storage().teams().listShared(TENANT_A, "t1", 10))
        .extracting(SharedOpportunity::opportunityId)
        .containsExactly(o3.id());
    assertThat(storage().teams().listShared(TENANT_A, "t2", 10)).isEmpty();
    assertThat(storage().teams().find(TENANT_A, "t1")).isPresent();
  }

  @Test
  void hostileTeamTextIsStoredAndReadBackVerbatim() {
    // A tenant id is restricted (see Tenants); every other string here is hostile.
    String tenant = "t.a_b:c@d-e";
    Profile p = storage().profiles().save(profileWithId(tenant, "p' OR '1'='1"));
    Opportunity o =
        storage()
            .opportunities()
            .save(
                Fixtures.opportunity(
                    OpportunityId.of(tenant, "o'pp\"; --"), p.id(), key("s'1"), 50, T0));
    String longNote = "\u2028x".repeat(TeamNote.MAX_TEXT / 2);
    Team team =
        storage()
            .teams()
            .save(
                Team.builder()
                    .tenant(tenant)
                    .id("team'); DELETE FROM discovery_team_share; --")
                    .name("Robert'); DROP TABLE teams;-- \ud83d\ude80")
                    .addMembers("a\"lice\\%", "b'ob; --", "{\"json\": [1,2]}")
                    .createdAt(T0)
                    .build());
    SharedOpportunity shared =
        storage()
            .teams()
            .saveShared(
                SharedOpportunity.builder()
                    .from(share(o, team.id(), "a\"lice\\%", T0))
                    .addNotes(
                        TeamNote.of("b'ob; --", "' OR 1=1 --\n\"quoted\" \\ ${x} $1 ?", T0),
                        TeamNote.of("a\"lice\\%", "], \"at\": \"0\"}, {\"\u0000", T0.plusNanos(1)),
                        TeamNote.of("a\"lice\\%", longNote, T0.plusSeconds(1)))
                    .build());

    assertThat(storage().teams().find(tenant, team.id())).contains(team);
    assertThat(storage().teams().list(tenant)).containsExactly(team);
    assertThat(storage().teams().findShared(tenant, team.id(), o.id())).contains(shared);
    assertThat(storage().teams().listShared(tenant, team.id(), 10)).containsExactly(shared);
    assertThat(storage().teams().list(TENANT_A)).isEmpty();
  }
}
