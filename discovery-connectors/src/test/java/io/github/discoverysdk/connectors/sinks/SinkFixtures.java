package io.github.discoverysdk.connectors.sinks;

import io.github.discoverysdk.model.ActionWindow;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OpportunityId;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Score;
import io.github.discoverysdk.model.ScoreFactor;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalStrength;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.model.TemporalAssessment;
import io.github.discoverysdk.model.Urgency;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertKind;
import io.github.discoverysdk.testkit.Fixtures;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;

/** Opportunities and alerts in the shape the engine produces them. */
final class SinkFixtures {
  static final Instant NOW = Instant.parse("2026-09-08T10:00:00Z");
  static final Instant EVENT_START = Instant.parse("2026-11-12T16:00:00Z");
  static final LocalDate OUTREACH = LocalDate.parse("2026-10-29");
  static final String HOSTILE = "<script>alert('x')</script> & <b>Tom & Jerry</b> >";

  private SinkFixtures() {}

  /**
   * The test toolkit with a read timeout long enough for a cold JVM's first request, so that a slow
   * first answer is not taken for a lost one (which would retry and skew request counts).
   */
  static io.github.discoverysdk.connectors.http.HttpToolkit.Builder toolkit(
      io.github.discoverysdk.connectors.TestSupport.FakeSleeper sleeper) {
    return io.github.discoverysdk.connectors.TestSupport.toolkit(sleeper)
        .readTimeout(java.time.Duration.ofSeconds(5))
        .callTimeout(java.time.Duration.ofSeconds(20));
  }

  static Profile profile() {
    return Profile.builder()
        .from(Fixtures.profile("acme", "Fintech EMEA"))
        .id(io.github.discoverysdk.model.ProfileId.of("acme", "p-1"))
        .build();
  }

  /** A STRONG event opportunity: Acme's VP Eng speaks at KubeCon, reach out by 29 Oct. */
  static Opportunity kubecon(String id) {
    Profile p = profile();
    return Opportunity.builder()
        .from(
            Fixtures.opportunity(
                OpportunityId.of("acme", id),
                p.id(),
                SignalKey.of("sessionize", "kubecon-" + id),
                82,
                NOW))
        .signalType(SignalType.EVENT)
        .title("VP Eng speaking at KubeCon NA 2026")
        .company("Acme")
        .url(URI.create("https://events.example/kubecon?talk=42&ref=news"))
        .occursAt(EVENT_START)
        .score(
            Score.builder()
                .total(82)
                .strength(SignalStrength.STRONG)
                .addFactors(
                    ScoreFactor.of(
                        "fit", 90, 0.5, 45, "Watchlist account Acme, exact domain match"),
                    ScoreFactor.of("timing", 74, 0.5, 37, "Speaks at KubeCon NA on 2026-11-12"))
                .build())
        .temporal(
            TemporalAssessment.builder()
                .assessedAt(NOW)
                .daysUntilEvent(65)
                .ageDays(0)
                .urgency(Urgency.HIGH)
                .outreachDate(OUTREACH)
                .window(ActionWindow.OPEN)
                .recommendedAction("Ask for a meeting at KubeCon before 2026-11-05")
                .build())
        .signalHash("hash-" + id)
        .build();
  }

  /** The same opportunity with hostile text in every free-text field. */
  static Opportunity hostile(String id) {
    Opportunity o = kubecon(id);
    return Opportunity.builder()
        .from(o)
        .title("Launch " + HOSTILE)
        .company("Evil <Corp> & Co")
        .score(
            Score.builder()
                .total(82)
                .strength(SignalStrength.STRONG)
                .addFactors(ScoreFactor.of("fit", 82, 1.0, 82, "Reason " + HOSTILE))
                .build())
        .changes(java.util.List.of("Moved to <Room 9> & later"))
        .build();
  }

  static Alert alert(AlertKind kind, Opportunity o) {
    return Alert.builder().kind(kind).profile(profile()).opportunity(o).build();
  }

  /** An UPDATED alert: the event moved. */
  static Alert updated(String id) {
    Opportunity o =
        Opportunity.builder()
            .from(kubecon(id))
            .signalHash("hash-" + id + "-v2")
            .changes(java.util.List.of("Event moved from 2026-11-12 to 2026-11-19"))
            .changedAt(NOW)
            .build();
    return alert(AlertKind.UPDATED, o);
  }
}
