package io.github.discoverysdk.samples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.source.JsonFileSource;
import io.github.discoverysdk.spi.RejectedRecord;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Guards the bundled offline signals the quickstart runs on. */
class SampleDataTest {
  private static final Instant NOW = Instant.parse("2026-11-21T09:30:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String[] FILES = {
    "signals/events.json",
    "signals/news.json",
    "signals/jobs.json",
    "signals/funding.json",
    "signals/filings.json"
  };

  private final SourceResult result = load();

  @Test
  void everyRecordLoadsExceptTheTwoDeliberatelyMalformedOnes() {
    assertThat(result.signals()).hasSizeGreaterThanOrEqualTo(48);
    assertThat(result.rejected())
        .extracting(RejectedRecord::recordId)
        .containsExactlyInAnyOrder("bad-type-demo", "bad-date-demo");
    assertThat(result.rejected())
        .extracting(RejectedRecord::reason)
        .anySatisfy(r -> assertThat(r).startsWith("type: 'WEBINARR'"))
        .anySatisfy(r -> assertThat(r).startsWith("publishedAt: 'next tuesday'"));
  }

  @Test
  void coversEveryMainSignalType() {
    assertThat(result.signals().stream().map(Signal::type).collect(Collectors.toSet()))
        .contains(
            SignalType.EVENT,
            SignalType.NEWS,
            SignalType.JOB_POSTING,
            SignalType.FUNDING,
            SignalType.FILING,
            SignalType.LEADERSHIP_CHANGE);
  }

  @Test
  void everyEventHasDetailsAndTheirTimingIsSpreadOut() {
    List<Signal> events =
        result.signals().stream().filter(s -> s.type() == SignalType.EVENT).toList();

    assertThat(events).allSatisfy(e -> assertThat(e.event()).isPresent());
    List<EventDetails> details = events.stream().map(e -> e.event().orElseThrow()).toList();
    assertThat(details).anyMatch(d -> d.status() == EventStatus.CANCELLED);
    assertThat(details).anyMatch(d -> d.start().isBefore(NOW));
    assertThat(details).anyMatch(d -> within(d.start(), 0, 7));
    assertThat(details).anyMatch(d -> within(d.start(), 14, 28));
    assertThat(details).anyMatch(d -> within(d.start(), 30, 120));
  }

  @Test
  void nothingIsPublishedInTheFuture() {
    assertThat(result.signals())
        .allSatisfy(s -> assertThat(s.publishedAt()).isBeforeOrEqualTo(NOW));
  }

  @Test
  void eachDemoProfileHasPlentyToFind() {
    assertThat(mentioning("stripe", "adyen", "checkout.com", "klarna", "revolut", "worldline"))
        .isGreaterThanOrEqualTo(12);
    assertThat(mentioning("snowflake", "databricks", "datadog", "confluent", "mongodb", "teradata"))
        .isGreaterThanOrEqualTo(12);
    assertThat(mentioning("gong", "outreach", "salesloft", "hubspot", "clari", "salesforce"))
        .isGreaterThanOrEqualTo(12);
  }

  private long mentioning(String... names) {
    Set<String> wanted = Set.of(names);
    return result.signals().stream()
        .filter(
            s ->
                s.organizations().stream()
                    .map(OrganizationMention::name)
                    .anyMatch(n -> wanted.contains(n.toLowerCase(Locale.ROOT))))
        .count();
  }

  private static boolean within(Instant t, int fromDays, int toDays) {
    return !t.isBefore(NOW.plus(Duration.ofDays(fromDays)))
        && !t.isAfter(NOW.plus(Duration.ofDays(toDays)));
  }

  private static SourceResult load() {
    JsonFileSource source =
        JsonFileSource.fromClasspath("demo-signals", SampleDataTest.class.getClassLoader(), FILES);
    return source.fetch(
        SourceRequest.builder().query(SourceQuery.all()).build(),
        new SourceContext() {
          @Override
          public Clock clock() {
            return CLOCK;
          }

          @Override
          public String tenant() {
            return "demo";
          }

          @Override
          public String runId() {
            return "sample-data-test";
          }
        });
  }
}
