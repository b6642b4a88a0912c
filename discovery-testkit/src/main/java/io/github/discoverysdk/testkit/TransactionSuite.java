package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Signal;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of transactions across stores.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Transactions} against the storage of its {@link StorageContract#createStorage()};
 * never extend this class directly.
 */
public abstract class TransactionSuite extends StoreSuiteSupport {
  TransactionSuite() {}

  @Test
  void aFailedTransactionStoresNothingAndRethrowsItsException() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
    Signal signal = signal("s-1", T0);
    Opportunity opportunity = Fixtures.opportunity(profile.id(), signal.key(), 60, T0);
    IllegalStateException failure = new IllegalStateException("work failed");

    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        tx -> {
                          tx.signals().upsert(TENANT_A, signal);
                          tx.opportunities().save(opportunity);
                          tx.sourceState().saveWatermark(watermark(TENANT_A, "all", "1"));
                          tx.profiles()
                              .save(Profile.builder().from(profile).name("Renamed").build());
                          throw failure;
                        }))
        .isSameAs(failure);

    assertThat(storage().signals().find(TENANT_A, signal.key())).isEmpty();
    assertThat(storage().opportunities().find(opportunity.id())).isEmpty();
    assertThat(storage().opportunities().find(profile.id(), signal.key())).isEmpty();
    assertThat(storage().sourceState().findWatermark(TENANT_A, SOURCE, "all")).isEmpty();
    assertThat(storage().profiles().find(profile.id())).contains(profile);
    assertThat(storage().opportunities().feed(FeedQuery.forTenant(TENANT_A).build()).items())
        .isEmpty();
    // The rolled-back insert left nothing behind that would block inserting it again.
    assertThat(storage().opportunities().save(opportunity).version()).isEqualTo(1);
  }

  @Test
  void aCommittedTransactionKeepsEveryWriteAndReturnsTheWorksResult() {
    Profile profile = storage().profiles().save(Fixtures.profile(TENANT_A, "P"));
    Signal signal = signal("s-1", T0);
    Opportunity opportunity = Fixtures.opportunity(profile.id(), signal.key(), 60, T0);

    Opportunity result =
        storage()
            .inTransaction(
                tx -> {
                  tx.signals().upsert(TENANT_A, signal);
                  tx.sourceState().saveWatermark(watermark(TENANT_A, "all", "1"));
                  return tx.opportunities().save(opportunity);
                });

    assertThat(result.version()).isEqualTo(1);
    assertThat(storage().signals().find(TENANT_A, signal.key())).contains(signal);
    assertThat(storage().opportunities().find(opportunity.id())).contains(result);
    assertThat(storage().sourceState().findWatermark(TENANT_A, SOURCE, "all")).isPresent();
  }
}
