package io.github.discoverysdk.recordjobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.records.RecordJob;
import io.github.discoverysdk.records.States;
import io.github.discoverysdk.records.TransitionRule;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.TableRecordSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A conversion reaches the feed, push rules and the outbox as a CRM_CHANGE signal, once. */
class ConversionSignalsTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

  @Test
  void aConversionBecomesACrmChangeOpportunityPushedThroughTheOutboxOnce() {
    MutableClock clock = MutableClock.at(T0);
    InMemoryStorage storage = InMemoryStorage.create();
    TableRecordSource accounts = TableRecordSource.named("accounts");
    List<String> pushed = new CopyOnWriteArrayList<>();
    OpportunitySink crm =
        new OpportunitySink() {
          @Override
          public String id() {
            return "crm";
          }

          @Override
          public void accept(Opportunity opportunity, Profile profile) {
            pushed.add(opportunity.signalKey().externalId());
          }
        };
    DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .scorer(Scoring.defaults())
            .clock(clock)
            .addRecordJob(
                RecordJob.tracking("acme", "deals", accounts)
                    .addTransition(
                        new TransitionRule(
                            "won",
                            States.isNot("stage", "won"),
                            States.is("stage", "won"),
                            "won",
                            1))
                    .build())
            .addSource(
                ConversionSignals.source(
                    "conversions",
                    storage,
                    c ->
                        Optional.of(
                            ConversionSignals.signal(
                                "conversions", c, Optional.ofNullable(c.to().get("company"))))))
            .addOpportunitySink(crm)
            .pushWhen("crm", (o, p) -> o.signalType() == SignalType.CRM_CHANGE)
            .build();
    try (engine) {
      Profile profile =
          engine
              .profiles()
              .save(Fixtures.profile("acme", "Accounts", Company.of("Stripe", "stripe.com")));
      accounts.put("a1", T0, Map.of("stage", "open", "company", "Stripe"));
      engine.records().run("acme", "deals");
      clock.advance(Duration.ofMinutes(5));
      accounts.put("a1", clock.instant(), Map.of("stage", "won", "company", "Stripe"));
      engine.records().run("acme", "deals");

      engine.discover(profile.id());
      engine.discover(profile.id());

      List<Opportunity> feed = engine.feed(FeedQuery.forProfile(profile.id()).build()).items();
      assertThat(feed).hasSize(1);
      assertThat(feed.get(0).signalType()).isEqualTo(SignalType.CRM_CHANGE);
      assertThat(feed.get(0).signalKey().externalId()).isEqualTo("accounts/a1/won/2");
      List<OutboxEntry> outbox = engine.outbox("acme", 10);
      assertThat(outbox).hasSize(1);
      assertThat(pushed).containsExactly("accounts/a1/won/2");
    }
  }
}
