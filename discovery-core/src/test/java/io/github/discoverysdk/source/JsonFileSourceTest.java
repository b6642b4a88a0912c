package io.github.discoverysdk.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.discoverysdk.DiscoveryException;
import io.github.discoverysdk.SourceException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.QueryMode;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileSourceTest {
  private static final Instant NOW = Instant.parse("2026-03-10T15:30:00Z");
  private static final Instant ANCHOR = Instant.parse("2026-03-10T00:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  // ---- mapping

  @Test
  void mapsEveryFieldOfARecord() throws Exception {
    write(
        "events.json",
        """
        [{"id": "evt-saastr-2026", "type": "EVENT", "title": "SaaStr Annual 2026",
          "text": "Three days of revenue talks.", "url": "https://example.com/saastr",
          "publishedAt": "2026-02-28T10:15:00Z", "observedAt": "2026-03-01T08:00:00Z",
          "event": {"start": "2026-04-01T16:00:00Z", "end": "2026-04-03T01:00:00Z",
                    "location": "San Mateo, CA", "timeZone": "America/Los_Angeles",
                    "status": "postponed"},
          "organizations": [
            {"name": "Stripe", "role": "SPONSOR", "domain": "Stripe.COM"},
            {"name": "Gong", "role": "speaker_employer"},
            {"name": "Acme"}],
          "people": [
            {"name": "Jane Roe", "title": "VP Sales", "employer": "Stripe"},
            {"name": "Sam Poe"}],
          "industries": ["fintech", "sales technology"], "regions": ["North America"],
          "someFutureField": {"ignored": true}}]
        """);

    SourceResult result = fetch(source(), CLOCK, null);

    assertThat(result.rejected()).isEmpty();
    assertThat(result.signals()).hasSize(1);
    Signal s = result.signals().get(0);
    assertThat(s.key()).isEqualTo(SignalKey.of("files", "evt-saastr-2026"));
    assertThat(s.type()).isEqualTo(SignalType.EVENT);
    assertThat(s.title()).isEqualTo("SaaStr Annual 2026");
    assertThat(s.text()).isEqualTo("Three days of revenue talks.");
    assertThat(s.url()).contains(URI.create("https://example.com/saastr"));
    assertThat(s.publishedAt()).isEqualTo(Instant.parse("2026-02-28T10:15:00Z"));
    assertThat(s.observedAt()).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));

    EventDetails e = s.event().orElseThrow();
    assertThat(e.start()).isEqualTo(Instant.parse("2026-04-01T16:00:00Z"));
    assertThat(e.end()).contains(Instant.parse("2026-04-03T01:00:00Z"));
    assertThat(e.location()).contains("San Mateo, CA");
    assertThat(e.timeZone()).contains(ZoneId.of("America/Los_Angeles"));
    assertThat(e.status()).isEqualTo(EventStatus.POSTPONED);

    assertThat(s.organizations())
        .extracting(OrganizationMention::name, OrganizationMention::role, o -> o.domain())
        .containsExactly(
            tuple("Stripe", OrganizationRole.SPONSOR, Optional.of("stripe.com")),
            tuple("Gong", OrganizationRole.SPEAKER_EMPLOYER, Optional.empty()),
            tuple("Acme", OrganizationRole.MENTIONED, Optional.empty()));
    assertThat(s.people())
        .extracting(PersonMention::name, PersonMention::title, PersonMention::employer)
        .containsExactly(
            tuple("Jane Roe", Optional.of("VP Sales"), Optional.of("Stripe")),
            tuple("Sam Poe", Optional.empty(), Optional.empty()));
    assertThat(s.industries()).containsExactlyInAnyOrder("fintech", "sales technology");
    assertThat(s.regions()).containsExactly("North America");
  }

  @Test
  void optionalFieldsDefaultSensibly() throws Exception {
    write(
        "news.json",
        """
        [{"id": "n-1", "type": "news", "title": "Short item", "publishedAt": "now",
          "url": null, "event": null, "organizations": null}]
        """);

    Signal s = fetch(source(), CLOCK, null).signals().get(0);

    assertThat(s.text()).isEmpty();
    assertThat(s.url()).isEmpty();
    assertThat(s.event()).isEmpty();
    assertThat(s.organizations()).isEmpty();
    assertThat(s.people()).isEmpty();
    assertThat(s.industries()).isEmpty();
    assertThat(s.regions()).isEmpty();
    assertThat(s.observedAt()).as("observedAt defaults to the clock").isEqualTo(NOW);
  }

  @Test
  void acceptsAnObjectWithASignalsArray() throws Exception {
    write(
        "wrapped.json",
        """
        {"signals": [{"id": "w-1", "type": "JOB_POSTING", "title": "VP of Sales EMEA",
                      "publishedAt": "now-1d"}]}
        """);

    assertThat(fetch(source(), CLOCK, null).signals())
        .extracting(s -> s.key().externalId(), Signal::type)
        .containsExactly(tuple("w-1", SignalType.JOB_POSTING));
  }

  // ---- time

  @Test
  void relativeTimesResolveAgainstTheClocksDayAtMidnightUtc() throws Exception {
    write(
        "times.json",
        """
        [{"id": "t-now", "type": "NEWS", "title": "t", "publishedAt": "now"},
         {"id": "t-past", "type": "NEWS", "title": "t", "publishedAt": "now-3d"},
         {"id": "t-hours", "type": "NEWS", "title": "t", "publishedAt": "now-6h"},
         {"id": "t-iso", "type": "NEWS", "title": "t", "publishedAt": "2026-05-01T09:00:00+02:00"},
         {"id": "t-date", "type": "NEWS", "title": "t", "publishedAt": "2026-05-01"},
         {"id": "t-event", "type": "EVENT", "title": "t", "publishedAt": "now-10d",
          "observedAt": "now-1d",
          "event": {"start": "now+21dT09:00", "end": "now+23dT18:30"}},
         {"id": "t-today-at", "type": "NEWS", "title": "t", "publishedAt": "nowT14:30"}]
        """);

    Map<String, Signal> byId = byId(fetch(source(), CLOCK, null).signals());

    assertThat(byId.get("t-now").publishedAt()).isEqualTo(ANCHOR);
    assertThat(byId.get("t-past").publishedAt()).isEqualTo(Instant.parse("2026-03-07T00:00:00Z"));
    assertThat(byId.get("t-hours").publishedAt()).isEqualTo(Instant.parse("2026-03-09T18:00:00Z"));
    assertThat(byId.get("t-iso").publishedAt()).isEqualTo(Instant.parse("2026-05-01T07:00:00Z"));
    assertThat(byId.get("t-date").publishedAt()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
    Signal event = byId.get("t-event");
    assertThat(event.publishedAt()).isEqualTo(Instant.parse("2026-02-28T00:00:00Z"));
    assertThat(event.observedAt()).isEqualTo(Instant.parse("2026-03-09T00:00:00Z"));
    assertThat(event.event().orElseThrow().start())
        .isEqualTo(Instant.parse("2026-03-31T09:00:00Z"));
    assertThat(event.event().orElseThrow().end()).contains(Instant.parse("2026-04-02T18:30:00Z"));
    assertThat(byId.get("t-today-at").publishedAt())
        .isEqualTo(Instant.parse("2026-03-10T14:30:00Z"));
  }

  @Test
  void sameDayGivesTheSameContentHashAndTheNextDayAnother() throws Exception {
    write(
        "mixed.json",
        """
        [{"id": "relative", "type": "NEWS", "title": "t", "publishedAt": "now-3d"},
         {"id": "absolute", "type": "NEWS", "title": "t", "publishedAt": "2026-03-01T00:00:00Z"}]
        """);
    JsonFileSource source = source();

    Map<String, Signal> morning =
        byId(
            fetch(source, Clock.fixed(Instant.parse("2026-03-10T00:00:01Z"), ZoneOffset.UTC), null)
                .signals());
    Map<String, Signal> evening =
        byId(
            fetch(source, Clock.fixed(Instant.parse("2026-03-10T23:59:59Z"), ZoneOffset.UTC), null)
                .signals());
    Map<String, Signal> nextDay =
        byId(
            fetch(source, Clock.fixed(Instant.parse("2026-03-11T00:00:00Z"), ZoneOffset.UTC), null)
                .signals());

    assertThat(evening.get("relative").contentHash())
        .isEqualTo(morning.get("relative").contentHash());
    assertThat(evening.get("relative").observedAt())
        .isNotEqualTo(morning.get("relative").observedAt());
    assertThat(nextDay.get("relative").contentHash())
        .isNotEqualTo(morning.get("relative").contentHash());
    assertThat(nextDay.get("absolute").contentHash())
        .as("a record without relative times does not change with the day")
        .isEqualTo(morning.get("absolute").contentHash());
  }

  // ---- malformed input

  @Test
  void rejectsEachKindOfMalformedRecordNamingTheFieldAndKeepsTheGoodOnes() throws Exception {
    String longTitle = "x".repeat(1_001);
    write(
        "mixed.json",
        """
        [{"id": "good-1", "type": "NEWS", "title": "Good one", "publishedAt": "now-1d"},
         "just a string",
         {"type": "NEWS", "title": "no id", "publishedAt": "now"},
         {"id": "   ", "type": "NEWS", "title": "blank id", "publishedAt": "now"},
         {"id": "bad-type", "type": "WEBINARR", "title": "t", "publishedAt": "now"},
         {"id": "bad-time", "type": "NEWS", "title": "t", "publishedAt": "yesterday"},
         {"id": "bad-url", "type": "NEWS", "title": "t", "publishedAt": "now", "url": "ftp://x.org/a"},
         {"id": "relative-url", "type": "NEWS", "title": "t", "publishedAt": "now", "url": "/news/1"},
         {"id": "no-title", "type": "NEWS", "publishedAt": "now"},
         {"id": "title-number", "type": "NEWS", "title": 42, "publishedAt": "now"},
         {"id": "no-published", "type": "NEWS", "title": "t"},
         {"id": "long-title", "type": "NEWS", "title": "%s", "publishedAt": "now"},
         {"id": "end-before-start", "type": "EVENT", "title": "t", "publishedAt": "now",
          "event": {"start": "now+3d", "end": "now+1d"}},
         {"id": "bad-zone", "type": "EVENT", "title": "t", "publishedAt": "now",
          "event": {"start": "now+3d", "timeZone": "Mars/Olympus_Mons"}},
         {"id": "bad-status", "type": "EVENT", "title": "t", "publishedAt": "now",
          "event": {"start": "now+3d", "status": "MAYBE"}},
         {"id": "no-start", "type": "EVENT", "title": "t", "publishedAt": "now", "event": {}},
         {"id": "bad-role", "type": "NEWS", "title": "t", "publishedAt": "now",
          "organizations": [{"name": "Stripe", "role": "SPONSOR"}, {"name": "X", "role": "FAN"}]},
         {"id": "org-no-name", "type": "NEWS", "title": "t", "publishedAt": "now",
          "organizations": [{"role": "SUBJECT"}]},
         {"id": "person-blank", "type": "NEWS", "title": "t", "publishedAt": "now",
          "people": [{"name": " "}]},
         {"id": "blank-industry", "type": "NEWS", "title": "t", "publishedAt": "now",
          "industries": ["fintech", ""]},
         {"id": "regions-string", "type": "NEWS", "title": "t", "publishedAt": "now",
          "regions": "EMEA"},
         {"id": "hours-at-time", "type": "NEWS", "title": "t", "publishedAt": "now-6hT09:00"},
         {"id": "bad-time-of-day", "type": "NEWS", "title": "t", "publishedAt": "now+1dT25:00"},
         {"id": "good-2", "type": "FUNDING", "title": "Good two", "publishedAt": "now-2d"}]
        """
            .formatted(longTitle));

    SourceResult result = fetch(source(), CLOCK, null);

    assertThat(result.signals())
        .extracting(s -> s.key().externalId())
        .containsExactly("good-1", "good-2");
    Map<String, String> reasons =
        result.rejected().stream()
            .collect(
                Collectors.toMap(
                    RejectedRecord::recordId, RejectedRecord::reason, (a, b) -> a + " / " + b));
    assertThat(reasons).hasSize(22);
    assertThat(reasons.get("mixed.json#1")).isEqualTo("record must be a JSON object, was string");
    assertThat(reasons.get("mixed.json#2")).isEqualTo("id: missing");
    assertThat(reasons.get("mixed.json#3")).isEqualTo("id: must not be blank");
    assertThat(reasons.get("bad-type"))
        .startsWith("type: 'WEBINARR' is not one of EVENT, NEWS, JOB_POSTING");
    assertThat(reasons.get("bad-time"))
        .isEqualTo("publishedAt: 'yesterday' is not an ISO instant or a relative time like now-3d");
    assertThat(reasons.get("bad-url")).startsWith("url: 'ftp://x.org/a' is not an absolute http");
    assertThat(reasons.get("relative-url")).startsWith("url: '/news/1'");
    assertThat(reasons.get("no-title")).isEqualTo("title: missing");
    assertThat(reasons.get("title-number")).isEqualTo("title: expected a string, was number");
    assertThat(reasons.get("no-published")).isEqualTo("publishedAt: missing");
    assertThat(reasons.get("long-title")).contains("signal.title", "1000");
    assertThat(reasons.get("end-before-start")).contains("event.end");
    assertThat(reasons.get("bad-zone")).startsWith("event.timeZone: 'Mars/Olympus_Mons'");
    assertThat(reasons.get("bad-status")).startsWith("event.status: 'MAYBE' is not one of");
    assertThat(reasons.get("no-start")).isEqualTo("event.start: missing");
    assertThat(reasons.get("bad-role")).startsWith("organizations[1].role: 'FAN'");
    assertThat(reasons.get("org-no-name")).isEqualTo("organizations[0].name: missing");
    assertThat(reasons.get("person-blank")).isEqualTo("people[0].name: must not be blank");
    assertThat(reasons.get("blank-industry")).isEqualTo("industries[1]: must not be blank");
    assertThat(reasons.get("regions-string")).isEqualTo("regions: expected an array, was string");
    assertThat(reasons.get("hours-at-time")).startsWith("publishedAt: 'now-6hT09:00'");
    assertThat(reasons.get("bad-time-of-day")).startsWith("publishedAt: 'now+1dT25:00'");
  }

  @Test
  void reportsAFileThatIsNotJsonAndReadsTheOtherFiles() throws Exception {
    write("a-broken.json", "{\"signals\": [ {\"id\": \"x\", oops ]");
    write("b-empty.json", "");
    write("c-scalar.json", "42");
    write(
        "d-good.json",
        """
        [{"id": "ok", "type": "NEWS", "title": "Fine", "publishedAt": "now"}]
        """);

    SourceResult result = fetch(source(), CLOCK, null);

    assertThat(result.signals()).extracting(s -> s.key().externalId()).containsExactly("ok");
    assertThat(result.rejected())
        .extracting(RejectedRecord::recordId)
        .containsExactly("a-broken.json", "b-empty.json", "c-scalar.json");
    assertThat(result.rejected().get(0).reason()).startsWith("not valid JSON: ").contains("line 1");
    assertThat(result.rejected().get(1).reason()).endsWith("was an empty file");
    assertThat(result.rejected().get(2).reason()).endsWith("was number");
  }

  @Test
  void keepsTheLastRecordOfADuplicateId() throws Exception {
    write(
        "a.json",
        """
        [{"id": "dup", "type": "NEWS", "title": "first", "publishedAt": "now"},
         {"id": "other", "type": "NEWS", "title": "other", "publishedAt": "now"}]
        """);
    write(
        "b.json",
        """
        [{"id": "dup", "type": "NEWS", "title": "second", "publishedAt": "now"}]
        """);

    SourceResult result = fetch(source(), CLOCK, null);

    assertThat(result.rejected()).isEmpty();
    assertThat(result.signals())
        .extracting(s -> s.key().externalId(), Signal::title)
        .containsExactly(tuple("other", "other"), tuple("dup", "second"));
  }

  // ---- cursor

  @Test
  void aFetchWithTheReturnedCursorReturnsNothingUntilAFileChanges() throws Exception {
    write(
        "news.json",
        """
        [{"id": "n-1", "type": "NEWS", "title": "one", "publishedAt": "now"}]
        """);
    JsonFileSource source = source();

    SourceResult first = fetch(source, CLOCK, null);
    String cursor = first.nextCursor().orElseThrow();
    SourceResult second = fetch(source, CLOCK, cursor);

    assertThat(first.signals()).hasSize(1);
    assertThat(cursor).matches("[0-9a-f]{64}");
    assertThat(second.signals()).isEmpty();
    assertThat(second.rejected()).isEmpty();
    assertThat(second.nextCursor()).contains(cursor);

    write(
        "news.json",
        """
        [{"id": "n-1", "type": "NEWS", "title": "one, edited", "publishedAt": "now"}]
        """);
    SourceResult afterEdit = fetch(source, CLOCK, cursor);

    assertThat(afterEdit.signals()).extracting(Signal::title).containsExactly("one, edited");
    assertThat(afterEdit.nextCursor()).isPresent().get().isNotEqualTo(cursor);

    String edited = afterEdit.nextCursor().orElseThrow();
    write(
        "more.json",
        """
        [{"id": "n-2", "type": "NEWS", "title": "two", "publishedAt": "now"}]
        """);
    assertThat(fetch(source, CLOCK, edited).signals()).hasSize(2);
  }

  @Test
  void theCursorMovesWithTheAnchorDay() throws Exception {
    write(
        "news.json",
        """
        [{"id": "n-1", "type": "NEWS", "title": "one", "publishedAt": "now-1d"}]
        """);
    JsonFileSource source = source();
    String cursor = fetch(source, CLOCK, null).nextCursor().orElseThrow();

    Clock laterToday = Clock.fixed(Instant.parse("2026-03-10T23:00:00Z"), ZoneOffset.UTC);
    Clock tomorrow = Clock.fixed(Instant.parse("2026-03-11T01:00:00Z"), ZoneOffset.UTC);

    assertThat(fetch(source, laterToday, cursor).signals()).isEmpty();
    assertThat(fetch(source, tomorrow, cursor).signals()).hasSize(1);
  }

  @Test
  void pagesThroughMoreRecordsThanTheLimit() throws Exception {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 5; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"id\": \"n-")
          .append(i)
          .append("\", \"type\": \"NEWS\", \"title\": \"t\", \"publishedAt\": \"now\"}");
    }
    write("news.json", json.append(", 7]").toString());
    JsonFileSource source = source();

    List<String> ids = new ArrayList<>();
    List<RejectedRecord> rejected = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 3; page++) {
      SourceResult r = source.fetch(request(cursor, 2), context(CLOCK));
      r.signals().forEach(s -> ids.add(s.key().externalId()));
      rejected.addAll(r.rejected());
      cursor = r.nextCursor().orElseThrow();
    }

    assertThat(ids).containsExactly("n-0", "n-1", "n-2", "n-3", "n-4");
    assertThat(rejected).extracting(RejectedRecord::recordId).containsExactly("news.json#5");
    assertThat(cursor).matches("[0-9a-f]{64}");
    assertThat(source.fetch(request(cursor, 2), context(CLOCK)).signals()).isEmpty();
  }

  private void writeRecords(String name, int n, String titleOf3) throws IOException {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"id\": \"r-")
          .append(String.format("%02d", i))
          .append("\", \"type\": \"NEWS\", \"title\": \"")
          .append(i == 3 ? titleOf3 : "t")
          .append("\", \"publishedAt\": \"now\"}");
    }
    write(name, json.append("]").toString());
  }

  @Test
  void aPageStoppedAtTheLimitSaysMoreAndTheLastPageSaysNoMore() throws Exception {
    writeRecords("news.json", 15, "t");
    JsonFileSource source = source();

    List<String> ids = new ArrayList<>();
    List<Boolean> more = new ArrayList<>();
    String cursor = null;
    SourceResult r;
    do {
      r = source.fetch(request(cursor, 5), context(CLOCK));
      r.signals().forEach(s -> ids.add(s.key().externalId()));
      more.add(r.more());
      cursor = r.nextCursor().orElseThrow();
    } while (r.more() && more.size() < 10);

    assertThat(more).containsExactly(true, true, false);
    assertThat(ids).hasSize(15).doesNotHaveDuplicates();
  }

  @Test
  void exactlyTheLimitIsOnePageWithoutMoreAndOneMoreIsASecondPage() throws Exception {
    writeRecords("news.json", 5, "t");
    SourceResult exact = source().fetch(request(null, 5), context(CLOCK));

    assertThat(exact.signals()).hasSize(5);
    assertThat(exact.more()).isFalse();
    assertThat(exact.nextCursor()).get().asString().matches("[0-9a-f]{64}");

    writeRecords("news.json", 6, "t");
    SourceResult first = source().fetch(request(null, 5), context(CLOCK));
    SourceResult second = source().fetch(request(first.nextCursor().get(), 5), context(CLOCK));

    assertThat(first.more()).isTrue();
    assertThat(second.signals()).extracting(s -> s.key().externalId()).containsExactly("r-05");
    assertThat(second.more()).isFalse();
  }

  @Test
  void aFileEditedBetweenPagesIsReturnedAgainFromItsStartSoNothingIsSkipped() throws Exception {
    writeRecords("news.json", 10, "t");
    JsonFileSource source = source();
    SourceResult first = source.fetch(request(null, 5), context(CLOCK));
    assertThat(first.more()).isTrue();

    writeRecords("news.json", 10, "edited");
    Map<String, Signal> last = byId(first.signals());
    String cursor = first.nextCursor().orElseThrow();
    SourceResult r;
    int pages = 0;
    do {
      r = source.fetch(request(cursor, 5), context(CLOCK));
      r.signals().forEach(s -> last.put(s.key().externalId(), s));
      cursor = r.nextCursor().orElseThrow();
    } while (r.more() && ++pages < 10);

    assertThat(last).hasSize(10);
    assertThat(last.get("r-03").title()).isEqualTo("edited");
    assertThat(source.fetch(request(cursor, 5), context(CLOCK)).signals()).isEmpty();
  }

  // ---- factories and failures

  @Test
  void readsClasspathResources() throws Exception {
    JsonFileSource source =
        JsonFileSource.fromClasspath(
            "cp",
            getClass().getClassLoader(),
            "/io/github/discoverysdk/source/classpath-signals.json");

    SourceResult result = fetch(source, CLOCK, null);

    assertThat(result.rejected()).isEmpty();
    assertThat(result.signals())
        .extracting(s -> s.key(), Signal::type)
        .containsExactly(
            tuple(SignalKey.of("cp", "cp-1"), SignalType.NEWS),
            tuple(SignalKey.of("cp", "cp-2"), SignalType.FUNDING));
    assertThat(result.signals().get(0).organizations().get(0).domain()).contains("plaid.com");
  }

  @Test
  void aMissingClasspathResourceFailsTheFetchNamingIt() {
    JsonFileSource source =
        JsonFileSource.fromClasspath(
            "cp",
            getClass().getClassLoader(),
            "io/github/discoverysdk/source/classpath-signals.json",
            "signals/nope.json");

    assertThatThrownBy(() -> fetch(source, CLOCK, null))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("signals/nope.json")
        .satisfies(e -> assertThat(((SourceException) e).sourceId()).isEqualTo("cp"));
  }

  @Test
  void aMissingDirectoryFailsTheFetch() {
    Path missing = dir.resolve("does-not-exist");
    JsonFileSource source = JsonFileSource.fromDirectory("files", missing);

    assertThatThrownBy(() -> fetch(source, CLOCK, null))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist")
        .satisfies(
            e -> {
              assertThat(((SourceException) e).sourceId()).isEqualTo("files");
              assertThat(((DiscoveryException) e).reason())
                  .isEqualTo(DiscoveryException.Reason.SOURCE);
            });
  }

  @Test
  void readsOnlyJsonFilesDirectlyInTheDirectoryInNameOrder() throws Exception {
    write(
        "b.json",
        "[{\"id\": \"b\", \"type\": \"NEWS\", \"title\": \"t\", \"publishedAt\": \"now\"}]");
    write(
        "a.json",
        "[{\"id\": \"a\", \"type\": \"NEWS\", \"title\": \"t\", \"publishedAt\": \"now\"}]");
    write("notes.txt", "not json at all");
    Files.createDirectories(dir.resolve("nested"));
    Files.writeString(
        dir.resolve("nested/c.json"),
        "[{\"id\": \"c\", \"type\": \"NEWS\", \"title\": \"t\", \"publishedAt\": \"now\"}]");

    SourceResult result = fetch(source(), CLOCK, null);

    assertThat(result.rejected()).isEmpty();
    assertThat(result.signals()).extracting(s -> s.key().externalId()).containsExactly("a", "b");
  }

  @Test
  void anEmptyDirectoryHasNoSignals() throws Exception {
    SourceResult result = fetch(source(), CLOCK, null);

    assertThat(result.signals()).isEmpty();
    assertThat(result.rejected()).isEmpty();
    assertThat(result.nextCursor()).isPresent();
  }

  @Test
  void factoriesValidateTheirArguments() {
    assertThatThrownBy(() -> JsonFileSource.fromDirectory(" ", dir))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> JsonFileSource.fromClasspath("cp", getClass().getClassLoader()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("resourcePaths");
  }

  @Test
  void isAFreeRefreshableFeed() {
    SourceCapabilities caps = source().capabilities();

    assertThat(caps.queryMode()).isEqualTo(QueryMode.FEED);
    assertThat(caps.supportsRefresh()).isTrue();
    assertThat(caps.costPerCall()).isZero();
    assertThat(caps.signalTypes()).isEmpty();
    assertThat(source().id()).isEqualTo("files");
  }

  // ---- content

  @Test
  void hostileStringsSurviveTheRoundTrip() throws Exception {
    String html = "<script>alert('x')</script><b onmouseover=\"evil()\">&amp;</b>";
    String emoji = "Launch \uD83D\uDE80 by \uD83D\uDC69\uD83C\uDFFD\u200D\uD83D\uDCBB team";
    String rtl = "\u0645\u0631\u062D\u0628\u0627 \u05E9\u05DC\u05D5\u05DD \u202Eevil\u202C";
    // NUL is the one control character a signal refuses: see the next test.
    String control = "tab\tnew\nline \"quoted\" back\\slash \u0001 soh \u007f del";
    String huge = "lorem ipsum ".repeat(1_000).substring(0, 10_000);
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("id", "hostile-\uD83D\uDE80");
    record.put("type", "NEWS");
    record.put("title", html + " " + emoji);
    record.put("text", rtl + "\n" + control + "\n" + huge);
    record.put("publishedAt", "now");
    record.put(
        "organizations",
        List.of(Map.of("name", rtl, "role", "SUBJECT", "domain", "xn--mnchen-3ya.de")));
    record.put("people", List.of(Map.of("name", emoji, "title", html)));
    record.put("industries", List.of(emoji));
    record.put("regions", List.of(rtl));
    Files.write(dir.resolve("hostile.json"), new ObjectMapper().writeValueAsBytes(List.of(record)));

    SourceResult result = fetch(source(), CLOCK, null);

    assertThat(result.rejected()).isEmpty();
    Signal s = result.signals().get(0);
    assertThat(s.key().externalId()).isEqualTo("hostile-\uD83D\uDE80");
    assertThat(s.title()).isEqualTo(html + " " + emoji);
    assertThat(s.text()).isEqualTo(rtl + "\n" + control + "\n" + huge);
    assertThat(s.text()).hasSizeGreaterThan(10_000);
    assertThat(s.organizations().get(0).name()).isEqualTo(rtl);
    assertThat(s.people().get(0).name()).isEqualTo(emoji);
    assertThat(s.people().get(0).title()).contains(html);
    assertThat(s.industries()).containsExactly(emoji);
    assertThat(s.regions()).containsExactly(rtl);
  }

  @Test
  void aRecordWithTextNoStorageCanHoldIsRejectedAloneNamingTheField() throws Exception {
    // JSON escapes, legal in JSON and in a Java string, that no database stores as given.
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 5; i++) {
      String title = i == 1 ? "nul \\u0000 here" : "Title " + i;
      String text = i == 3 ? "lone \\uD800 surrogate" : "";
      json.append(i == 0 ? "" : ",")
          .append("{\"id\": \"r")
          .append(i)
          .append("\", \"type\": \"NEWS\", \"publishedAt\": \"now\", \"title\": \"")
          .append(title)
          .append("\", \"text\": \"")
          .append(text)
          .append("\"}");
    }
    Files.writeString(dir.resolve("poison.json"), json.append("]"), StandardCharsets.UTF_8);

    SourceResult result = fetch(source(), CLOCK, null);

    assertThat(result.signals())
        .extracting(x -> x.key().externalId())
        .containsExactly("r0", "r2", "r4");
    assertThat(result.rejected())
        .extracting(RejectedRecord::recordId, RejectedRecord::reason)
        .containsExactlyInAnyOrder(
            tuple(
                "r1", "signal.title must not contain the NUL character (U+0000), found at index 4"),
            tuple(
                "r3",
                "signal.text must not contain an unpaired UTF-16 surrogate, found U+D800 at index 5"));
  }

  // ---- refresh

  @Test
  void refreshReturnsTheCurrentRecordOrEmpty() throws Exception {
    write(
        "news.json",
        """
        [{"id": "n-1", "type": "NEWS", "title": "one", "publishedAt": "now"}]
        """);
    JsonFileSource source = source();

    assertThat(source.refresh(SignalKey.of("files", "n-1"), context(CLOCK)))
        .get()
        .extracting(Signal::title)
        .isEqualTo("one");
    write(
        "news.json",
        """
        [{"id": "n-1", "type": "NEWS", "title": "one, corrected", "publishedAt": "now"}]
        """);
    assertThat(source.refresh(SignalKey.of("files", "n-1"), context(CLOCK)))
        .get()
        .extracting(Signal::title)
        .isEqualTo("one, corrected");
    assertThat(source.refresh(SignalKey.of("files", "unknown"), context(CLOCK))).isEmpty();
    assertThat(source.refresh(SignalKey.of("other-source", "n-1"), context(CLOCK))).isEmpty();
  }

  // ---- threads

  @Test
  void concurrentFetchesSeeTheSameSignals() throws Exception {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 200; i++) {
      json.append(i == 0 ? "" : ",")
          .append("{\"id\": \"n-")
          .append(i)
          .append("\", \"type\": \"NEWS\", \"title\": \"t\", \"publishedAt\": \"now-")
          .append(i % 30)
          .append("d\"}");
    }
    write("news.json", json.append("]").toString());
    JsonFileSource source = source();
    List<String> expected = hashes(fetch(source, CLOCK, null));

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<List<String>>> tasks = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        tasks.add(() -> hashes(fetch(source, CLOCK, null)));
      }
      for (Future<List<String>> f : pool.invokeAll(tasks)) {
        assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- helpers

  private JsonFileSource source() {
    return JsonFileSource.fromDirectory("files", dir);
  }

  private void write(String name, String content) throws IOException {
    Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
  }

  private static SourceResult fetch(JsonFileSource source, Clock clock, String cursor) {
    return source.fetch(request(cursor, 500), context(clock));
  }

  private static SourceRequest request(String cursor, int limit) {
    return SourceRequest.builder()
        .query(SourceQuery.all())
        .cursor(Optional.ofNullable(cursor))
        .limit(limit)
        .build();
  }

  private static List<String> hashes(SourceResult result) {
    return result.signals().stream().map(Signal::contentHash).collect(Collectors.toList());
  }

  private static Map<String, Signal> byId(List<Signal> signals) {
    Map<String, Signal> out = new LinkedHashMap<>();
    signals.forEach(s -> out.put(s.key().externalId(), s));
    return out;
  }

  private static SourceContext context(Clock clock) {
    return SourceContext.of(clock, "acme", "run-1");
  }
}
