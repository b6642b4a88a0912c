package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.discoverysdk.SourceException;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.EnrichmentContext;
import io.github.discoverysdk.spi.EnrichmentResult;
import io.github.discoverysdk.spi.EnrichmentSubject;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import io.github.discoverysdk.testkit.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Test plan SEC-17, connector parser fuzzing: every parser of the connectors gets many malformed
 * payloads, served by WireMock with status 200 through the real fetch path ({@link HttpToolkit},
 * {@code Json}, {@code Feeds}, ical4j), and must either return a {@link SourceResult} of valid
 * signals whose rejected records carry a meaningful reason, or throw a typed {@link
 * SourceException} with a message. Any other exception or error (NullPointerException,
 * ClassCastException, NumberFormatException, DateTimeException, StackOverflowError,
 * OutOfMemoryError…), a reject reason that is null, blank, {@code "null"} or a raw JDK message, a
 * case slower than 5 seconds, and any request for an external entity or DTD is a finding.
 *
 * <p>Covered: the job boards (Greenhouse, Lever, Ashby), GDELT, confs.tech, Sessionize, SEC EDGAR
 * (ticker list and submissions separately), an RSS newsroom, Google News, an iCalendar feed, and
 * the Apollo (people, organisations) and Serper enrichers. Each mutates its recorded payload under
 * {@code src/test/resources/payloads}: JSON trees get nodes replaced by null, numbers (negative,
 * huge, past the parser's number limit), booleans, strings (dates out of range, bad URLs, entity
 * soup), empty containers, a 100 KB string, a 5,000-deep array or control characters and NUL, or
 * lose a field, or get an array element duplicated; XML gets elements removed, duplicated or
 * renamed, entity and CDATA garbage, a DOCTYPE with external entities, XInclude and foreign roots;
 * iCalendar gets lines removed, duplicated, renamed and re-folded, and hostile dates, time zones
 * and components; all formats also get truncation and byte damage (invalid UTF-8, NUL, random
 * bytes). See {@link PayloadMutators}.
 *
 * <p>Seeds: case {@code i} of the target named {@code name} uses {@code new Random(seed)} with
 * {@code seed = mix(base ^ name.hashCode()) + i}, {@code base} being {@code 0x5EC17} unless {@code
 * -Ddiscovery.fuzz.seed} says otherwise. The seed alone determines the payload, and every finding
 * names it; {@code -Ddiscovery.fuzz.replay=<seed>} runs that one case for each target. The number
 * of cases per target is {@value #DEFAULT_CASES}, which keeps the whole class under 20 seconds on a
 * loaded two-core machine (8 to 15 seconds measured at load averages of 3 to 9); a nightly run
 * raises it with {@code -Ddiscovery.fuzz.cases=10000} (about two minutes).
 *
 * <p>Every case is fetched fresh: the fake clock moves two days ahead of every response cache
 * before each case, enrichers are built anew per case, and the test checks that WireMock served the
 * mutated payload. Retries use a fake sleeper, so nothing waits on the wall clock.
 */
class ParserFuzzTest {
  static final int DEFAULT_CASES = 150;

  /** Cases per target. */
  static final int CASES = Integer.getInteger("discovery.fuzz.cases", DEFAULT_CASES);

  static final long BASE_SEED = Long.getLong("discovery.fuzz.seed", 0x5EC17L);
  static final Long REPLAY = Long.getLong("discovery.fuzz.replay");
  static final Duration SLOW = Duration.ofSeconds(5);
  static final String CONFS = "/tech-conferences/conference-data/main/conferences/2026/";
  static final String SEC_TICKERS = "/files/company_tickers.json";
  static final String SEC_ACME = "/submissions/CIK0001234567.json";
  static final String APOLLO_PEOPLE = "/api/v1/people/bulk_match";
  static final String APOLLO_ORGS = "/api/v1/organizations/bulk_enrich";
  static final List<String> CANARIES = List.of("/xxe", "/evil.dtd");
  static final Map<String, String> PAYLOADS = new ConcurrentHashMap<>();

  /**
   * What a meaningful reason never looks like: a Java class name, a helpful-NullPointerException
   * text, or the bare message of an IndexOutOfBounds-, NumberFormat-, DateTimeParse- or
   * ClassCastException.
   */
  static final List<Pattern> RAW_JDK_MESSAGES =
      Stream.of(
              "\\b(?:java|javax|jdk|sun|com\\.fasterxml|com\\.rometools|net\\.fortuna)\\.[a-z]",
              "\\b[A-Z]\\w*(?:Exception|Error)\\b",
              "^Cannot (?:invoke|read|load|store|assign|throw|enter|exit)\\b",
              "because \"[^\"]*\" is null",
              "out of bounds for length",
              "^For input string",
              "could not be parsed",
              "cannot be cast to",
              "^Index -?\\d+")
          .map(Pattern::compile)
          .toList();

  static final ObjectMapper MAPPER = new ObjectMapper();

  static WireMockServer wm;

  MutableClock clock;
  TestSupport.FakeSleeper sleeper;
  HttpToolkit http;

  @BeforeAll
  static void start() {
    wm = TestSupport.startWireMock();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void setUp() {
    clock = MutableClock.at(Instant.parse("2026-09-01T09:00:00Z"));
    sleeper = new TestSupport.FakeSleeper(clock);
    http = TestSupport.toolkit(sleeper).build();
  }

  @AfterEach
  void tearDown() {
    http.close();
  }

  URI base() {
    return TestSupport.base(wm);
  }

  // ---------------------------------------------------------------------------------------------
  // targets

  enum Format {
    JSON("application/json; charset=utf-8"),
    XML("application/rss+xml; charset=utf-8"),
    ICS("text/calendar; charset=utf-8");

    final String contentType;

    Format(String contentType) {
      this.contentType = contentType;
    }
  }

  /** One call of the parser under test, checked; throws what the parser throws. */
  @FunctionalInterface
  interface Harness {
    Outcome run() throws Exception;
  }

  /**
   * What a call returned: whether it produced anything (signals or attributes), and the problem
   * with what it returned, or null.
   */
  record Outcome(int produced, String problem) {}

  /**
   * A parser under fuzz: its recorded payload and format, the path that serves it, the fixed
   * payloads of other paths it needs, and how to call it.
   */
  record Target(
      String name,
      String payload,
      Format format,
      String path,
      Map<String, String> fixtures,
      Function<ParserFuzzTest, Harness> harness) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Target source(
      String name,
      String payload,
      Format format,
      String path,
      Map<String, String> fixtures,
      Function<ParserFuzzTest, SignalSource> source,
      SourceQuery query) {
    return new Target(
        name,
        payload,
        format,
        path,
        fixtures,
        env -> {
          SignalSource s = source.apply(env);
          return () -> env.fetch(s, query);
        });
  }

  static Stream<Target> targets() {
    return Stream.of(
        source(
            "greenhouse",
            "greenhouse-jobs.json",
            Format.JSON,
            "/v1/boards/vaulttec/jobs",
            Map.of(),
            env ->
                GreenhouseJobs.builder()
                    .board("vaulttec")
                    .http(env.http)
                    .baseUrl(env.base())
                    .build(),
            SourceQuery.all()),
        source(
            "lever",
            "lever-postings.json",
            Format.JSON,
            "/v0/postings/leverdemo",
            Map.of(),
            env ->
                LeverJobs.builder()
                    .site("leverdemo")
                    .companyName("Lever Demo Inc.")
                    .http(env.http)
                    .baseUrl(env.base())
                    .build(),
            SourceQuery.all()),
        source(
            "ashby",
            "ashby-board.json",
            Format.JSON,
            "/posting-api/job-board/acme",
            Map.of(),
            env ->
                AshbyJobs.builder()
                    .board("acme")
                    .companyName("Acme")
                    .http(env.http)
                    .baseUrl(env.base())
                    .build(),
            SourceQuery.all()),
        source(
            "gdelt",
            "gdelt-artlist.json",
            Format.JSON,
            "/api/v2/doc/doc",
            Map.of(),
            env -> GdeltNews.builder().http(env.http).baseUrl(env.base()).build(),
            SourceQuery.company("Acme Corp")),
        source(
            "confs-tech",
            "confs-tech-general.json",
            Format.JSON,
            CONFS + "general.json",
            Map.of(),
            env ->
                ConfsTechEvents.builder()
                    .year(2026)
                    .addTopics("general")
                    .http(env.http)
                    .baseUrl(env.base())
                    .build(),
            SourceQuery.all()),
        source(
            "sessionize",
            "sessionize-speakers.json",
            Format.JSON,
            "/api/v2/jl4ktls0/view/Speakers",
            Map.of(),
            env ->
                SessionizeSpeakers.builder()
                    .endpointId("jl4ktls0")
                    .eventName("KubeCon + CloudNativeCon North America 2026")
                    .dates(LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 13))
                    .timeZone(ZoneId.of("America/New_York"))
                    .location("Atlanta, GA")
                    .eventUrl(URI.create("https://events.test/kubecon-na-2026"))
                    .http(env.http)
                    .baseUrl(env.base())
                    .build(),
            SourceQuery.all()),
        source(
            "sec-edgar tickers",
            "sec-company-tickers.json",
            Format.JSON,
            SEC_TICKERS,
            Map.of(SEC_ACME, "sec-submissions-acme.json"),
            ParserFuzzTest::secEdgar,
            SourceQuery.company("Acme")),
        source(
            "sec-edgar submissions",
            "sec-submissions-acme.json",
            Format.JSON,
            SEC_ACME,
            Map.of(SEC_TICKERS, "sec-company-tickers.json"),
            ParserFuzzTest::secEdgar,
            SourceQuery.company("Acme")),
        source(
            "rss",
            "newsroom.rss",
            Format.XML,
            "/feed.xml",
            Map.of(),
            env ->
                RssNews.builder()
                    .id("acme-newsroom")
                    .url(URI.create(env.base() + "/feed.xml"))
                    .publisher("Acme Corp")
                    .http(env.http)
                    .build(),
            SourceQuery.all()),
        source(
            "google-news",
            "google-news.rss",
            Format.XML,
            "/rss/search",
            Map.of(),
            env -> GoogleNews.builder().http(env.http).baseUrl(env.base()).build(),
            SourceQuery.company("Acme")),
        source(
            "icalendar",
            "meetup.ics",
            Format.ICS,
            "/events.ics",
            Map.of(),
            env ->
                ICalendarEvents.builder()
                    .id("meetup.platform-eng-nyc")
                    .url(URI.create(env.base() + "/events.ics"))
                    .http(env.http)
                    .build(),
            SourceQuery.all()),
        new Target(
            "apollo people",
            "apollo-people-bulk-match.json",
            Format.JSON,
            APOLLO_PEOPLE,
            Map.of(),
            env ->
                () ->
                    env.enrich(
                        ApolloEnricher.builder().http(env.http).baseUrl(env.base()).build(),
                        List.of(
                            person("p-jane", "Jane Doe", "acme.com"),
                            person("p-ghost", "Nobody Known", "acme.com")))),
        new Target(
            "apollo organisations",
            "apollo-organizations-bulk-enrich.json",
            Format.JSON,
            APOLLO_ORGS,
            Map.of(),
            env ->
                () ->
                    env.enrich(
                        ApolloEnricher.builder().http(env.http).baseUrl(env.base()).build(),
                        List.of(
                            company("c-acme", "Acme", "https://www.acme.com/"),
                            company("c-initech", "Initech", "initech.test")))),
        new Target(
            "serper",
            "serper-search-acme.json",
            Format.JSON,
            "/search",
            Map.of(),
            env ->
                () ->
                    env.enrich(
                        SerperEnricher.builder()
                            .http(env.http)
                            .baseUrl(env.base())
                            .executor(Runnable::run)
                            .build(),
                        List.of(company("c-acme", "Acme", "acme.com")))));
  }

  static SignalSource secEdgar(ParserFuzzTest env) {
    return SecEdgar.builder()
        .userAgent("Discovery SDK tests ops@discovery.test")
        .http(env.http)
        .baseUrl(env.base())
        .build();
  }

  static EnrichmentSubject person(String id, String name, String domain) {
    return EnrichmentSubject.builder()
        .id(id)
        .kind(EnrichmentSubject.Kind.PERSON)
        .name(name)
        .domain(domain)
        .build();
  }

  static EnrichmentSubject company(String id, String name, String domain) {
    return EnrichmentSubject.builder()
        .id(id)
        .kind(EnrichmentSubject.Kind.COMPANY)
        .name(name)
        .domain(domain)
        .build();
  }

  // ---------------------------------------------------------------------------------------------
  // the fuzz loop

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void malformedPayloadsAreMappedOrRejectedTypedNeverCrash(Target t) throws Exception {
    Harness harness = t.harness().apply(this);
    String original = payload(t.payload());

    serve(t, original.getBytes(StandardCharsets.UTF_8));
    Outcome baseline = harness.run();
    assertThat(baseline.problem()).as("%s: the recorded payload itself", t).isNull();
    assertThat(baseline.produced())
        .as("%s: the recorded payload must produce something, else the harness fuzzes nothing", t)
        .isPositive();

    Map<String, String> findings = new LinkedHashMap<>();
    int[] outcomes = new int[2]; // returned, typed exception
    for (long seed : seeds(t)) {
      byte[] body = mutate(t, original, seed);
      String problem = runCase(t, harness, body, outcomes);
      if (problem != null) {
        findings.putIfAbsent(signature(problem), finding(t, seed, original, body, problem));
      }
    }
    assertThat(findings.values())
        .as(
            "%s: %d cases, %d returned a result, %d threw a typed exception; distinct findings",
            t, CASES, outcomes[0], outcomes[1])
        .isEmpty();
    if (REPLAY == null && CASES >= 50) {
      assertThat(outcomes[0])
          .as("%s: some mutated payloads must still parse, else the mapping is never fuzzed", t)
          .isPositive();
    }
  }

  static long[] seeds(Target t) {
    if (REPLAY != null) {
      return new long[] {REPLAY};
    }
    long first = mix(BASE_SEED ^ t.name().hashCode());
    return LongStream.range(0, CASES).map(i -> first + i).toArray();
  }

  /** SplitMix64's finaliser: spreads the targets' seeds apart. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  byte[] mutate(Target t, String original, long seed) {
    Random r = new Random(seed);
    try {
      return switch (t.format()) {
        case JSON -> PayloadMutators.json(original, r);
        case XML -> PayloadMutators.xml(original, r, base().toString());
        case ICS -> PayloadMutators.ics(original, r);
      };
    } catch (RuntimeException e) {
      throw new AssertionError(t + " seed " + seed + ": the mutator itself failed", e);
    }
  }

  /** Runs one case; the problem found, or null. */
  String runCase(Target t, Harness harness, byte[] body, int[] outcomes) {
    serve(t, body);
    long start = System.nanoTime();
    String problem;
    try {
      Outcome o = harness.run();
      outcomes[0]++;
      problem = o.problem();
    } catch (SourceException e) {
      outcomes[1]++;
      problem =
          e.getMessage() == null || e.getMessage().isBlank()
              ? "typed " + e.getClass().getSimpleName() + " without a message"
              : null;
    } catch (Throwable e) { // an Error escaping a parser is exactly what this test looks for
      problem = "untyped " + describe(e);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    List<String> urls = wm.getAllServeEvents().stream().map(ParserFuzzTest::path).toList();
    List<String> leaked = urls.stream().filter(CANARIES::contains).toList();
    if (!leaked.isEmpty()) {
      return "fetched an external entity or DTD "
          + leaked
          + (problem == null ? "" : "; " + problem);
    }
    if (problem == null && !urls.contains(t.path())) {
      return "the mutated payload was never requested (a cached answer?): " + urls;
    }
    if (problem == null && millis > SLOW.toMillis()) {
      return "took " + millis + " ms";
    }
    return problem;
  }

  /** Serves {@code body} at the target's path (status 200), its fixtures and the canaries. */
  void serve(Target t, byte[] body) {
    clock.advance(Duration.ofDays(2)); // past every response cache's TTL
    wm.resetAll();
    wm.stubFor(
        any(urlPathEqualTo(t.path()))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", t.format().contentType)
                    .withBody(body)));
    t.fixtures()
        .forEach(
            (path, name) ->
                wm.stubFor(any(urlPathEqualTo(path)).willReturn(okJson(payload(name)))));
    for (String canary : CANARIES) {
      wm.stubFor(
          any(urlPathEqualTo(canary))
              .willReturn(aResponse().withStatus(200).withBody("<!ENTITY leak \"LEAKED\">")));
    }
  }

  Outcome fetch(SignalSource source, SourceQuery query) throws Exception {
    return check(source, source.fetch(request(query), SourceContext.of(clock, "acme", "fuzz")));
  }

  static SourceRequest request(SourceQuery query) {
    return SourceRequest.builder().query(query).build();
  }

  /** What is wrong with a source's result: an invalid signal, or a meaningless reject reason. */
  static Outcome check(SignalSource source, SourceResult r) {
    for (Signal s : r.signals()) {
      try {
        Signal.builder().from(s).build(); // the builder's validation, once more
      } catch (RuntimeException e) {
        return new Outcome(r.signals().size(), "returned an invalid signal: " + describe(e));
      }
      if (!s.key().sourceId().equals(source.id())) {
        return new Outcome(r.signals().size(), "returned a signal of another source: " + s.key());
      }
      s.contentHash();
    }
    for (RejectedRecord x : r.rejected()) {
      String bad = badReason(x.reason());
      if (bad != null) {
        return new Outcome(
            r.signals().size(), "rejected record '" + x.recordId() + "' with " + bad);
      }
    }
    return new Outcome(r.signals().size(), null);
  }

  Outcome enrich(Enricher enricher, List<EnrichmentSubject> subjects) throws Exception {
    CredentialStore keys =
        CredentialStore.of(Map.of("acme/" + enricher.id(), Secret.of("fuzz-key-0000")));
    EnrichmentResult r =
        enricher.enrich(subjects, new EnrichmentContext(clock, "acme", "fuzz", keys));
    for (Map.Entry<String, Map<String, String>> e : r.attributes().entrySet()) {
      for (Map.Entry<String, String> a : e.getValue().entrySet()) {
        if (a.getKey() == null
            || a.getKey().isBlank()
            || a.getValue() == null
            || a.getValue().isBlank()) {
          return new Outcome(
              r.attributes().size(), "a blank attribute of " + e.getKey() + ": " + a);
        }
      }
    }
    for (String reason : r.skipped()) {
      String bad = badReason(reason);
      if (bad != null) {
        return new Outcome(r.attributes().size(), "skipped with " + bad);
      }
    }
    return new Outcome(r.attributes().size(), null);
  }

  // ---------------------------------------------------------------------------------------------
  // regressions: what this fuzzer found, fixed, kept as explicit payloads

  /** The result of {@code source} for {@code body} served as target {@code target}'s payload. */
  SourceResult served(String target, SignalSource source, SourceQuery query, String body)
      throws Exception {
    Target t = targets().filter(x -> x.name().equals(target)).findFirst().orElseThrow();
    serve(t, body.getBytes(StandardCharsets.UTF_8));
    SourceResult r = source.fetch(request(query), SourceContext.of(clock, "acme", "fuzz"));
    assertThat(check(source, r).problem()).isNull();
    return r;
  }

  /**
   * ical4j parses a date property only when it is read, so an unparsable DTSTART or DTEND threw a
   * DateTimeParseException inside the mapping: the event was rejected with "Text 'AAAA' could not
   * be parsed at index 0", naming neither the property nor the source's field.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "DTSTART;TZID=America/New_York:20261015T180000\nDTEND;TZID=America/New_York:AAAA",
        "DTSTART;TZID=America/New_York:AAAA"
      })
  void anUnparsableEventDateRejectsTheEventNamingTheProperty(String dates) throws Exception {
    String ics =
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Fuzz//EN\nBEGIN:VEVENT\nUID:e1@fuzz.test\n"
            + "DTSTAMP:20260901T120000Z\n"
            + dates
            + "\nSUMMARY:Meetup\nEND:VEVENT\nEND:VCALENDAR\n";
    ICalendarEvents source =
        ICalendarEvents.builder()
            .id("meetup.fuzz")
            .url(URI.create(base() + "/events.ics"))
            .http(http)
            .build();

    SourceResult r = served("icalendar", source, SourceQuery.all(), ics);

    assertThat(r.signals()).isEmpty();
    assertThat(r.rejected())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.recordId()).isEqualTo("e1@fuzz.test");
              assertThat(x.reason()).matches("DT(START|END) is not a date-time");
            });
  }

  /**
   * A filing without {@code acceptanceDateTime} falls back to {@code filingDate}, which was parsed
   * unguarded: a malformed one rejected the filing with "Text 'true' could not be parsed at index
   * 0".
   */
  @Test
  void aMalformedFilingDateRejectsTheFilingNamingTheField() throws Exception {
    String submissions =
        "{\"name\":\"Acme Corp\",\"filings\":{\"recent\":{"
            + "\"accessionNumber\":[\"0001234567-26-000999\"],"
            + "\"form\":[\"D\"],\"filingDate\":[true]}}}";

    SourceResult r =
        served("sec-edgar submissions", secEdgar(this), SourceQuery.company("Acme"), submissions);

    assertThat(r.signals()).isEmpty();
    assertThat(r.rejected())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.recordId()).isEqualTo("0001234567-26-000999");
              assertThat(x.reason())
                  .isEqualTo("field 'filingDate' is not a date like 2026-06-02: true");
            });
  }

  /** What is wrong with a reject reason, or null when it is meaningful. */
  static String badReason(String reason) {
    if (reason == null) {
      return "a null reason";
    }
    if (reason.isBlank()) {
      return "a blank reason";
    }
    if (reason.strip().equals("null")) {
      return "the reason \"null\" (a bare NullPointerException)";
    }
    for (Pattern p : RAW_JDK_MESSAGES) {
      if (p.matcher(reason).find()) {
        return "a raw JDK message as reason: \"" + shorten(reason) + "\"";
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // reporting

  static String describe(Throwable e) {
    String frames =
        Arrays.stream(e.getStackTrace())
            .limit(4)
            .map(StackTraceElement::toString)
            .collect(Collectors.joining(" < "));
    return e.getClass().getName()
        + ": "
        + shorten(String.valueOf(e.getMessage()))
        + " at "
        + frames;
  }

  /** One finding per kind of problem: digits and quoted values do not make a new one. */
  static String signature(String problem) {
    return problem
        .replaceAll("'[^']*'|\"[^\"]*\"", "_")
        .replaceAll("\\d+", "N")
        .replaceAll(" at .*", "");
  }

  static String finding(Target t, long seed, String original, byte[] body, String problem) {
    return t
        + " seed "
        + seed
        + " (-Ddiscovery.fuzz.replay="
        + seed
        + "): "
        + problem
        + "\n  payload: "
        + excerpt(original, new String(body, StandardCharsets.UTF_8));
  }

  /**
   * Where {@code mutated} differs from the recorded payload (as recorded or as Jackson writes it),
   * with some context, shortened.
   */
  static String excerpt(String original, String mutated) {
    String from = original;
    try {
      String compact = MAPPER.writeValueAsString(MAPPER.readTree(original));
      if (changed(compact, mutated) < changed(original, mutated)) {
        from = compact;
      }
    } catch (IOException e) {
      // not JSON: compare with the payload as recorded
    }
    int prefix = commonPrefix(from, mutated);
    int suffix = Math.min(commonSuffix(from, mutated), mutated.length() - prefix);
    int start = Math.max(0, prefix - 60);
    int end = Math.min(mutated.length(), mutated.length() - suffix + 60);
    return mutated.length()
        + " chars, changed at "
        + prefix
        + ".."
        + (mutated.length() - suffix)
        + ": "
        + (start > 0 ? "…" : "")
        + shorten(mutated.substring(start, end))
        + (end < mutated.length() ? "…" : "");
  }

  private static int changed(String from, String to) {
    int prefix = commonPrefix(from, to);
    return to.length() - prefix - Math.min(commonSuffix(from, to), to.length() - prefix);
  }

  private static int commonPrefix(String a, String b) {
    int i = 0;
    while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }

  private static int commonSuffix(String a, String b) {
    int i = 0;
    while (i < a.length()
        && i < b.length()
        && a.charAt(a.length() - 1 - i) == b.charAt(b.length() - 1 - i)) {
      i++;
    }
    return i;
  }

  /** Runs of one character compressed, control characters escaped, cut to about 500 chars. */
  static String shorten(String s) {
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int j = i;
      while (j < s.length() && s.charAt(j) == c) {
        j++;
      }
      String one =
          c == '\n'
              ? "\\n"
              : c == '\r'
                  ? "\\r"
                  : c < 0x20
                          || c == 0x7f
                          || Character.isSurrogate(c)
                          || c == '\ufffd'
                          || c == '\ufeff'
                      ? String.format("\\u%04x", (int) c)
                      : String.valueOf(c);
      if (j - i > 8) {
        b.append(one).append("{×").append(j - i).append('}');
      } else {
        b.append(one.repeat(j - i));
      }
      i = j;
    }
    String out = b.toString();
    return out.length() <= 500
        ? out
        : out.substring(0, 300) + " … " + out.substring(out.length() - 200);
  }

  static String path(ServeEvent e) {
    String url = e.getRequest().getUrl();
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q);
  }

  static String payload(String name) {
    return PAYLOADS.computeIfAbsent(name, TestSupport::payload);
  }
}
