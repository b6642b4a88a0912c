package io.github.discoverysdk;

import static io.github.discoverysdk.ReviewFixture.ANA;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.draft.PlaybookMatch;
import io.github.discoverysdk.insight.CardInsight;
import io.github.discoverysdk.insight.RiskFlag;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.playbook.Playbooks;
import io.github.discoverysdk.scoring.Scoring;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Time to card: what a run records about each opportunity it creates, once. */
class RunInsightTest {
  private final ReviewFixture f = new ReviewFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void aRunRecordsPublicationFetchAndCardWithTheAccountAndRiskFlags() {
    DiscoveryEngine engine = f.engine();
    engine.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
    Instant fetched = f.clock.instant();
    f.clock.advance(Duration.ofMinutes(3));
    Signal stripe = Signal.builder().from(f.news("s1", "Stripe")).observedAt(fetched).build();
    Signal adyen =
        Signal.builder()
            .from(f.news("s2", "Adyen"))
            .title("Adyen suffers an outage")
            .observedAt(fetched)
            .build();
    f.news.publish(stripe, adyen);

    engine.discover(f.profile(engine).id());

    Opportunity o = f.opportunityOf(engine, "s1");
    CardInsight r = f.memory.insight().find(o.id()).orElseThrow();
    assertThat(r.accountId()).contains("a1");
    assertThat(r.sourceId()).isEqualTo("news");
    assertThat(r.publishedAt()).isEqualTo(stripe.publishedAt());
    assertThat(r.fetchedAt()).isEqualTo(fetched);
    assertThat(r.cardedAt()).isEqualTo(f.clock.instant()).isEqualTo(o.createdAt());
    assertThat(r.latency()).isEqualTo(Duration.between(stripe.publishedAt(), f.clock.instant()));
    assertThat(r.riskFlags()).containsExactly(RiskFlag.FUNDING);
    assertThat(r.evidence()).isTrue();
    assertThat(r.breakdown()).isTrue();
    CardInsight other = f.memory.insight().find(f.opportunityOf(engine, "s2").id()).orElseThrow();
    assertThat(other.accountId()).isEmpty();
    assertThat(other.riskFlags()).isEqualTo(Set.of(RiskFlag.NEGATIVE_NEWS));
  }

  @Test
  void aRunRecordsThePlaybookEachNewCardMatchesOnceAsDraftsWouldSelectIt() {
    DiscoveryEngine engine = f.engine();
    engine.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
    f.news.publish(f.news("s1", "Stripe"), f.news("s2", "Adyen"));
    Instant firstRun = f.clock.instant();

    engine.discover(f.profile(engine).id());

    Opportunity o = f.opportunityOf(engine, "s1");
    PlaybookMatch m = engine.drafts().findMatch(o.id()).orElseThrow();
    assertThat(m.playbookId()).isEqualTo("funding-congrats");
    assertThat(m.reasons()).isNotEmpty();
    assertThat(m.version()).isEqualTo(1);
    assertThat(m.matchedAt()).isEqualTo(firstRun);
    // The card without an account is matched too (the fallback, here).
    assertThat(engine.drafts().findMatch(f.opportunityOf(engine, "s2").id())).isPresent();
    // What engine.drafts() selects now is what the run stored: matching again changes nothing.
    assertThat(engine.drafts().match(ANA, o.id())).contains(m);

    f.clock.advance(Duration.ofHours(2));
    f.news.publish(Signal.builder().from(f.news("s1", "Stripe")).title("Stripe, updated").build());
    engine.discover(f.profile(engine).id());

    assertThat(f.opportunityOf(engine, "s1").title()).isEqualTo("Stripe, updated");
    assertThat(f.memory.drafts().findMatch(o.id())).contains(m);
  }

  @Test
  void withoutPlaybooksTheRunRecordsNoMatch() {
    DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(f.memory)
            .addSource(f.news)
            .scorer(Scoring.defaults())
            .clock(f.clock)
            .playbooks(Playbooks.none())
            .build();
    try {
      f.news.publish(f.news("s1", "Stripe"));
      engine.discover(f.profile(engine).id());
      assertThat(f.memory.drafts().findMatch(f.opportunityOf(engine, "s1").id())).isEmpty();
    } finally {
      engine.close();
    }
  }

  @Test
  void aLaterRunKeepsTheFirstTiming() {
    DiscoveryEngine engine = f.engine();
    f.news.publish(f.news("s1", "Stripe"));
    engine.discover(f.profile(engine).id());
    Opportunity o = f.opportunityOf(engine, "s1");
    CardInsight first = f.memory.insight().find(o.id()).orElseThrow();

    f.clock.advance(Duration.ofHours(2));
    f.news.publish(Signal.builder().from(f.news("s1", "Stripe")).title("Stripe, updated").build());
    engine.discover(f.profile(engine).id());

    assertThat(f.opportunityOf(engine, "s1").title()).isEqualTo("Stripe, updated");
    assertThat(f.memory.insight().find(o.id())).contains(first);
  }

  @Test
  void anAccountCreatedLaterIsFilledInWhenReviewCardsTheOpportunity() {
    DiscoveryEngine engine = f.engine();
    f.news.publish(f.news("s1", "Stripe"));
    engine.discover(f.profile(engine).id());
    Opportunity o = f.opportunityOf(engine, "s1");
    CardInsight first = f.memory.insight().find(o.id()).orElseThrow();
    assertThat(first.accountId()).isEmpty();

    engine.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
    f.clock.advance(Duration.ofHours(1));
    f.news.publish(Signal.builder().from(f.news("s1", "Stripe")).title("Stripe, updated").build());
    engine.discover(f.profile(engine).id());

    CardInsight after = f.memory.insight().find(o.id()).orElseThrow();
    assertThat(after.accountId()).contains("a1");
    assertThat(after.cardedAt()).isEqualTo(first.cardedAt());
  }

  @Test
  void withReviewOffTheRunStillFindsTheAccount() {
    DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(f.memory)
            .addSource(f.news)
            .scorer(Scoring.defaults())
            .clock(f.clock)
            .build();
    engine.accounts().create(ANA, ReviewFixture.account("a1", "Stripe", "ana", "emea"));
    f.news.publish(f.news("s1", "Stripe"));
    engine.discover(f.profile(engine).id());
    try {
      Opportunity o = f.opportunityOf(engine, "s1");
      assertThat(f.memory.insight().find(o.id()).map(CardInsight::accountId))
          .contains(Optional.of("a1"));
      assertThat(engine.reviews().find(o.id())).isEmpty();
    } finally {
      engine.close();
    }
  }
}
