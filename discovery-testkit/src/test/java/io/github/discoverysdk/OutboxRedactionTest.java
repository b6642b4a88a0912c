package io.github.discoverysdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.spi.Alert;
import io.github.discoverysdk.spi.AlertSink;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.Fixtures;
import io.github.discoverysdk.testkit.MutableClock;
import io.github.discoverysdk.testkit.ScriptedSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A host's own sink may fail with a message naming its webhook (Discord, Teams and Zapier carry the
 * credential in the path), a token in a query or a password in the user info: the outbox stores and
 * logs that message with every URL cut to {@code scheme://host/…}.
 */
class OutboxRedactionTest {
  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void urlsInASinksFailureAreCutToSchemeAndHostInLastErrorAndLogs() {
    AlertSink leaky =
        new AlertSink() {
          @Override
          public String id() {
            return "discord";
          }

          @Override
          public void deliver(Alert alert) throws Exception {
            throw new IOException(
                "POST https://discord.com/api/webhooks/123/CANARY-path failed; retry"
                    + " https://u:CANARY-pw@hooks.example:8443/?key=CANARY-q and"
                    + " http://plain.example");
          }
        };
    ScriptedSource source = ScriptedSource.feed("events");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<OutboxEntry> outbox;
    try (DiscoveryEngine engine =
        DiscoveryEngine.builder()
            .allowSystemCalls()
            .storage(InMemoryStorage.create())
            .addSource(source)
            .scorer(Scoring.defaults())
            .addAlertSink(leaky)
            .clock(MutableClock.at(T0))
            .build()) {
      Profile p = engine.profiles().save(Fixtures.profile("acme", "p", Company.of("Stripe")));
      source.publish(
          Fixtures.signal(
              "events",
              "e1",
              SignalType.NEWS,
              "Stripe raises a Series J",
              T0.minusSeconds(3_600),
              OrganizationMention.of("Stripe", OrganizationRole.SUBJECT)));
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        engine.discover(p.id());
      } finally {
        System.setErr(err);
      }
      outbox = engine.outbox("acme", 10);
    }

    assertThat(outbox).isNotEmpty();
    assertThat(outbox.get(0).lastError())
        .hasValue(
            "IOException: POST https://discord.com/… failed; retry https://hooks.example:8443/…"
                + " and http://plain.example");
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("CANARY");
  }
}
