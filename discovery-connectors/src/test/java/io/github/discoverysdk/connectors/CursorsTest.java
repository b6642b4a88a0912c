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

  private static Cursors.Entry e(String id, Instant at) {
    return new Cursors.Entry(id, at);
  }

  @Test
  void recordsAfterTheCursorsPositionAreNewIncludingTiesWithALaterId() {
    List<Cursors.Entry> listing = List.of(e("d", T.minusSeconds(5)), e("a,1", T), e("c|3", T));
    Cursors cursor =
        Cursors.parse(Optional.of(Cursors.after(listing.get(1), listing, true)))
            .checkedAgainst(listing);

    assertThat(cursor.isNew(T, "a,1")).isFalse();
    assertThat(cursor.isNew(T, "c|3")).isTrue();
    assertThat(cursor.isNew(T.minusSeconds(1), "d")).isFalse();
    assertThat(cursor.isNew(T.plusSeconds(1), "a,1")).isTrue();
    assertThat(cursor.continuesAPage()).isTrue();
  }

  @Test
  void aRecordAppearingAtTheCursorsTimeBeforeItsIdBringsThatTimeBackInsteadOfBeingLost() {
    List<Cursors.Entry> before = List.of(e("b", T), e("c", T));
    Cursors stored = Cursors.parse(Optional.of(Cursors.after(before.get(1), before, false)));
    List<Cursors.Entry> after = List.of(e("a", T), e("b", T), e("c", T));

    Cursors unchanged = stored.checkedAgainst(before);
    Cursors changed = stored.checkedAgainst(after);

    assertThat(unchanged.isNew(T, "a")).isFalse();
    assertThat(changed.isNew(T, "a")).isTrue();
    assertThat(changed.continuesAPage()).isFalse();
  }

  @Test
  void theCursorStaysShortHoweverManyRecordsShareOneTime() {
    List<Cursors.Entry> ties =
        java.util.stream.IntStream.range(0, 10_000).mapToObj(i -> e("id-" + i, T)).toList();

    String cursor = Cursors.after(ties.get(ties.size() - 1), ties, false);

    assertThat(cursor).hasSizeLessThan(100);
    String longest = Cursors.after(e("ü".repeat(512), T), List.of(), false);
    assertThat(longest).hasSizeLessThanOrEqualTo(4_000);
    assertThat(Cursors.parse(Optional.of(longest)).isNew(T, "ü".repeat(512))).isFalse();
  }

  @Test
  void aCursorOfTheEarlierFormatIsStillRead() {
    Cursors cursor = Cursors.parse(Optional.of("t1|2026-11-20T09:00:00Z|a%2C1,b"));

    assertThat(cursor.isNew(T, "a,1")).isFalse();
    assertThat(cursor.isNew(T, "c")).isTrue();
    assertThat(cursor.isNew(T.minusSeconds(1), "z")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "garbage",
        "t1|",
        "t1|not-a-time|a",
        "t1|2026-11-20T09:00:00Z|%zz",
        "t1|||",
        "t2|2026-11-20T09:00:00Z|!!|0123456789abcdef|e",
        "t2|2026-11-20T09:00:00Z|YQ|short|e",
        "t2|x|YQ|0123456789abcdef|e"
      })
  void anUnreadableCursorStartsOverInsteadOfFailing(String stored) {
    Cursors cursor = Cursors.parse(Optional.of(stored));

    assertThat(cursor.isNew(Instant.EPOCH, "any")).isTrue();
  }

  @Test
  void aCursorInTheFarFutureReturnsNothing() {
    Instant future = Instant.parse("9999-12-31T23:59:59Z");
    Cursors cursor =
        Cursors.parse(Optional.of(Cursors.after(e("a", future), List.of(), false)))
            .checkedAgainst(List.of(e("b", T)));

    assertThat(cursor.isNew(T, "b")).isFalse();
  }
}
