package io.github.discoverysdk.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final Instant START = Instant.parse("2026-12-10T08:00:00Z");

  private final Signal summit =
      Signal.builder()
          .key(SignalKey.of("events", "summit"))
          .type(SignalType.EVENT)
          .title("Payments Summit")
          .text("Two days on payments.")
          .publishedAt(NOW)
          .observedAt(NOW)
          .event(
              EventDetails.builder()
                  .start(START)
                  .location("Amsterdam")
                  .timeZone(ZoneId.of("Europe/Amsterdam"))
                  .build())
          .addOrganizations(
              OrganizationMention.of("Stripe", OrganizationRole.SPONSOR),
              OrganizationMention.of("Adyen", OrganizationRole.SPONSOR))
          .addPeople(PersonMention.builder().name("Ana Ruiz").title("VP Sales").build())
          .build();

  private Signal.Builder edit() {
    return Signal.builder().from(summit);
  }

  private EventDetails.Builder event() {
    return EventDetails.builder().from(summit.event().orElseThrow());
  }

  @Test
  void anUnchangedSignalHasNoChangesEvenWhenObservedAgainLater() {
    assertThat(ChangeDetector.diff(summit, edit().observedAt(NOW.plusSeconds(60)).build()))
        .isEmpty();
  }

  @Test
  void aMovedEventSaysWhereToInItsOwnZone() {
    Signal moved = edit().event(event().start(START.plus(Duration.ofDays(14))).build()).build();

    List<LifecycleChange> changes = ChangeDetector.diff(summit, moved);

    assertThat(changes)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(ChangeKind.DATE_MOVED);
              assertThat(c.summary())
                  .isEqualTo("Moved later: 2026-12-10 09:00 to 2026-12-24 09:00");
              assertThat(c.affectsTiming()).isTrue();
            });
  }

  @Test
  void cancellationAndReinstatementAreReported() {
    Signal cancelled = edit().event(event().status(EventStatus.CANCELLED).build()).build();

    assertThat(ChangeDetector.diff(summit, cancelled))
        .extracting(LifecycleChange::kind)
        .containsExactly(ChangeKind.CANCELLED);
    assertThat(ChangeDetector.diff(cancelled, summit))
        .extracting(LifecycleChange::kind)
        .containsExactly(ChangeKind.REINSTATED);
  }

  @Test
  void venueSpeakersAndSponsorsChangesAreEachReported() {
    Signal changed =
        edit()
            .event(event().location("Rotterdam").build())
            .people(List.of(PersonMention.builder().name("Li Wei").title("CRO").build()))
            .organizations(
                List.of(
                    OrganizationMention.of("stripe ", OrganizationRole.SPONSOR),
                    OrganizationMention.of("Klarna", OrganizationRole.EXHIBITOR)))
            .build();

    List<LifecycleChange> changes = ChangeDetector.diff(summit, changed);

    assertThat(changes)
        .extracting(LifecycleChange::summary)
        .containsExactly(
            "Venue changed to Rotterdam",
            "Added Li Wei, CRO",
            "Removed Ana Ruiz",
            "Added Klarna as exhibitor",
            "Adyen no longer sponsor");
  }

  @Test
  void titleAndContentChangesAreReportedWhenNothingMoreSpecificIs() {
    assertThat(ChangeDetector.diff(summit, edit().text("Three days on payments.").build()))
        .extracting(LifecycleChange::kind)
        .containsExactly(ChangeKind.CONTENT_CHANGED);
    assertThat(ChangeDetector.diff(summit, edit().title("Payments Summit 2027").build()))
        .extracting(LifecycleChange::kind)
        .containsExactly(ChangeKind.TITLE_CHANGED);
  }

  @Test
  void aRemovedPostingIsClosed() {
    Signal posting = edit().type(SignalType.JOB_POSTING).build();
    assertThat(ChangeDetector.removed(posting).summary()).isEqualTo("Posting closed");
    assertThat(ChangeDetector.removed(posting).affectsTiming()).isTrue();
  }

  @Test
  void onlyVersionsOfOneSignalCompare() {
    Signal other = edit().key(SignalKey.of("events", "other")).build();
    assertThatThrownBy(() -> ChangeDetector.diff(summit, other))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("can only compare versions of one signal");
  }

  @Test
  void stalenessIsHalfAfterOneHalfLife() {
    Duration day = Duration.ofDays(1);
    assertThat(Staleness.of(NOW, NOW, day)).isZero();
    assertThat(Staleness.of(NOW, NOW.plus(day), day)).isCloseTo(0.5, within(1e-12));
    assertThat(Staleness.of(NOW, NOW.plus(Duration.ofDays(2)), day)).isCloseTo(0.75, within(1e-12));
    assertThat(Staleness.of(NOW.plus(day), NOW, day)).isZero();
    assertThatThrownBy(() -> Staleness.of(NOW, NOW, Duration.ZERO))
        .hasMessage("halfLife must be positive, was PT0S");
  }
}
