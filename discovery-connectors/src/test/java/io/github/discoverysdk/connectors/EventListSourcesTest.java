package io.github.discoverysdk.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EventListSourcesTest {
  static final String CONFS = "/tech-conferences/conference-data/main/conferences/2026/";

  @Nested
  class ConfsTech extends SourceTestBase {
    /** One topic's list in the data set's shape; the other topic is empty. */
    @Override
    void stubListing(java.util.List<Rec> records) {
      StringBuilder list = new StringBuilder();
      for (Rec r : records) {
        String day = r.changedAt().toString().substring(0, 10);
        list.append(list.length() == 0 ? "" : ",")
            .append("{\"name\":\"")
            .append(r.title())
            .append("\",\"url\":\"")
            .append(externalId(r))
            .append("\",\"startDate\":\"")
            .append(day)
            .append("\",\"endDate\":\"")
            .append(day)
            .append("\",\"city\":\"London\",\"country\":\"U.K.\",\"online\":false,")
            .append("\"locales\":\"EN\"}");
      }
      wm.stubFor(
          get(urlPathEqualTo(CONFS + "leadership.json")).willReturn(okJson("[" + list + "]")));
      wm.stubFor(get(urlPathEqualTo(CONFS + "general.json")).willReturn(okJson("[]")));
    }

    @Override
    String externalId(Rec r) {
      return "https://conf.test/" + r.id();
    }

    /** A conference's only date is its start: an edit of its name does not move it. */
    @Override
    boolean editMovesChangeTime() {
      return false;
    }

    @Test
    void sevenHundredConferencesWithTheDefaultLimitAllComeInTwoPages() throws Exception {
      stubListing(recs(700, false));

      SourceResult first = page(java.util.Optional.empty(), 500);
      SourceResult second = page(first.nextCursor(), 500);
      SourceResult again = page(second.nextCursor(), 500);

      assertThat(first.signals()).hasSize(500);
      assertThat(first.more()).isTrue();
      assertThat(second.signals()).hasSize(200);
      assertThat(second.more()).isFalse();
      java.util.Set<String> all = new java.util.HashSet<>(ids(first));
      all.addAll(ids(second));
      assertThat(all).hasSize(700);
      assertThat(again.signals()).isEmpty();
    }

    @Override
    protected SignalSource createSource() {
      return ConfsTechEvents.builder()
          .year(2026)
          .addTopics("leadership", "general")
          .http(http)
          .baseUrl(base())
          .build();
    }

    @Override
    protected void prepare(SignalSource source) {
      wm.resetAll();
      wm.stubFor(
          get(urlPathEqualTo(CONFS + "leadership.json"))
              .willReturn(okJson(TestSupport.payload("confs-tech-leadership.json"))));
      wm.stubFor(
          get(urlPathEqualTo(CONFS + "general.json"))
              .willReturn(okJson(TestSupport.payload("confs-tech-general.json"))));
    }

    private Map<String, Signal> byKey(SourceResult r) {
      return r.signals().stream()
          .collect(Collectors.toMap(s -> s.key().externalId(), Function.identity()));
    }

    @Test
    void mapsConferencesFieldByFieldAndRejectsOneWithoutDates() throws Exception {
      SourceResult r = fetchAll(SourceQuery.all());
      Map<String, Signal> all = byKey(r);

      Signal ldx = all.get("https://leaddev.com/leaddev-london");
      assertThat(ldx.key())
          .isEqualTo(SignalKey.of("confs-tech.2026", "https://leaddev.com/leaddev-london"));
      assertThat(ldx.type()).isEqualTo(SignalType.EVENT);
      assertThat(ldx.title()).isEqualTo("LDX3 London");
      assertThat(ldx.url()).contains(URI.create("https://leaddev.com/leaddev-london"));
      assertThat(ldx.event())
          .hasValueSatisfying(
              e -> {
                assertThat(e.start()).isEqualTo(Instant.parse("2026-06-02T00:00:00Z"));
                assertThat(e.end()).contains(Instant.parse("2026-06-04T00:00:00Z"));
                assertThat(e.location()).contains("London, U.K.");
                assertThat(e.timeZone()).isEmpty();
                assertThat(e.status()).isEqualTo(EventStatus.SCHEDULED);
              });
      assertThat(ldx.regions()).containsExactly("U.K.");
      assertThat(ldx.publishedAt()).isEqualTo(Instant.parse("2026-06-02T00:00:00Z"));
      assertThat(ldx.observedAt()).isEqualTo(NOW);
      assertThat(ldx.text())
          .isEqualTo(
              "London, U.K. · 2026-06-02 to 2026-06-03 · topic leadership\n"
                  + "Languages: EN\n"
                  + "Call for papers until 2026-01-04"
                  + " (https://leaddev.com/leaddev-call-proposals)");
      assertThat(ldx.organizations()).isEmpty();
      assertThat(ldx.people()).isEmpty();

      Signal online = all.get("https://impact.inside-agile.de");
      assertThat(online.title()).isEqualTo("inside agile: Organizing for Impact");
      assertThat(online.event().orElseThrow().location()).contains("Online");
      assertThat(online.event().orElseThrow().end())
          .contains(Instant.parse("2026-03-18T00:00:00Z"));
      assertThat(online.regions()).isEmpty();
      assertThat(online.text()).isEqualTo("Online · 2026-03-17 · topic leadership\nLanguages: DE");

      Signal zurich = all.get("https://tech-leads.test/zuerich");
      assertThat(zurich.title()).isEqualTo("Führung & Technik – Tech Leads Zürich");
      assertThat(zurich.event().orElseThrow().location()).contains("Zürich, Switzerland");
      assertThat(zurich.regions()).containsExactly("Switzerland");
      assertThat(zurich.text())
          .startsWith("Zürich, Switzerland · also online · 2026-09-24 to 2026-09-25");

      assertThat(r.rejected())
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.recordId()).isEqualTo("leadership/https://nodates.test");
                assertThat(x.reason()).contains("startDate");
              });
    }

    @Test
    void aConferenceUnderTwoTopicsComesOnceAndTwoAtOneUrlAreKeptApartByDate() throws Exception {
      SourceResult r = fetchAll(SourceQuery.all());

      assertThat(r.signals())
          .extracting(s -> s.key().externalId())
          .containsExactly(
              "https://impact.inside-agile.de",
              "https://leaddev.com/leaddev-london",
              "https://tech-leads.test/zuerich",
              "https://devfest.test#2026-10-08",
              "https://devfest.test#2026-11-12");
      assertThat(byKey(r).get("https://devfest.test#2026-11-12").title())
          .isEqualTo("DevFest Lille");
    }

    @Test
    void anUnchangedListReturnsNothingAndAChangedOneReturnsAgain() throws Exception {
      SourceResult first = fetchAll(SourceQuery.all());
      SourceRequest again =
          SourceRequest.builder().query(SourceQuery.all()).cursor(first.nextCursor()).build();

      SourceResult unchanged = source.fetch(again, context());
      clock.advance(Duration.ofHours(2)); // past the response cache
      SourceResult refetched = source.fetch(again, context());
      wm.stubFor(
          get(urlPathEqualTo(CONFS + "general.json"))
              .willReturn(
                  okJson(
                      TestSupport.payload("confs-tech-general.json")
                          .replace("\"DevFest Lille\"", "\"DevFest Lille 2026\""))));
      clock.advance(Duration.ofHours(2));
      SourceResult changed = source.fetch(again, context());

      assertThat(unchanged.signals()).isEmpty();
      assertThat(unchanged.nextCursor()).isEqualTo(first.nextCursor());
      assertThat(refetched.signals()).isEmpty();
      assertThat(changed.signals()).hasSize(5);
      assertThat(changed.nextCursor()).isPresent().isNotEqualTo(first.nextCursor());
    }
  }

  @Nested
  class Sessionize extends SourceTestBase {
    /**
     * One event is one signal, whatever the number of speakers: a query of this source never holds
     * more than one record, so it never has a second page.
     */
    @Override
    protected SourceQuery prepareBacklog(int records) {
      return org.junit.jupiter.api.Assumptions.abort(
          "Sessionize makes one EVENT signal per endpoint: never more than one page");
    }

    static final String PATH = "/api/v2/jl4ktls0/view/Speakers";

    @Override
    protected SignalSource createSource() {
      return SessionizeSpeakers.builder()
          .endpointId("jl4ktls0")
          .eventName("KubeCon + CloudNativeCon North America 2026")
          .dates(LocalDate.of(2026, 11, 10), LocalDate.of(2026, 11, 13))
          .timeZone(ZoneId.of("America/New_York"))
          .location("Atlanta, GA")
          .eventUrl(URI.create("https://events.test/kubecon-na-2026"))
          .http(http)
          .baseUrl(base())
          .build();
    }

    @Override
    protected void prepare(SignalSource source) {
      wm.resetAll();
      wm.stubFor(
          get(urlPathEqualTo(PATH))
              .willReturn(okJson(TestSupport.payload("sessionize-speakers.json"))));
    }

    private static PersonMention person(String name, String title, String employer) {
      PersonMention.Builder b = PersonMention.builder().name(name).title(title);
      if (employer != null) {
        b.employer(employer);
      }
      return b.build();
    }

    @Test
    void mapsTheEventWithSpeakersTitlesAndEmployersFieldByField() throws Exception {
      SourceResult r = fetchAll(SourceQuery.all());

      Signal s = r.signals().get(0);
      assertThat(r.signals()).hasSize(1);
      assertThat(s.key()).isEqualTo(SignalKey.of("sessionize.jl4ktls0", "jl4ktls0"));
      assertThat(s.type()).isEqualTo(SignalType.EVENT);
      assertThat(s.title()).isEqualTo("KubeCon + CloudNativeCon North America 2026");
      assertThat(s.url()).contains(URI.create("https://events.test/kubecon-na-2026"));
      assertThat(s.event())
          .hasValueSatisfying(
              e -> {
                assertThat(e.start()).isEqualTo(Instant.parse("2026-11-10T05:00:00Z"));
                assertThat(e.end()).contains(Instant.parse("2026-11-14T05:00:00Z"));
                assertThat(e.timeZone()).contains(ZoneId.of("America/New_York"));
                assertThat(e.location()).contains("Atlanta, GA");
              });
      assertThat(s.publishedAt()).isEqualTo(Instant.parse("2026-11-10T05:00:00Z"));
      assertThat(s.people())
          .containsExactly(
              person("Amélie Laurent", "Director, Product Marketing", null),
              person("Jane Doe", "VP Sales", "Stripe"),
              person("Jürgen Müller", "CTO", "Acme"),
              person("Sam O'Brien", "Staff Engineer", "stripe"));
      assertThat(s.organizations())
          .containsExactly(
              OrganizationMention.of("Acme", OrganizationRole.SPEAKER_EMPLOYER),
              OrganizationMention.of("Stripe", OrganizationRole.SPEAKER_EMPLOYER));
      assertThat(s.text())
          .isEqualTo(
              "4 speakers\n"
                  + "Amélie Laurent — Director, Product Marketing\n"
                  + "Jane Doe — VP Sales at Stripe: “Selling Platform Engineering & Why It Works”\n"
                  + "Jürgen Müller — CTO at Acme: “Platform teams at scale”\n"
                  + "Sam O'Brien — Staff Engineer at stripe: “Zero-downtime migrations”");
      assertThat(r.rejected())
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.recordId()).isEqualTo("9b1c2d3e-0001-4000-8000-000000000005");
                assertThat(x.reason()).contains("fullName");
              });
    }

    /** Without configured dates the event runs from the first session's start to the last's end. */
    @Test
    void withoutConfiguredDatesTheEventIsDatedByItsSchedule() throws Exception {
      wm.stubFor(
          get(urlPathEqualTo("/api/v2/jl4ktls0/view/Sessions"))
              .willReturn(okJson(TestSupport.payload("sessionize-sessions.json"))));
      SignalSource undated = undated();

      SourceResult r =
          undated.fetch(SourceRequest.builder().query(SourceQuery.all()).build(), context());

      assertThat(r.signals())
          .singleElement()
          .satisfies(
              s ->
                  assertThat(s.event())
                      .hasValueSatisfying(
                          e -> {
                            // local times of America/New_York (EST, UTC-5, in November)
                            assertThat(e.start()).isEqualTo(Instant.parse("2026-11-10T14:00:00Z"));
                            assertThat(e.end()).contains(Instant.parse("2026-11-13T21:35:00Z"));
                          }));
    }

    @Test
    void aScheduleWithoutTimesRejectsTheEventInsteadOfGuessing() throws Exception {
      wm.stubFor(
          get(urlPathEqualTo("/api/v2/jl4ktls0/view/Sessions"))
              .willReturn(
                  okJson(
                      "[{\"groupId\":null,\"groupName\":\"All\",\"sessions\":[{\"id\":\"1\","
                          + "\"title\":\"x\",\"startsAt\":null,\"endsAt\":null},"
                          + "{\"id\":\"2\",\"title\":\"y\",\"startsAt\":\"next Tuesday\"}]}]")));

      SourceResult r =
          undated().fetch(SourceRequest.builder().query(SourceQuery.all()).build(), context());

      assertThat(r.signals()).isEmpty();
      assertThat(r.rejected())
          .extracting(x -> x.recordId() + ": " + x.reason())
          .anySatisfy(x -> assertThat(x).startsWith("jl4ktls0: the schedule has no session times"))
          .anySatisfy(x -> assertThat(x).startsWith("session 2: field 'startsAt' is not a local"));
    }

    private SignalSource undated() {
      return SessionizeSpeakers.builder()
          .endpointId("jl4ktls0")
          .eventName("KubeCon + CloudNativeCon North America 2026")
          .timeZone(ZoneId.of("America/New_York"))
          .http(http)
          .baseUrl(base())
          .build();
    }

    @Test
    void theCursorReturnsTheEventAgainOnlyWhenTheSpeakersChange() throws Exception {
      SourceResult first = fetchAll(SourceQuery.all());
      SourceRequest again =
          SourceRequest.builder().query(SourceQuery.all()).cursor(first.nextCursor()).build();
      clock.advance(Duration.ofHours(1));
      SourceResult unchanged = source.fetch(again, context());

      wm.stubFor(
          get(urlPathEqualTo(PATH))
              .willReturn(
                  okJson(
                      TestSupport.payload("sessionize-speakers.json")
                          .replaceFirst(
                              "\\[",
                              "[ {\"id\": \"new\", \"fullName\": \"Li Wei\", \"tagLine\":"
                                  + " \"Head of Platform – Globex GmbH\"},"))));
      clock.advance(Duration.ofHours(1));
      SourceResult changed = source.fetch(again, context());

      assertThat(unchanged.signals()).isEmpty();
      assertThat(changed.signals())
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.people())
                    .hasSize(5)
                    .contains(person("Li Wei", "Head of Platform", "Globex GmbH"));
                assertThat(s.organizations())
                    .contains(
                        OrganizationMention.of("Globex GmbH", OrganizationRole.SPEAKER_EMPLOYER));
              });
    }
  }
}
