package io.github.discoverysdk.connectors.sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.discoverysdk.connectors.TestSupport;
import io.github.discoverysdk.connectors.http.ConnectorException.Kind;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.model.Opportunity;
import io.github.discoverysdk.spi.CredentialStore;
import io.github.discoverysdk.spi.OpportunitySink;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.testkit.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every CRM sink must do, on its {@link FakeCrm}. */
abstract class CrmSinkTestBase {
  static final String TOKEN = "crm-token-CANARY-51e0c2";

  WireMockServer wm;
  FakeCrm fake;
  MutableClock clock;
  TestSupport.FakeSleeper sleeper;
  HttpToolkit http;
  OpportunitySink sink;
  final CredentialStore credentials =
      CredentialStore.of(Map.of("acme/" + provider(), Secret.of(TOKEN)));

  abstract String provider();

  abstract FakeCrm.Api api();

  abstract OpportunitySink sink(HttpToolkit http, URI base, CredentialStore credentials);

  /** Records per kind, for example {@code deals -> 3}. */
  abstract Map<String, Integer> counts();

  /** Distinct unique keys per kind; equal to {@link #counts()} when nothing is duplicated. */
  abstract Map<String, Integer> distinctKeys();

  @BeforeEach
  void start() {
    fake = new FakeCrm(api());
    wm =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .gzipDisabled(true)
                .extensions(fake));
    wm.start();
    wm.stubFor(any(anyUrl()).willReturn(ok()));
    clock = MutableClock.at(SinkFixtures.NOW);
    sleeper = new TestSupport.FakeSleeper(clock);
    http = SinkFixtures.toolkit(sleeper).circuitBreaker(1_000_000, Duration.ofSeconds(1)).build();
    sink = sink(http, TestSupport.base(wm), credentials);
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  @Test
  void oneOpportunityBecomesOneRecordOfEachKind() throws Exception {
    sink.accept(SinkFixtures.kubecon("opp_7f3a"), SinkFixtures.profile());

    assertThat(counts().values()).containsOnly(1);
  }

  @Test
  void deliveringTheSameOpportunityAgainCreatesNothingNew() throws Exception {
    Opportunity o = SinkFixtures.kubecon("opp_7f3a");
    sink.accept(o, SinkFixtures.profile());
    sink.accept(o, SinkFixtures.profile());
    sink.accept(o, SinkFixtures.profile());

    assertThat(counts().values()).containsOnly(1);
  }

  @Test
  void thousandFailuresAfterTheRequestWasSentCreateNoDuplicateRecords() throws Exception {
    fake.failAfterWrite(0.5);
    int opportunities = 0;
    int callerRetries = 0;
    while (fake.injected() < 1_000) {
      Opportunity o = SinkFixtures.kubecon("opp-" + opportunities++);
      while (true) { // the outbox: deliver until it sticks, waiting between attempts
        try {
          sink.accept(o, SinkFixtures.profile());
          break;
        } catch (DeliveryException e) {
          assertThat(e.permanent()).as(e.getMessage()).isFalse();
          callerRetries++;
          sleeper.sleep(Duration.ofMinutes(1));
        }
      }
    }

    assertThat(fake.injected()).isGreaterThanOrEqualTo(1_000);
    // the retries of the toolkit, and of the caller for what outlasted them (callerRetries), all
    // landed on records that already existed
    assertThat(callerRetries).isGreaterThanOrEqualTo(0);
    assertThat(distinctKeys()).isEqualTo(counts());
    for (int n : counts().values()) {
      assertThat(n).isEqualTo(opportunities);
    }
  }

  @Test
  void missingCredentialsFailTypedNamingTheSinkWithoutARequest() {
    OpportunitySink noKeys = sink(http, TestSupport.base(wm), CredentialStore.none());

    DeliveryException e =
        catchThrowableOfType(
            DeliveryException.class,
            () -> noKeys.accept(SinkFixtures.kubecon("o1"), SinkFixtures.profile()));

    assertThat(e.kind()).isEqualTo(Kind.MISSING_CREDENTIALS);
    assertThat(e.permanent()).isTrue();
    assertThat(e.sinkId()).isEqualTo(noKeys.id());
    assertThat(e.getMessage()).contains("acme", provider());
    assertThat(fake.requests()).isZero();
  }

  @Test
  void unauthorizedAndForbiddenArePermanentAndNotRetried() {
    for (int status : new int[] {401, 403}) {
      int before = fake.requests();
      fake.force(new FakeCrm.Reply(status, "{\"message\":\"nope\"}"));

      DeliveryException e =
          catchThrowableOfType(
              DeliveryException.class,
              () -> sink.accept(SinkFixtures.kubecon("o1"), SinkFixtures.profile()));

      assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
      assertThat(e.permanent()).isTrue();
      assertThat(e.getMessage()).doesNotContain("CANARY");
      assertThat(fake.requests() - before).isEqualTo(1);
    }
    assertThat(counts().values()).containsOnly(0);
  }

  @Test
  void rateLimitIsRetriedAfterTheServersDelay() throws Exception {
    fake.force(new FakeCrm.Reply(429, "{\"message\":\"slow down\"}", Map.of("Retry-After", "3")));

    sink.accept(SinkFixtures.kubecon("o1"), SinkFixtures.profile());

    assertThat(sleeper.waits).contains(Duration.ofSeconds(3));
    assertThat(counts().values()).containsOnly(1);
  }

  @Test
  void theTokenIsSentButNeverLogged() {
    String logs =
        TestSupport.captureLogs(
            () -> {
              fake.force(new FakeCrm.Reply(400, "{\"message\":\"bad\"}"));
              sink.accept(SinkFixtures.kubecon("o1"), SinkFixtures.profile());
            });

    assertThat(logs).contains("DeliveryException").doesNotContain("CANARY");
  }
}
