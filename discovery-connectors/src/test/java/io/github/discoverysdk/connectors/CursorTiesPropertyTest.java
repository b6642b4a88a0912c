package io.github.discoverysdk.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.TestSourceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The keyset cursor of the HTTP sources over listings where 1 to 10,000 records share one change
 * time, read with random page sizes, pages redelivered (a run that died before committing a page
 * fetches it again from the old cursor) and records published meanwhile: every record arrives
 * exactly once, and every cursor stays short whatever the size of the tie.
 */
class CursorTiesPropertyTest {
  private static final Instant T = Instant.parse("2026-11-20T09:00:00Z");
  private static final int TRIALS = 40;
  private static final int LONGEST_CURSOR = 200;

  private final MutableClock clock = MutableClock.at(T.plus(Duration.ofDays(1)));
  private final SourceContext context = TestSourceContext.of(clock, "acme");

  /** A source over a listing the test changes between fetches, as a feed would change. */
  private static final class Listing extends HttpSignalSource {
    final List<Mapped> records = new CopyOnWriteArrayList<>();

    Listing() {
      super("ties", HttpToolkit.builder().build());
    }

    @Override
    public SourceCapabilities capabilities() {
      return SourceCapabilities.builder().addSignalTypes(SignalType.NEWS).build();
    }

    @Override
    Page read(SourceRequest request, SourceContext context) {
      Page page = new Page();
      page.records.addAll(records);
      return page;
    }

    void publish(String id, Instant at) {
      Signal s =
          Signal.builder()
              .key(SignalKey.of("ties", id))
              .type(SignalType.NEWS)
              .title("record " + id)
              .publishedAt(at)
              .observedAt(at)
              .build();
      records.add(new Mapped(s, at));
    }
  }

  @Test
  void everyRecordOfEveryTieArrivesExactlyOnceThroughRandomPagesAndRedeliveries() throws Exception {
    Random random = new Random(20261120L);
    for (int trial = 0; trial < TRIALS; trial++) {
      // The first trial holds the largest tie; the others draw tie sizes across the range.
      int tie = trial == 0 ? 10_000 : trial == 1 ? 1 : 1 + random.nextInt(trial < 6 ? 10_000 : 300);
      runTrial(random, tie, "trial " + trial + " (a tie of " + tie + ")");
    }
  }

  private void runTrial(Random random, int tie, String what) throws Exception {
    Listing source = new Listing();
    Map<String, Integer> expected = new HashMap<>();
    // Earlier records, then the tie, all of it at one instant, with ids in no particular order.
    for (int i = 0; i < random.nextInt(20); i++) {
      String id = "early-" + i;
      source.publish(id, T.minusSeconds(1 + random.nextInt(1_000)));
      expected.put(id, 1);
    }
    for (int i = 0; i < tie; i++) {
      String id = Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "-" + i;
      source.publish(id, T);
      expected.put(id, 1);
    }
    int pageSize = Math.max(1 + random.nextInt(1_000), tie / 250);
    Map<String, Integer> delivered = new HashMap<>();
    Optional<String> committed = Optional.empty();
    int later = 0;
    for (int fetches = 0; ; fetches++) {
      assertThat(fetches).as("%s: fetches", what).isLessThan(2_000);
      SourceResult page = fetch(source, committed, pageSize);
      if (random.nextInt(4) == 0) {
        // The run died before committing: the page is lost and fetched again from the old cursor.
        page = fetch(source, committed, pageSize);
      }
      page.signals().forEach(s -> delivered.merge(s.key().externalId(), 1, Integer::sum));
      page.nextCursor()
          .ifPresent(c -> assertThat(c).as("%s: cursor", what).hasSizeLessThan(LONGEST_CURSOR));
      committed = page.nextCursor().isPresent() ? page.nextCursor() : committed;
      if (random.nextInt(5) == 0 && later < 30) {
        // Published while the listing is read: after the tie, so after every cursor.
        String id = "late-" + later++;
        source.publish(id, T.plusSeconds(later));
        expected.put(id, 1);
      }
      if (!page.more() && delivered.keySet().containsAll(expected.keySet())) {
        break;
      }
      if (!page.more() && page.signals().isEmpty()) {
        break;
      }
    }
    assertThat(delivered).as("%s: each record once", what).isEqualTo(expected);
  }

  private SourceResult fetch(Listing source, Optional<String> cursor, int limit) throws Exception {
    return source.fetch(
        SourceRequest.builder().query(SourceQuery.all()).cursor(cursor).limit(limit).build(),
        context);
  }

  @Test
  void theLastCursorOfATieOfTenThousandIsAsShortAsTheFirst() throws Exception {
    Listing source = new Listing();
    for (int i = 0; i < 10_000; i++) {
      source.publish(String.format("id-%05d", i), T);
    }
    List<String> cursors = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    SourceResult page;
    do {
      page = fetch(source, cursor, 100);
      cursor = page.nextCursor();
      cursors.add(cursor.orElseThrow());
    } while (page.more());

    assertThat(cursors).hasSize(100);
    assertThat(cursors).allSatisfy(c -> assertThat(c).hasSizeLessThan(LONGEST_CURSOR));
  }
}
