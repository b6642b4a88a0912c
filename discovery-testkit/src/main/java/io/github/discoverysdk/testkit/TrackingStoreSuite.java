package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.spi.AnonymousObservation;
import io.github.discoverysdk.spi.TrackedSubject;
import io.github.discoverysdk.spi.TrackingObservation;
import io.github.discoverysdk.spi.TrackingStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The storage contract's tests of tracking(), cross-tenant by design.
 *
 * <p>An implementation gets them by extending {@link StorageContract}, which runs them as its
 * nested {@code Tracking} against the storage of its {@link StorageContract#createStorage()}; never
 * extend this class directly.
 */
public abstract class TrackingStoreSuite extends StoreSuiteSupport {
  TrackingStoreSuite() {}

  private static final TrackedSubject STRIPE = TrackedSubject.account("Stripe, Inc.");

  private static final TrackedSubject HOSTILE =
      TrackedSubject.account("Société Générale'); DROP TABLE discovery_tracking; --");

  private static final TrackedSubject LAUNCH =
      TrackedSubject.signal(SignalKey.of("news", "launch/ü-" + "x".repeat(300)));

  private static TrackingObservation observation(
      String tenant, String profile, TrackedSubject subject, Instant at, String... industries) {
    return TrackingObservation.of(ProfileId.of(tenant, profile), subject, at, industries);
  }

  private static List<AnonymousObservation> anonymous(TrackingObservation... observations) {
    return Stream.of(observations).map(AnonymousObservation::of).toList();
  }

  private static String key(String tenant, String profile) {
    return AnonymousObservation.profileKey(ProfileId.of(tenant, profile));
  }

  @Test
  void trackingIsRecordedOncePerProfileSubjectAndDayAcrossTenants() {
    Instant morning = T0.plusNanos(123_456_000);
    TrackingObservation first = observation(TENANT_A, "p1", STRIPE, morning, "FinTech", "Retail");
    storage().tracking().record(first);
    storage().tracking().record(first);
    // Later the same UTC day: the first observation of the day stands.
    storage().tracking().record(observation(TENANT_A, "p1", STRIPE, T0.plus(Duration.ofHours(13))));
    TrackingObservation nextDay = observation(TENANT_A, "p1", STRIPE, T0.plus(Duration.ofDays(1)));
    storage().tracking().record(nextDay);
    TrackingObservation otherTenant = observation(TENANT_B, "p1", STRIPE, T0.plusSeconds(60));
    storage().tracking().record(otherTenant);
    TrackingObservation signal = observation(TENANT_B, "p2", LAUNCH, T0.plusSeconds(30), "é");
    storage().tracking().record(signal);
    TrackingObservation hostile = observation(TENANT_A, "p3", HOSTILE, T0.plusSeconds(90));
    storage().tracking().record(hostile);

    assertThat(storage().tracking().list(List.of(STRIPE), T0))
        .containsExactlyElementsOf(anonymous(first, otherTenant, nextDay));
    List<AnonymousObservation> all =
        storage().tracking().list(List.of(STRIPE, LAUNCH, HOSTILE), T0);
    assertThat(all)
        .containsExactlyElementsOf(anonymous(first, signal, otherTenant, hostile, nextDay));
    // Read across tenants, so no tenant name or profile id comes back.
    assertThat(all)
        .allSatisfy(
            o ->
                assertThat(o.toString())
                    .doesNotContain(TENANT_A)
                    .doesNotContain(TENANT_B)
                    .doesNotContain("p1"));
    assertThat(
            storage().tracking().list(List.of(TrackedSubject.account("STRIPE")), T0.plusSeconds(1)))
        .containsExactlyElementsOf(anonymous(otherTenant, nextDay));
    assertThat(storage().tracking().list(List.of(TrackedSubject.account("Stripes")), T0)).isEmpty();
    assertThat(storage().tracking().list(List.of(), T0)).isEmpty();
    assertThat(first.industries()).containsExactlyInAnyOrder("fintech", "retail");
  }

  @Test
  void allTrackingIsListedOldestFirstFromSinceAndUpToTheLimit() {
    for (int i = 0; i < 5; i++) {
      storage()
          .tracking()
          .record(
              observation(i % 2 == 0 ? TENANT_A : TENANT_B, "p" + i, STRIPE, T0.plusSeconds(i)));
    }
    assertThat(storage().tracking().list(T0.plusSeconds(1), 10))
        .extracting(AnonymousObservation::profileKey)
        .containsExactly(
            key(TENANT_B, "p1"), key(TENANT_A, "p2"), key(TENANT_B, "p3"), key(TENANT_A, "p4"));
    assertThat(storage().tracking().list(T0, 2))
        .extracting(AnonymousObservation::profileKey)
        .containsExactly(key(TENANT_A, "p0"), key(TENANT_B, "p1"));
    assertThatThrownBy(() -> storage().tracking().list(T0, -1))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void askingForTooManySubjectsAtOnceIsRefused() {
    List<TrackedSubject> many =
        IntStream.rangeClosed(0, TrackingStore.MAX_TRACKED_SUBJECTS)
            .mapToObj(i -> TrackedSubject.account("Company " + i))
            .toList();
    assertThatThrownBy(() -> storage().tracking().list(many, T0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("at most " + TrackingStore.MAX_TRACKED_SUBJECTS);
    assertThat(storage().tracking().list(many.subList(0, TrackingStore.MAX_TRACKED_SUBJECTS), T0))
        .isEmpty();
  }

  @Test
  void oldTrackingIsDeletedAndSoIsADeletedProfiles() {
    Profile gone = storage().profiles().save(profileWithId(TENANT_A, "gone"));
    Profile kept = storage().profiles().save(profileWithId(TENANT_A, "kept"));
    storage().tracking().record(observation(TENANT_A, "gone", STRIPE, T0));
    storage().tracking().record(observation(TENANT_A, "gone", LAUNCH, T0.plus(Duration.ofDays(3))));
    TrackingObservation keptOld = observation(TENANT_A, "kept", STRIPE, T0);
    TrackingObservation keptNew =
        observation(TENANT_A, "kept", STRIPE, T0.plus(Duration.ofDays(3)));
    storage().tracking().record(keptOld);
    storage().tracking().record(keptNew);
    // Same profile id in another tenant: another profile.
    TrackingObservation namesake = observation(TENANT_B, "gone", STRIPE, T0);
    storage().tracking().record(namesake);

    assertThat(storage().profiles().delete(gone.id())).isTrue();
    assertThat(storage().tracking().list(T0, 100))
        .containsExactlyInAnyOrderElementsOf(anonymous(keptOld, namesake, keptNew));

    assertThat(storage().tracking().deleteBefore(T0.plus(Duration.ofDays(1)))).isEqualTo(2);
    assertThat(storage().tracking().list(T0, 100)).containsExactlyElementsOf(anonymous(keptNew));
    assertThat(storage().tracking().deleteBefore(T0)).isZero();
    assertThat(storage().profiles().find(kept.id())).isPresent();
  }

  @Test
  void aFailedTransactionRecordsNoTracking() {
    IllegalStateException failure = new IllegalStateException("work failed");
    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        tx -> {
                          tx.tracking().record(observation(TENANT_A, "p1", STRIPE, T0));
                          throw failure;
                        }))
        .isSameAs(failure);
    assertThat(storage().tracking().list(T0.minusSeconds(1), 10)).isEmpty();
  }

  @Test
  void aBatchIsRecordedOncePerProfileSubjectAndDayAndItsFirstObservationOfADayStands() {
    TrackingObservation stored = observation(TENANT_A, "p1", STRIPE, T0, "FinTech");
    storage().tracking().record(stored);
    TrackingObservation launch = observation(TENANT_A, "p1", LAUNCH, T0.plusSeconds(10));
    TrackingObservation nextDay =
        observation(TENANT_A, "p1", STRIPE, T0.plus(Duration.ofDays(1)).plusSeconds(5));
    TrackingObservation ofB = observation(TENANT_B, "p1", STRIPE, T0.plusSeconds(20));
    TrackingObservation hostile = observation(TENANT_B, "p2", HOSTILE, T0.plusSeconds(30), "é");

    storage()
        .tracking()
        .recordAll(
            List.of(
                observation(TENANT_A, "p1", STRIPE, T0.plusSeconds(60)), // the stored day's
                launch,
                nextDay,
                observation(TENANT_A, "p1", LAUNCH, T0.plusSeconds(5)), // launch's day, later
                ofB,
                hostile,
                observation(TENANT_A, "p1", STRIPE, T0.plus(Duration.ofDays(1)))));
    storage().tracking().recordAll(List.of());
    storage().tracking().recordAll(List.of(stored, launch));

    assertThat(storage().tracking().list(T0, 100))
        .containsExactlyElementsOf(anonymous(stored, launch, ofB, hostile, nextDay));
  }

  @Test
  void aBatchRecordedInAFailedTransactionIsGone() {
    IllegalStateException failure = new IllegalStateException("work failed");
    assertThatThrownBy(
            () ->
                storage()
                    .inTransaction(
                        tx -> {
                          tx.tracking()
                              .recordAll(
                                  List.of(
                                      observation(TENANT_A, "p1", STRIPE, T0),
                                      observation(TENANT_B, "p1", LAUNCH, T0)));
                          throw failure;
                        }))
        .isSameAs(failure);
    assertThat(storage().tracking().list(T0.minusSeconds(1), 10)).isEmpty();
  }
}
