package io.github.discoverysdk.connectors.pii;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.connectors.TestSupport;
import io.github.discoverysdk.connectors.sinks.WebhookSink;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.PersonMention;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PII seeded in a signal's title, text, URL, event location and mentions, through a real engine
 * with the {@link PiiRedactor}: none of it reaches storage (in memory and H2), a log line (captured
 * at DEBUG), the outbox, a webhook request (WireMock's journal) or a pushed opportunity; the run
 * report counts each kind; named people are kept unless the host asks otherwise.
 */
class PiiIngestionTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

  /** Each seeded value, as it is written in the signal. */
  private static final List<String> SEEDED =
      List.of(
          "jane.doe@acme-corp.com",
          "billing@acme-corp.com",
          "415 555 2671",
          "7946 0958",
          "901820",
          "4111 1111 1111 1111",
          "378282246310005",
          "DE89 3704 0044 0532 0130 00",
          "GB82WEST12345698765432");

  private WireMockServer wm;

  @BeforeEach
  void start() {
    wm = TestSupport.startWireMock();
    wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  static Stream<Arguments> storages() {
    return Stream.of(
        Arguments.of("in memory", (Supplier<Storage>) InMemoryStorage::create),
        Arguments.of("H2", (Supplier<Storage>) JdbcStorage::h2InMemory));
  }

  private static Signal seeded() {
    return Signal.builder()
        .key(SignalKey.of("events", "e1"))
        .type(SignalType.EVENT)
        .title("Acme summit: RSVP jane.doe@acme-corp.com or +1 415 555 2671")
        .text(
            "Tickets paid by card 4111 1111 1111 1111 or 378282246310005; refunds to IBAN DE89"
                + " 3704 0044 0532 0130 00 or GB82WEST12345698765432. London desk +44 20 7946"
                + " 0958. Jane Doe speaks at 10:00 on 2026-12-06 (order 2026-00042).")
        .url(URI.create("https://events.example.com/acme?contact=billing@acme-corp.com"))
        .publishedAt(NOW.minusSeconds(3_600))
        .observedAt(NOW.minusSeconds(3_600))
        .event(
            EventDetails.builder()
                .start(NOW.plusSeconds(86_400 * 14))
                .location("Berlin, Hall 4, desk +49 30 901820")
                .build())
        .addOrganizations(
            OrganizationMention.of("Acme", OrganizationRole.SUBJECT),
            OrganizationMention.of("Acme billing@acme-corp.com", OrganizationRole.SPONSOR))
        .addPeople(
            PersonMention.builder()
                .name("Jane Doe")
                .title("CFO, jane.doe@acme-corp.com")
                .employer("Acme, +44 20 7946 0958")
                .build())
        .build();
  }

  private static void assertClean(String where, String text) {
    for (String s : SEEDED) {
      assertThat(text).as(where + " holds " + s).doesNotContain(s);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  void seededPiiReachesNoStorageLogOutboxOrSink(String name, Supplier<Storage> storages) {
    Storage storage = storages.get();
    List<String> pushed = new CopyOnWriteArrayList<>();
    OpportunitySink recording =
        new OpportunitySink() {
          @Override
          public String id() {
            return "recording";
          }

          @Override
          public void accept(Opportunity opportunity, Profile profile) {
            pushed.add(opportunity.toString());
          }
        };
    MutableClock clock = MutableClock.at(NOW);
    WebhookSink webhook =
        WebhookSink.builder()
            .http(TestSupport.toolkit(new TestSupport.FakeSleeper(clock)).build())
            .id("hook")
            .url(URI.create(TestSupport.base(wm) + "/hook"))
            .signingSecret(Secret.of("whsec-0123456789abcdef0123"))
            .build();
    ScriptedSource source = ScriptedSource.feed("events").publish(seeded());
    RunReport[] report = new RunReport[1];
    String logs;
    List<String> outbox;
    String feed;
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(source)
            .scorer(TestSupport.scorer())
            .clock(clock)
            .addAlertSink(webhook)
            .addOpportunitySink(recording)
            .addSignalProcessor(PiiRedactor.defaults())
            .build()) {
      Profile p = engine.profiles().save(Fixtures.profile("acme", "p", Company.of("Acme")));
      logs =
          TestSupport.captureLogs(
              () -> {
                report[0] = engine.discover(p.id());
                Opportunity o = engine.feed(FeedQuery.forProfile(p.id()).build()).items().get(0);
                engine.push(o.id(), "recording");
                engine.dispatch();
              });
      outbox = engine.outbox("acme", 100).stream().map(Object::toString).toList();
      feed = engine.feed(FeedQuery.forProfile(p.id()).build()).items().toString();
    }

    Signal stored = storage.signals().find("acme", SignalKey.of("events", "e1")).orElseThrow();
    assertClean("stored signal", stored.toString());
    assertClean("feed", feed);
    assertClean("logs", logs);
    assertClean("outbox", String.join("\n", outbox));
    assertClean("pushed", String.join("\n", pushed));
    List<LoggedRequest> requests =
        wm.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
    assertThat(requests).as("the webhook was called").isNotEmpty();
    for (LoggedRequest r : requests) {
      assertClean("webhook request", r.getUrl() + r.getHeaders() + r.getBodyAsString());
    }
    assertThat(pushed).isNotEmpty();
    assertThat(outbox).isNotEmpty();

    assertThat(stored.title()).isEqualTo("Acme summit: RSVP [EMAIL] or [PHONE]");
    assertThat(stored.text())
        .contains("card [CARD] or [CARD]", "IBAN [IBAN] or [IBAN]", "desk [PHONE].")
        .contains("Jane Doe speaks at 10:00 on 2026-12-06 (order 2026-00042).");
    assertThat(stored.event().orElseThrow().location()).contains("Berlin, Hall 4, desk [PHONE]");
    assertThat(stored.url().orElseThrow().toString()).endsWith("contact=%5BEMAIL%5D");
    assertThat(stored.people())
        .singleElement()
        .satisfies(
            person -> {
              assertThat(person.name()).isEqualTo("Jane Doe");
              assertThat(person.title()).contains("CFO, [EMAIL]");
              assertThat(person.employer()).contains("Acme, [PHONE]");
            });
    assertThat(report[0].redactions())
        .containsEntry("EMAIL", 4)
        .containsEntry("PHONE", 4)
        .containsEntry("CARD", 2)
        .containsEntry("IBAN", 2)
        .doesNotContainKey("PERSON");
    // Shown in the build output: a run with its redaction counts.
    System.out.println(report[0].summary());
    assertThat(report[0].summary()).contains("redacted: 2 CARD, 4 EMAIL, 2 IBAN, 4 PHONE");
    assertThat(storage.runs().list("acme", 1).get(0).redactions())
        .isEqualTo(report[0].redactions());
  }

  @Test
  void peopleAreRedactedWhenTheHostAsks() {
    Storage storage = InMemoryStorage.create();
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(ScriptedSource.feed("events").publish(seeded()))
            .scorer(TestSupport.scorer())
            .clock(MutableClock.at(NOW))
            .addSignalProcessor(PiiRedactor.builder().redactPeople(true).build())
            .build()) {
      RunReport report =
          engine.discover(
              engine.profiles().save(Fixtures.profile("acme", "p", Company.of("Acme"))).id());
      assertThat(report.redactions()).containsEntry("PERSON", 2);
    }
    Signal stored = storage.signals().find("acme", SignalKey.of("events", "e1")).orElseThrow();
    assertThat(stored.toString()).doesNotContain("Jane Doe");
    assertThat(stored.text()).contains("[PERSON] speaks at 10:00");
    assertThat(stored.people()).extracting(PersonMention::name).containsExactly("[PERSON]");
  }
}
