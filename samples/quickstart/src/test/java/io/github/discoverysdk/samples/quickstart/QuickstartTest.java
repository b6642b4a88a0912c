package io.github.discoverysdk.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.RunReport;
import io.github.discoverysdk.storage.InMemoryStorage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-21T09:30:00Z"), ZoneOffset.UTC);

  @Test
  void firstRunPrintsAScoredExplainedFeedAndTheSecondRunCreatesNothingNew() {
    InMemoryStorage storage = InMemoryStorage.create();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    List<RunReport> runs =
        Quickstart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), CLOCK, storage);
    String out = bytes.toString(StandardCharsets.UTF_8);

    RunReport first = runs.get(0);
    RunReport second = runs.get(1);
    assertThat(first.opportunitiesNew()).isGreaterThanOrEqualTo(10);
    assertThat(first.recordsRejected()).isEqualTo(2);
    assertThat(second.opportunitiesNew()).isZero();
    assertThat(second.opportunitiesUpdated()).isZero();
    assertThat(out)
        .contains("score  band   urgency  outreach")
        .contains("breakdown: impact ")
        .contains("0 new opportunities, 0 updated: no duplicates");
    assertThat(out.lines().filter(l -> l.contains(" breakdown: ")).count())
        .isEqualTo(first.opportunitiesNew());

    List<Opportunity> feed =
        storage
            .opportunities()
            .feed(FeedQuery.forTenant(Quickstart.TENANT).limit(500).build())
            .items();
    assertThat(feed).hasSize(first.opportunitiesNew());
    for (Opportunity o : feed) {
      double sum = o.score().factors().stream().mapToDouble(f -> f.contribution()).sum();
      assertThat(Math.abs(sum - o.score().total())).isLessThan(0.011);
    }
    // Every demo profile gets something to look at, and some of it is urgent.
    for (var p : Quickstart.demoProfiles()) {
      assertThat(storage.opportunities().feed(FeedQuery.forProfile(p.id()).build()).items())
          .as("feed of %s", p.name())
          .hasSizeGreaterThanOrEqualTo(5);
    }
    assertThat(feed).anyMatch(o -> o.temporal().daysUntilEvent().isPresent());
  }

  @Test
  void theEmbeddedDatabaseKeepsEverythingBetweenInvocations(@TempDir Path data) {
    List<RunReport> first;
    try (JdbcStorage storage = JdbcStorage.h2File(data)) {
      first = Quickstart.run(new PrintStream(new ByteArrayOutputStream()), CLOCK, storage);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<RunReport> again;
    try (JdbcStorage storage = JdbcStorage.h2File(data)) {
      again = Quickstart.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), CLOCK, storage);
    }

    assertThat(first.get(0).opportunitiesNew()).isGreaterThanOrEqualTo(10);
    // A new process: nothing changed at the source, so nothing is fetched or created again,
    // and the feed printed comes from the database.
    assertThat(again).allSatisfy(r -> assertThat(r.opportunitiesNew()).isZero());
    assertThat(again.get(0).signalsFetched()).isZero();
    assertThat(
            bytes.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(" breakdown: ")))
        .hasSize(first.get(0).opportunitiesNew());
  }

  @Test
  void strongOpportunitiesGoToASlackShapedWebhookAndAnIcsFile(@TempDir Path folder)
      throws Exception {
    com.github.tomakehurst.wiremock.WireMockServer slack =
        new com.github.tomakehurst.wiremock.WireMockServer(
            com.github.tomakehurst.wiremock.core.WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort());
    slack.start();
    try {
      slack.stubFor(
          com.github.tomakehurst.wiremock.client.WireMock.post("/services/T000/B000/demo")
              .willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok("ok")));
      Path ics = folder.resolve("outreach.ics");
      InMemoryStorage storage = InMemoryStorage.create();

      Quickstart.run(
          new PrintStream(new ByteArrayOutputStream()),
          CLOCK,
          storage,
          new Quickstart.Delivery(
              java.util.Optional.of(slack.baseUrl() + "/services/T000/B000/demo"),
              true,
              java.util.Optional.of(ics),
              io.github.discoverysdk.connectors.http.RateLimit.perSecond(10_000)));

      long strong =
          storage
              .opportunities()
              .feed(FeedQuery.forTenant(Quickstart.TENANT).limit(500).build())
              .items()
              .stream()
              .filter(o -> o.strength() == io.github.discoverysdk.model.SignalStrength.STRONG)
              .count();
      assertThat(strong).isPositive();
      // One message per STRONG opportunity, even though discovery ran twice.
      assertThat(
              slack
                  .countRequestsMatching(
                      com.github.tomakehurst.wiremock.matching.RequestPatternBuilder.allRequests()
                          .build())
                  .getCount())
          .isEqualTo(strong);
      String calendar = java.nio.file.Files.readString(ics);
      assertThat(calendar).startsWith("BEGIN:VCALENDAR");
      assertThat(calendar.split("BEGIN:VEVENT", -1)).hasSize((int) strong + 1);
    } finally {
      slack.stop();
    }
  }
}
