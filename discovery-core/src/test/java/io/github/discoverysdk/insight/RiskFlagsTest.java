package io.github.discoverysdk.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.EventStatus;
import io.github.discoverysdk.model.SignalType;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RiskFlagsTest {
  private static final Set<RiskFlag> NONE = EnumSet.noneOf(RiskFlag.class);

  private static Arguments row(
      String name,
      SignalType type,
      String title,
      String text,
      EventStatus status,
      List<String> competitors,
      Set<RiskFlag> expected) {
    return Arguments.of(name, type, title, text, status, competitors, expected);
  }

  private static Arguments news(String title, Set<RiskFlag> expected) {
    return row(title, SignalType.NEWS, title, "", null, List.of(), expected);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        // Each flag raised by the signal that should raise it, and by no other.
        row(
            "leadership by type",
            SignalType.LEADERSHIP_CHANGE,
            "Acme welcomes Jane Doe",
            "",
            null,
            List.of(),
            EnumSet.of(RiskFlag.LEADERSHIP_CHANGE)),
        news(
            "Acme appoints Jane Doe as Chief Revenue Officer",
            EnumSet.of(RiskFlag.LEADERSHIP_CHANGE)),
        news("Acme CEO steps down after ten years", EnumSet.of(RiskFlag.LEADERSHIP_CHANGE)),
        news("Acme announces layoffs in its EMEA offices", EnumSet.of(RiskFlag.LAYOFFS)),
        news("300 workers laid off at Acme plant", EnumSet.of(RiskFlag.LAYOFFS)),
        news("Acme suffers a six-hour outage", EnumSet.of(RiskFlag.NEGATIVE_NEWS)),
        news("Customers file a class action against Acme", EnumSet.of(RiskFlag.NEGATIVE_NEWS)),
        news("Acme reports a net loss for Q3", EnumSet.of(RiskFlag.NEGATIVE_NEWS)),
        news("Acme issues a recall of its routers", EnumSet.of(RiskFlag.NEGATIVE_NEWS)),
        row(
            "funding by type",
            SignalType.FUNDING,
            "Acme Form D",
            "",
            null,
            List.of(),
            EnumSet.of(RiskFlag.FUNDING)),
        news("Acme raises $40M in a Series B", EnumSet.of(RiskFlag.FUNDING)),
        news("Acme raises 25 million from investors", EnumSet.of(RiskFlag.FUNDING)),
        row(
            "competitor matched",
            SignalType.PARTNERSHIP,
            "Acme partners with Adyen",
            "",
            null,
            List.of("Adyen"),
            EnumSet.of(RiskFlag.COMPETITOR_MOVE)),
        row(
            "event cancelled by status",
            SignalType.EVENT,
            "Acme Summit 2027",
            "",
            EventStatus.CANCELLED,
            List.of(),
            EnumSet.of(RiskFlag.CANCELLATION)),
        row(
            "event postponed by status",
            SignalType.EVENT,
            "Acme Summit 2027",
            "",
            EventStatus.POSTPONED,
            List.of(),
            EnumSet.of(RiskFlag.CANCELLATION)),
        news("Acme World Tour called off", EnumSet.of(RiskFlag.CANCELLATION)),
        row(
            "text in HTML",
            SignalType.NEWS,
            "Acme update",
            "<p>The company <b>announced layoffs</b> today.</p>",
            null,
            List.of(),
            EnumSet.of(RiskFlag.LAYOFFS)),
        // Near misses: nothing raised.
        news("Acme pledges a layoff-free 2027", NONE),
        news("Audit finds no breach at Acme", NONE),
        news("Acme says there will not be layoffs", NONE),
        news("Acme raises prices for enterprise plans", NONE),
        news("Acme CEO talks about the roadmap", NONE),
        news("Acme names its new product Falcon", NONE),
        news("Acme Summit confirmed for June", NONE),
        news("Recalling a decade of growth at Acme", NONE),
        news("Weight-lossless compression from Acme", NONE),
        row(
            "event completed",
            SignalType.EVENT,
            "Acme Summit 2027",
            "",
            EventStatus.COMPLETED,
            List.of(),
            NONE),
        row("blank competitor", SignalType.NEWS, "Acme wins award", "", null, List.of(" "), NONE),
        row(
            "the words of a tag",
            SignalType.NEWS,
            "Acme update",
            "<div class=\"outage layoffs\">Quarterly results</div>",
            null,
            List.of(),
            NONE),
        // Several flags at once.
        news(
            "Acme cuts jobs after outage; CFO resigns",
            EnumSet.of(RiskFlag.LAYOFFS, RiskFlag.NEGATIVE_NEWS, RiskFlag.LEADERSHIP_CHANGE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void raisesExactlyTheExpectedFlags(
      String name,
      SignalType type,
      String title,
      String text,
      EventStatus status,
      List<String> competitors,
      Set<RiskFlag> expected) {
    var explained = RiskFlags.explain(type, title, text, Optional.ofNullable(status), competitors);

    assertThat(explained.keySet()).as(name).isEqualTo(expected);
    assertThat(explained.values()).allSatisfy(reason -> assertThat(reason).isNotBlank());
    assertThat(RiskFlags.classify(type, title, text, Optional.ofNullable(status), competitors))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void bitsRoundTrip(
      String name,
      SignalType type,
      String title,
      String text,
      EventStatus status,
      List<String> competitors,
      Set<RiskFlag> expected) {
    assertThat(RiskFlags.fromBits(RiskFlags.bits(expected))).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void eachFlagIsRaisedByItsRowAlone() {
    // Every flag appears in at least one single-flag row of the table.
    Set<RiskFlag> covered = EnumSet.noneOf(RiskFlag.class);
    table()
        .map(a -> (Set<?>) a.get()[6])
        .filter(s -> s.size() == 1)
        .forEach(s -> covered.add((RiskFlag) s.iterator().next()));
    assertThat(covered).containsExactlyInAnyOrder(RiskFlag.values());
  }
}
