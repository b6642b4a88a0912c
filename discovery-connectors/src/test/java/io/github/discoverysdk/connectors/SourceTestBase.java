package io.github.discoverysdk.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.SignalSourceContract;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A source's contract suite on a WireMock server shared by the class, plus helpers and the tail
 * cases of paging (exactly the limit, one more, ties across a page boundary, an edit between pages)
 * for every source that implements {@link #stubListing}.
 */
abstract class SourceTestBase extends SignalSourceContract {
  static WireMockServer wm;
  final MutableClock clock = MutableClock.at(NOW);
  final TestSupport.FakeSleeper sleeper = new TestSupport.FakeSleeper(clock);
  final HttpToolkit http = TestSupport.toolkit(sleeper).build();

  /** The change times of listings start here, one minute apart, all in the past of {@link #NOW}. */
  static final Instant T0 = NOW.minus(Duration.ofDays(3));

  @BeforeAll
  static void startServer() throws Exception {
    wm = TestSupport.startWireMock();
    // A cold server's first answer can outlast the toolkit's short read timeout on a loaded
    // machine; one request without that timeout warms it, so no test pays for the start.
    java.net.HttpURLConnection warm =
        (java.net.HttpURLConnection)
            URI.create(TestSupport.base(wm) + "/__warm-up").toURL().openConnection();
    warm.setReadTimeout(30_000);
    warm.getResponseCode();
    warm.disconnect();
  }

  @AfterAll
  static void stopServer() {
    wm.stop();
  }

  URI base() {
    return TestSupport.base(wm);
  }

  SourceResult fetchAll(SourceQuery query) throws Exception {
    return source.fetch(SourceRequest.builder().query(query).build(), context());
  }

  /** One record of a listing: the source's id for it, its change time and its title. */
  record Rec(String id, Instant changedAt, String title) {
    Rec edited(boolean movesChangeTime) {
      return new Rec(
          id,
          movesChangeTime ? changedAt.plus(Duration.ofHours(1)) : changedAt,
          title + " (edited)");
    }
  }

  /**
   * Stubs the source's backend so that {@link #listingQuery()} lists exactly {@code records}, in
   * the real API's shape; a later call replaces the listing. The default skips the tail tests.
   */
  void stubListing(List<Rec> records) {
    Assumptions.abort(getClass().getSimpleName() + " stubs no listing");
  }

  /** The query that reads {@link #stubListing}'s records. */
  SourceQuery listingQuery() {
    return SourceQuery.all();
  }

  /** Whether an edit gives a record a later change time, as a board's {@code updated_at} does. */
  boolean editMovesChangeTime() {
    return true;
  }

  /** The external id of a listed record's signal; by default the record's id. */
  String externalId(Rec r) {
    return r.id();
  }

  /** {@code n} records one minute apart (the same time with {@code tied}), ids in order. */
  static List<Rec> recs(int n, boolean tied) {
    return IntStream.range(0, n)
        .mapToObj(
            i ->
                new Rec(
                    String.valueOf(1000 + i),
                    tied ? T0 : T0.plus(Duration.ofMinutes(i)),
                    "Record " + (1000 + i)))
        .toList();
  }

  @Override
  protected SourceQuery prepareBacklog(int records) throws Exception {
    stubListing(recs(records, false));
    return listingQuery();
  }

  /** A fetch of {@link #listingQuery()} with {@code limit} from {@code cursor}. */
  SourceResult page(Optional<String> cursor, int limit) throws Exception {
    return source.fetch(
        SourceRequest.builder().query(listingQuery()).cursor(cursor).limit(limit).build(),
        context());
  }

  /** Every page from {@code cursor} until one says no more (at most 20). */
  List<SourceResult> pages(Optional<String> cursor, int limit) throws Exception {
    List<SourceResult> pages = new ArrayList<>();
    SourceResult p;
    do {
      p = page(cursor, limit);
      pages.add(p);
      cursor = p.nextCursor().isPresent() ? p.nextCursor() : cursor;
      assertThat(pages).as("pages").hasSizeLessThan(20);
    } while (p.more());
    return pages;
  }

  static List<String> ids(SourceResult r) {
    return r.signals().stream().map(s -> s.key().externalId()).toList();
  }

  @Test
  void exactlyTheLimitComesInOnePageThatSaysNoMore() throws Exception {
    List<Rec> recs = recs(5, false);
    stubListing(recs);

    SourceResult only = page(Optional.empty(), 5);

    assertThat(ids(only))
        .containsExactlyInAnyOrderElementsOf(recs.stream().map(this::externalId).toList());
    assertThat(only.more()).isFalse();
    assertThat(page(only.nextCursor(), 5).signals()).isEmpty();
  }

  @Test
  void oneMoreThanTheLimitComesOnASecondPage() throws Exception {
    List<Rec> recs = recs(6, false);
    stubListing(recs);

    SourceResult first = page(Optional.empty(), 5);
    SourceResult second = page(first.nextCursor(), 5);

    assertThat(first.signals()).hasSize(5);
    assertThat(first.more()).isTrue();
    assertThat(second.signals()).hasSize(1);
    assertThat(second.more()).isFalse();
    List<String> all = new ArrayList<>(ids(first));
    all.addAll(ids(second));
    assertThat(all)
        .containsExactlyInAnyOrderElementsOf(recs.stream().map(this::externalId).toList());
  }

  @Test
  void recordsSharingOneChangeTimeAcrossAPageBoundaryComeOnceEach() throws Exception {
    List<Rec> recs = recs(12, true);
    stubListing(recs);

    List<String> all = new ArrayList<>();
    for (SourceResult p : pages(Optional.empty(), 5)) {
      all.addAll(ids(p));
    }

    assertThat(all)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(recs.stream().map(this::externalId).toList());
  }

  /**
   * {@code n} records sharing one change time, read {@code limit} at a time: each comes once, and
   * every cursor stays far below the watermark's 4,000 characters (a cursor listing every id at the
   * tie overflowed it).
   */
  void assertATieComesOnceEachUnderShortCursors(int n, int limit) throws Exception {
    List<Rec> recs = recs(n, true);
    stubListing(recs);

    List<String> all = new ArrayList<>();
    for (SourceResult p : pages(Optional.empty(), limit)) {
      all.addAll(ids(p));
      assertThat(p.nextCursor()).hasValueSatisfying(c -> assertThat(c).hasSizeLessThan(200));
    }

    assertThat(all)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(recs.stream().map(this::externalId).toList());
  }

  @Test
  void aRecordEditedBetweenPagesIsDeliveredInItsEditedForm() throws Exception {
    List<Rec> recs = new ArrayList<>(recs(10, false));
    stubListing(recs);
    SourceResult first = page(Optional.empty(), 5);
    assertThat(first.more()).isTrue();
    Map<String, Signal> last = new HashMap<>();
    first.signals().forEach(s -> last.put(s.key().externalId(), s));
    // One record already delivered and one not yet delivered change; the cache must not hide it.
    Rec delivered =
        recs.stream().filter(r -> last.containsKey(externalId(r))).findFirst().orElseThrow();
    Rec pending =
        recs.stream().filter(r -> !last.containsKey(externalId(r))).findFirst().orElseThrow();
    recs.set(recs.indexOf(delivered), delivered.edited(editMovesChangeTime()));
    recs.set(recs.indexOf(pending), pending.edited(editMovesChangeTime()));
    stubListing(recs);
    clock.advance(Duration.ofHours(2));

    for (SourceResult p : pages(first.nextCursor(), 5)) {
      p.signals().forEach(s -> last.put(s.key().externalId(), s));
    }

    assertThat(last.keySet())
        .containsExactlyInAnyOrderElementsOf(recs.stream().map(this::externalId).toList());
    assertThat(shown(last.get(externalId(pending)))).contains("(edited)");
    if (editMovesChangeTime()) {
      assertThat(shown(last.get(externalId(delivered)))).contains("(edited)");
    }
  }

  private static String shown(Signal s) {
    return s.title() + "\n" + s.text();
  }
}
