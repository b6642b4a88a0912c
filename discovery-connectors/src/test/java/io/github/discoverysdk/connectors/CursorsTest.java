package io.github.discoverysdk.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CursorsTest {
  private static final Instant T = Instant.parse("2026-11-20T09:00:00Z");

  @Test
  void recordsAtTheCursorsTimeAreNewUnlessAlreadyReturned() {
    Optional<String> after =
        Cursors.parse(Optional.empty())
            .next(
                List.of(new Cursors.Entry("a,1", T), new Cursors.Entry("b|2", T.minusSeconds(5))));
    Cursors cursor = Cursors.parse(after);

    assertThat(cursor.isNew(T, "a,1")).isFalse();
    assertThat(cursor.isNew(T, "c%3")).isTrue();
    assertThat(cursor.isNew(T.minusSeconds(1), "d")).isFalse();
    assertThat(cursor.isNew(T.plusSeconds(1), "a,1")).isTrue();
    // Ids that hold the separators survive the round trip.
    assertThat(Cursors.parse(cursor.next(List.of()))).usingRecursiveComparison().isEqualTo(cursor);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "garbage", "t1|", "t1|not-a-time|a", "t1|2026-11-20T09:00:00Z|%zz", "t1|||"})
  void anUnreadableCursorStartsOverInsteadOfFailing(String stored) {
    Cursors cursor = Cursors.parse(Optional.of(stored));

    assertThat(cursor.isNew(Instant.EPOCH, "any")).isTrue();
  }

  @Test
  void aCursorInTheFarFutureReturnsNothingAndDoesNotMoveBack() {
    String future = "t1|9999-12-31T23:59:59Z|";
    Cursors cursor = Cursors.parse(Optional.of(future));

    assertThat(cursor.isNew(T, "a")).isFalse();
    assertThat(cursor.next(List.of())).contains(future);
  }
}
