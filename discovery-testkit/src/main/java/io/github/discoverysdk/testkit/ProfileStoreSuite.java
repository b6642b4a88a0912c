package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ConcurrentUpdateException;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Feedback;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of profiles().
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Profiles} against the storage of its {@link StorageContract#createStorage()}; never
 * extend this class directly.
 */
public abstract class ProfileStoreSuite extends StoreSuiteSupport {
  ProfileStoreSuite() {}

  @Test
  void savingANewProfileStoresItWithVersionOne() {
    Profile profile = Fixtures.profile(TENANT_A, "Fintech");

    Profile saved = storage().profiles().save(profile);

    assertThat(saved.version()).isEqualTo(1);
    assertThat(saved.id()).isEqualTo(profile.id());
    assertThat(storage().profiles().find(profile.id())).contains(saved);
  }

  @Test
  void aWatchlistCompanyKeepsItsAliasesDomainsAndTickers() {
    Company company =
        Company.builder()
            .name("Salesforce")
            .addAliases("SFDC")
            .addDomains("salesforce.com", "slack.com")
            .addTickers("NYSE:CRM", "XETRA:FOO")
            .build();
    Profile profile = Fixtures.profile(TENANT_A, "Watchlist", company, Company.of("Stripe"));

    Profile saved = storage().profiles().save(profile);

    Profile found = storage().profiles().find(profile.id()).orElseThrow();
    assertThat(found).isEqualTo(saved);
    assertThat(found.watchlist().get(0).tickers()).containsExactly("NYSE:CRM", "XETRA:FOO");
    assertThat(found.watchlist().get(1).tickers()).isEmpty();
  }

  @Test
  void aProfileKeepsItsLanguages() {
    Profile profile =
        Profile.builder()
            .from(Fixtures.profile(TENANT_A, "Fintech"))
            .addLanguages("en", "de")
            .build();

    Profile saved = storage().profiles().save(profile);

    assertThat(storage().profiles().find(saved.id()))
        .hasValueSatisfying(p -> assertThat(p.languages()).containsExactlyInAnyOrder("en", "de"));
  }

  @Test
  void listingProfilesReturnsTheTenantsProfilesOrderedById() {
    for (String id : List.of("p-c", "p-a", "p-b")) {
      storage().profiles().save(profileWithId(TENANT_A, id));
    }
    storage().profiles().save(profileWithId(TENANT_B, "p-0"));

    assertThat(storage().profiles().list(TENANT_A))
        .extracting(p -> p.id().value())
        .containsExactly("p-a", "p-b", "p-c");
  }

  @Test
  void updatingAProfileWithItsCurrentVersionIncrementsTheVersion() {
    Profile saved = storage().profiles().save(Fixtures.profile(TENANT_A, "Fintech"));

    Profile updated =
        storage().profiles().save(Profile.builder().from(saved).name("Payments").build());

    assertThat(updated.version()).isEqualTo(2);
    assertThat(storage().profiles().find(saved.id())).contains(updated);
  }

  @Test
  void updatingAProfileWithAStaleVersionThrowsAndKeepsTheStoredProfile() {
    Profile v1 = storage().profiles().save(Fixtures.profile(TENANT_A, "Fintech"));
    Profile v2 = storage().profiles().save(Profile.builder().from(v1).name("Second").build());

    assertThatThrownBy(
            () -> storage().profiles().save(Profile.builder().from(v1).name("Stale write").build()))
        .isInstanceOf(ConcurrentUpdateException.class);

    assertThat(storage().profiles().find(v1.id())).contains(v2);
  }

  @Test
  void insertingAProfileWhoseIdExistsThrows() {
    Profile saved = storage().profiles().save(Fixtures.profile(TENANT_A, "Fintech"));

    assertThatThrownBy(
            () ->
                storage()
                    .profiles()
                    .save(Profile.builder().from(saved).name("Duplicate").version(0).build()))
        .isInstanceOf(ConcurrentUpdateException.class);

    assertThat(storage().profiles().find(saved.id())).contains(saved);
  }

  @Test
  void updatingAProfileThatWasNeverStoredThrows() {
    Profile ghost = Profile.builder().from(Fixtures.profile(TENANT_A, "Ghost")).version(3).build();

    assertThatThrownBy(() -> storage().profiles().save(ghost))
        .isInstanceOf(ConcurrentUpdateException.class);

    assertThat(storage().profiles().find(ghost.id())).isEmpty();
  }

  @Test
  void deletingAProfileDeletesItsOpportunitiesAndTheirFeedback() {
    Profile doomed = storage().profiles().save(Fixtures.profile(TENANT_A, "Doomed"));
    Profile kept = storage().profiles().save(Fixtures.profile(TENANT_A, "Kept"));
    Opportunity first = saveOpportunity(doomed, "s-1", 60, T0);
    Opportunity second = saveOpportunity(doomed, "s-2", 70, T0);
    Opportunity other = saveOpportunity(kept, "s-1", 80, T0);
    storage().opportunities().addFeedback(first.id(), Feedback.save());
    storage().opportunities().addFeedback(other.id(), Feedback.save());

    assertThat(storage().profiles().delete(doomed.id())).isTrue();

    assertThat(storage().profiles().find(doomed.id())).isEmpty();
    assertThat(storage().opportunities().find(first.id())).isEmpty();
    assertThat(storage().opportunities().find(second.id())).isEmpty();
    assertThat(storage().opportunities().find(doomed.id(), key("s-1"))).isEmpty();
    assertThat(storage().opportunities().listFeedback(first.id())).isEmpty();
    assertThat(storage().opportunities().find(other.id())).contains(other);
    assertThat(storage().opportunities().listFeedback(other.id())).hasSize(1);
    assertThat(feedIds(FeedQuery.forTenant(TENANT_A))).containsExactly(other.id());
  }

  @Test
  void aDeletedProfileCanBeCreatedAgainWithTheSameOpportunities() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "Again"));
    saveOpportunity(profile, "s-1", 60, T0);
    storage().profiles().delete(profile.id());

    Profile again = storage().profiles().save(Profile.builder().from(profile).version(0).build());
    Opportunity recreated = saveOpportunity(again, "s-1", 60, T0);

    assertThat(storage().opportunities().find(again.id(), key("s-1"))).contains(recreated);
  }

  @Test
  void deletingAProfileThatDoesNotExistReturnsFalse() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "Once"));

    assertThat(storage().profiles().delete(profile.id())).isTrue();
    assertThat(storage().profiles().delete(profile.id())).isFalse();
    assertThat(storage().profiles().delete(ProfileId.of(TENANT_A, "never-existed"))).isFalse();
  }

  @Test
  void opportunitiesOfOneSignalAreListedAcrossProfilesAndOnlyForTheTenant() {
    Profile p1 = storage().profiles().save(profileWithId(TENANT_A, "p1"));
    Profile p2 = storage().profiles().save(profileWithId(TENANT_A, "p2"));
    Profile b = storage().profiles().save(profileWithId(TENANT_B, "p1"));
    Opportunity o1 = saveOpportunity(p1, "shared", 50, T0);
    Opportunity o2 = saveOpportunity(p2, "shared", 60, T0);
    saveOpportunity(p1, "other", 70, T0);
    saveOpportunity(b, "shared", 80, T0);

    assertThat(storage().opportunities().listBySignal(TENANT_A, key("shared")))
        .extracting(Opportunity::id)
        .containsExactlyElementsOf(
            Stream.of(o1.id(), o2.id())
                .sorted(Comparator.comparing(OpportunityId::value))
                .toList());
    assertThat(storage().opportunities().listBySignal(TENANT_A, key("missing"))).isEmpty();
  }

  @Test
  void savingABatchInsertsAndUpdatesAndReturnsThemInOrderWithIncrementedVersions() {
    Profile stored = storage().profiles().save(profileWithId(TENANT_A, "p-stored"));
    List<Profile> batch =
        List.of(
            profileWithId(TENANT_A, "p-new-2"),
            Profile.builder().from(stored).name("Renamed").build(),
            profileWithId(TENANT_A, "p-new-1"));

    List<Profile> saved = storage().profiles().saveAll(batch);

    assertThat(saved).extracting(Profile::version).containsExactly(1L, 2L, 1L);
    assertThat(saved)
        .extracting(p -> p.id().value())
        .containsExactly("p-new-2", "p-stored", "p-new-1");
    for (Profile p : saved) {
      assertThat(storage().profiles().find(p.id())).contains(p);
    }
    assertThat(storage().profiles().saveAll(List.of())).isEmpty();
  }

  @Test
  void aStaleOrDuplicateProfileInABatchThrowsAndItsTransactionStoresNothingOfTheBatch() {
    Profile v1 = storage().profiles().save(profileWithId(TENANT_A, "p-1"));
    Profile v2 = storage().profiles().save(Profile.builder().from(v1).name("Second").build());
    List<List<Profile>> bad =
        List.of(
            List.of(profileWithId(TENANT_A, "p-a"), Profile.builder().from(v1).build()),
            List.of(profileWithId(TENANT_A, "p-a"), Profile.builder().from(v1).version(0).build()));

    for (List<Profile> batch : bad) {
      assertThatThrownBy(() -> storage().inTransaction(tx -> tx.profiles().saveAll(batch)))
          .isInstanceOf(ConcurrentUpdateException.class)
          .hasMessageContaining(v1.id().toString());
      assertThat(storage().profiles().find(ProfileId.of(TENANT_A, "p-a"))).isEmpty();
      assertThat(storage().profiles().find(v1.id())).contains(v2);
    }
  }

  @Test
  void tenantsWithProfilesAreListed() {
    storage().profiles().save(profileWithId(TENANT_B, "p1"));
    storage().profiles().save(profileWithId(TENANT_A, "p1"));
    storage().sourceState().saveWatermark(watermark("tenant-without-profiles", "q", "c"));

    assertThat(storage().profiles().tenants()).containsExactly(TENANT_A, TENANT_B);
  }
}
