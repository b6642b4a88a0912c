package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.model.AlertPreferences;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.EventDetails;
import io.github.discoverysdk.model.FeedQuery;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.ProfileId;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertKind;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.OutboxStore;
import io.github.discoverysdk.spi.PushRule;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.ForwardingOutboxStore;
import io.github.discoverysdk.storage.ForwardingStorage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStorage memory = InMemoryStorage.create();
  private final ScriptedSource events = ScriptedSource.feed("events");
  private final List<DiscoveryEngine> engines = new ArrayList<>();

  @AfterEach
  void close() {
    engines.forEach(DiscoveryEngine::close);
  }

  /** An alert sink that records, and can be told to fail. */
  private static final class Recording implements AlertSink {
    final List<Alert> alerts = new CopyOnWriteArrayList<>();
    final List<List<Alert>> digests = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();
    volatile Exception failure = new IOException("503 from the webhook");

    @Override
    public String id() {
      return "slack";
    }

    @Override
    public void deliver(Alert alert) throws Exception {
      if (failuresLeft.getAndDecrement() > 0) {
        throw failure;
      }
      alerts.add(alert);
    }

    @Override
    public void deliverDigest(List<Alert> alerts) {
      digests.add(List.copyOf(alerts));
    }
  }

  /** A CRM that upserts on the opportunity, so a redelivery makes no duplicate. */
  private static final class Crm implements OpportunitySink {
    final Map<String, Opportunity> records = new ConcurrentHashMap<>();
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger failAfterSend = new AtomicInteger();
    final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    volatile boolean failFirstAttemptOfEach;

    @Override
    public String id() {
      return "crm";
    }

    @Override
    public void accept(Opportunity o, Profile p) throws Exception {
      requests.incrementAndGet();
      records.put(o.id().value(), o);
      if ((failFirstAttemptOfEach && failedOnce.add(o.id().value()))
          || failAfterSend.getAndDecrement() > 0) {
        throw new IOException("connection reset after the request was sent");
      }
    }
  }

  private final Recording slack = new Recording();
  private final Crm crm = new Crm();

  private DiscoveryEngine engine(Storage storage) {
    return engine(storage, PushRule.strong());
  }

  private DiscoveryEngine engine(Storage storage, PushRule rule) {
    DiscoveryEngine e =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(storage)
            .addSource(events)
            .scorer(Scoring.defaults())
            .clock(clock)
            .addAlertSink(slack)
            .addOpportunitySink(crm)
            .pushWhen("crm", rule)
            .maxDeliveryAttempts(3)
            .fetchLimit(2_000)
            .build();
    engines.add(e);
    return e;
  }

  private Profile profile(DiscoveryEngine engine, AlertPreferences alerts) {
    return engine
        .profiles()
        .save(
            Profile.builder()
                .tenant("acme")
                .id(ProfileId.of("acme", "p1"))
                .owner("u")
                .name("p1")
                .addWatchlist(Company.of("Stripe"))
                .alerts(alerts)
                .build());
  }

  private Signal summit(String id, Instant start) {
    return Signal.builder()
        .key(SignalKey.of("events", id))
        .type(SignalType.EVENT)
        .title("Payments Summit " + id)
        .publishedAt(T0.minus(Duration.ofDays(1)))
        .observedAt(clock.instant())
        .event(EventDetails.builder().start(start).build())
        .addOrganizations(OrganizationMention.of("Stripe", OrganizationRole.SPONSOR))
        .build();
  }

  private List<OutboxEntry> outbox() {
    return memory.outbox().list("acme", 1_000);
  }

  @Test
  void anAlertIsSentOnceAndAChangeAlertsAsAnUpdate() {
    DiscoveryEngine engine = engine(memory);
    Profile p = profile(engine, AlertPreferences.defaults());
    events.publish(summit("s1", T0.plus(Duration.ofDays(10))));

    assertThat(engine.discover(p.id()).alertsSent())
        .isEqualTo(slack.alerts.size() + crm.requests.get())
        .isPositive();
    events.publish(summit("s1", T0.plus(Duration.ofDays(10))));
    engine.discover(p.id());
    engine.refresh("acme");
    assertThat(slack.alerts).hasSize(1);

    events.publish(summit("s1", T0.plus(Duration.ofDays(24))));
    engine.refresh("acme");

    assertThat(slack.alerts)
        .extracting(Alert::kind)
        .containsExactly(AlertKind.NEW, AlertKind.UPDATED);
    assertThat(slack.alerts.get(1).opportunity().changes()).isNotEmpty();
    assertThat(outbox()).allSatisfy(e -> assertThat(e.status()).isEqualTo(OutboxStatus.SENT));
  }

  @Test
  void aFailedDeliveryIsRetriedWithBackoffAndSentLater() {
    DiscoveryEngine engine = engine(memory);
    Profile p = profile(engine, AlertPreferences.defaults());
    slack.failuresLeft.set(1);
    events.publish(summit("s1", T0.plus(Duration.ofDays(10))));
    engine.discover(p.id());

    OutboxEntry waiting = alertEntry();
    assertThat(waiting.status()).isEqualTo(OutboxStatus.PENDING);
    assertThat(waiting.attempts()).isEqualTo(1);
    assertThat(waiting.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(waiting.lastError()).contains("IOException: 503 from the webhook");
    assertThat(engine.dispatch()).isZero();

    clock.advance(Duration.ofSeconds(30));
    assertThat(engine.dispatch()).isEqualTo(1);
    assertThat(alertEntry().status()).isEqualTo(OutboxStatus.SENT);
    assertThat(slack.alerts).hasSize(1);
  }

  @Test
  void aPermanentErrorOrTooManyAttemptsMakesTheEntryDead() {
    DiscoveryEngine engine = engine(memory);
    Profile p = profile(engine, AlertPreferences.defaults());
    slack.failuresLeft.set(100);
    slack.failure = new SinkException("channel_not_found", true);
    events.publish(summit("s1", T0.plus(Duration.ofDays(10))));
    engine.discover(p.id());

    assertThat(alertEntry().status()).isEqualTo(OutboxStatus.DEAD);
    assertThat(alertEntry().lastError()).contains("SinkException: channel_not_found");

    slack.failure = new IOException("timeout");
    events.publish(summit("s2", T0.plus(Duration.ofDays(12))));
    engine.discover(p.id());
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofHours(1));
      engine.dispatch();
    }
    OutboxEntry second =
        outbox().stream()
            .filter(e -> e.kind() == DeliveryKind.NEW_ALERT && e.attempts() == 3)
            .findFirst()
            .orElseThrow();
    assertThat(second.status()).isEqualTo(OutboxStatus.DEAD);
    assertThat(second.lastError()).contains("gave up after 3 attempts: IOException: timeout");
  }

  @Test
  void aCrashBetweenSendingAndMarkingLosesNothingAndDuplicatesNothing() {
    AtomicInteger crashes = new AtomicInteger(1);
    Storage crashing =
        new ForwardingStorage(memory) {
          @Override
          public OutboxStore outbox() {
            return new ForwardingOutboxStore(super.outbox()) {
              @Override
              public OutboxEntry save(OutboxEntry entry) {
                if (entry.status() == OutboxStatus.SENT && crashes.getAndDecrement() > 0) {
                  throw new StorageException("the host died before marking the entry sent");
                }
                return super.save(entry);
              }
            };
          }
        };
    DiscoveryEngine engine = engine(crashing, (o, pr) -> true);
    Profile p = profile(engine, AlertPreferences.builder().enabled(false).build());
    events.publish(summit("s1", T0.plus(Duration.ofDays(10))));
    engine.discover(p.id());
    assertThat(outbox())
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(OutboxStatus.PENDING));

    // Another instance takes over once the dead one's claim expires.
    clock.advance(Duration.ofMinutes(6));
    DiscoveryEngine other = engine(crashing, (o, pr) -> true);
    other.dispatch();

    assertThat(crm.requests.get()).isEqualTo(2);
    assertThat(crm.records).hasSize(1);
    assertThat(outbox())
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(OutboxStatus.SENT));
  }

  @Test
  void aThousandFailuresAfterSendingMakeNoDuplicateRecord() {
    DiscoveryEngine engine = engine(memory, (o, pr) -> true);
    Profile p = profile(engine, AlertPreferences.builder().enabled(false).build());
    for (int i = 0; i < 1_000; i++) {
      events.publish(summit("s" + i, T0.plus(Duration.ofDays(5 + i % 10))));
    }
    // Every delivery fails once after the CRM has recorded it: 1,000 injected failures.
    crm.failFirstAttemptOfEach = true;

    engine.discover(p.id());
    clock.advance(Duration.ofSeconds(30));
    engine.dispatch();

    List<OutboxEntry> pushes = outbox();
    assertThat(pushes)
        .hasSize(1_000)
        .allSatisfy(e -> assertThat(e.status()).isEqualTo(OutboxStatus.SENT));
    assertThat(crm.requests.get()).isEqualTo(2_000);
    assertThat(crm.records).hasSize(1_000);
  }

  @Test
  void quietHoursHoldAlertsUntilTheyEndAndDigestsGoOutAsOne() {
    DiscoveryEngine engine = engine(memory);
    Profile p =
        profile(
            engine,
            AlertPreferences.builder()
                .quietFrom(LocalTime.of(9, 0))
                .quietUntil(LocalTime.of(11, 0))
                .build());
    events.publish(summit("s1", T0.plus(Duration.ofDays(10))));
    engine.discover(p.id());
    assertThat(slack.alerts).isEmpty();
    assertThat(alertEntry().nextAttemptAt()).isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));
    clock.advance(Duration.ofHours(1));
    engine.dispatch();
    assertThat(slack.alerts).hasSize(1);

    engine
        .profiles()
        .save(
            Profile.builder()
                .from(engine.profiles().get(p.id()))
                .alerts(AlertPreferences.builder().dailyDigest(true).build())
                .build());
    events.publish(
        summit("s2", T0.plus(Duration.ofDays(11))), summit("s3", T0.plus(Duration.ofDays(12))));
    engine.discover(p.id());
    assertThat(slack.digests).isEmpty();
    clock.advance(Duration.ofHours(21)); // the next day, 08:00 UTC
    engine.dispatch();

    assertThat(slack.digests).singleElement().satisfies(d -> assertThat(d).hasSize(2));
  }

  @Test
  void anExplicitPushIsQueuedOncePerVersionAndUnknownSinksAreRefused() {
    DiscoveryEngine engine = engine(memory);
    Profile p = profile(engine, AlertPreferences.builder().enabled(false).build());
    events.publish(summit("s1", T0.plus(Duration.ofDays(200))));
    engine.discover(p.id());
    Opportunity o = engine.feed(FeedQuery.forProfile(p.id()).build()).items().get(0);
    int before = crm.requests.get();

    boolean first = engine.push(o.id(), "crm");
    boolean again = engine.push(o.id(), "crm");

    assertThat(first).isEqualTo(before == 0);
    assertThat(again).isFalse();
    assertThat(crm.records).containsKey(o.id().value());
    assertThatThrownBy(() -> engine.push(o.id(), "salesforce"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("no opportunity sink has the id 'salesforce'");
    assertThatThrownBy(
            () ->
                DiscoveryEngine.builder()
                    .allowSystemCalls()
                    .storage(memory)
                    .scorer(Scoring.defaults())
                    .pushWhen("nowhere", PushRule.strong())
                    .build())
        .hasMessage("pushWhen names sink 'nowhere', but no opportunity sink has that id");
  }

  private OutboxEntry alertEntry() {
    return outbox().stream().filter(e -> e.kind() != DeliveryKind.PUSH).findFirst().orElseThrow();
  }
}
