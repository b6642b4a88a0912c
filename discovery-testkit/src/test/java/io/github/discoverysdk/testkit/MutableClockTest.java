package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutableClockTest {
  private static final Instant T0 = Instant.parse("2025-01-15T10:00:00Z");

  @Test
  void aNewClockStandsStillInUtc() {
    MutableClock clock = MutableClock.at(T0);

    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.instant()).isEqualTo(T0);
    assertThat(clock.millis()).isEqualTo(T0.toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void advanceMovesTheClockAndSetPutsItAnywhere() {
    MutableClock clock = MutableClock.of(T0, ZoneId.of("Europe/Berlin"));

    clock.advance(Duration.ofDays(3));
    assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofDays(3)));

    clock.advance(Duration.ofHours(-1));
    assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofDays(3)).minus(Duration.ofHours(1)));

    clock.set(T0.minusSeconds(5));
    assertThat(clock.instant()).isEqualTo(T0.minusSeconds(5));
    assertThat(clock.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
  }

  @Test
  void aClockInAnotherZoneSharesTheTime() {
    MutableClock utc = MutableClock.at(T0);
    Clock tokyo = utc.withZone(ZoneId.of("Asia/Tokyo"));

    utc.advance(Duration.ofMinutes(30));

    assertThat(tokyo.getZone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(tokyo.instant()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    assertThat(utc.withZone(ZoneOffset.UTC)).isSameAs(utc);
  }

  @Test
  void concurrentAdvancesAreNotLost() throws Exception {
    MutableClock clock = MutableClock.at(T0);

    List<Concurrently.Outcome<Void>> outcomes =
        Concurrently.run(
            4,
            i ->
                () -> {
                  for (int j = 0; j < 1_000; j++) {
                    clock.advance(Duration.ofSeconds(1));
                  }
                  return null;
                });

    assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
    assertThat(clock.instant()).isEqualTo(T0.plusSeconds(4_000));
  }
}
