package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.account.Account;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.MatchTarget;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.session.Answer;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.SessionCitation;
import io.github.discoverysdk.session.Sessions;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sessions feed discovery: a completed session's incumbents become a profile's competitors. */
class SessionsFeedDiscoveryTest {
  private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  private static final String TENANT = "acme";

  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStorage storage = InMemoryStorage.create();
  private final ScriptedSource news = ScriptedSource.feed("news");
  private final DiscoveryEngine engine =
      DiscoveryEngine.builder()
          .allowSystemCalls()
          .storage(storage)
          .scorer(Scoring.defaults())
          .clock(clock)
          .addSource(news)
          .build();
  private final Principal ana =
      Principal.of("ana", TENANT, Set.of("account_manager"), Set.of("emea"));

  @AfterEach
  void close() {
    engine.close();
  }

  private Signal signal(String id, String title, String company) {
    return Signal.builder()
        .key(SignalKey.of("news", id))
        .type(SignalType.NEWS)
        .title(title)
        .text("Story " + id)
        .publishedAt(clock.instant().minus(Duration.ofHours(2)))
        .observedAt(clock.instant())
        .addOrganizations(OrganizationMention.of(company, OrganizationRole.SUBJECT))
        .build();
  }

  private List<Opportunity> feed(Profile p) {
    return engine.feed(FeedQuery.forProfile(p.id()).limit(50).build()).items();
  }

  @Test
  void aSessionsIncumbentMakesALaterSignalAboutItScoreForTheAccountWithTheSessionCited() {
    engine
        .accounts()
        .create(
            Actor.system("test"),
            Account.builder()
                .tenant(TENANT)
                .id("acc-globex")
                .name("Globex")
                .owner("ana")
                .team("emea")
                .createdAt(T0)
                .updatedAt(T0)
                .build());
    SecuredEngine se = engine.as(ana);
    Profile profile =
        se.saveProfile(
            Profile.builder()
                .tenant(TENANT)
                .owner("ana")
                .name("Globex account")
                .addWatchlist(Company.of("Globex"))
                .build());
    Session s = se.sessions().start("acc-globex", "Globex", "security");
    se.sessions().answer(s.id(), "security.endpoint", Answer.vendors(List.of("CrowdStrike")), 0);
    se.sessions().answer(s.id(), "security.network", Answer.vendors(List.of("Palo Alto")), 0);

    // Before: a signal about the incumbent does not concern the account's profile at all.
    news.publish(signal("n1", "CrowdStrike outage grounds endpoint fleets", "CrowdStrike"));
    engine.discover(profile.id());
    assertThat(feed(profile)).isEmpty();

    // The session must be completed before it feeds discovery.
    assertThatThrownBy(() -> se.sessions().applyToProfile(s.id(), profile.id()))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("complete it");
    Session done =
        se.sessions()
            .complete(s.id(), engine.sessions().find(TENANT, s.id()).orElseThrow().version());
    Profile applied = se.sessions().applyToProfile(done.id(), profile.id());
    assertThat(applied.competitors()).contains("CrowdStrike", "Palo Alto Networks");
    assertThat(applied.keywords()).contains("CrowdStrike");
    assertThat(applied.version()).isEqualTo(profile.version() + 1);
    assertThat(storage.audit().byEntity(TENANT, "profile", profile.id().value(), 0, 10))
        .anyMatch(e -> e.action() == AuditAction.UPDATE && e.actor().equals("ana"));
    assertThat(storage.audit().byEntity(TENANT, Sessions.ENTITY, s.id(), 0, 10))
        .anyMatch(e -> e.changes().toString().contains("appliedToProfile"));

    // After: a later signal about the incumbent scores for the account, citing the session.
    clock.advance(Duration.ofHours(1));
    news.publish(signal("n2", "CrowdStrike raises prices by 20% at renewal", "CrowdStrike"));
    engine.discover(profile.id());
    Opportunity o =
        feed(profile).stream()
            .filter(x -> x.signalKey().equals(SignalKey.of("news", "n2")))
            .findFirst()
            .orElseThrow();
    assertThat(o.score().total()).isPositive();
    assertThat(o.matches())
        .anyMatch(m -> m.target() == MatchTarget.COMPETITOR && m.term().equals("CrowdStrike"));
    List<SessionCitation> evidence = se.sessions().evidence(o.id());
    assertThat(evidence)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.sessionId()).isEqualTo(s.id());
              assertThat(c.questionId()).isEqualTo("security.endpoint");
              assertThat(c.explain()).startsWith("CrowdStrike: incumbent at Globex");
            });

    // Applying again changes nothing.
    assertThat(se.sessions().applyToProfile(done.id(), profile.id()).version())
        .isEqualTo(applied.version());
  }
}
