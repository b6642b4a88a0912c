package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.testkit.MutableClock;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The application on a random port over an in-memory H2 database, seeded with the demo data, on a
 * fixed clock. One context serves every test class: each test works on its own cards.
 */
@SpringBootTest(
    classes = {InboxWebApplication.class, InboxWebTestBase.FixedClock.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:inbox-web-test;DB_CLOSE_DELAY=-1",
      "inbox.seed-demo=true",
      "discovery.scheduler.enabled=false"
    })
abstract class InboxWebTestBase {
  /** The instant the tests run at: the offline signals are dated relative to it. */
  static final Instant NOW = Instant.parse("2026-06-01T09:00:00Z");

  @LocalServerPort int port;

  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @TestConfiguration
  static class FixedClock {
    @Bean
    @Primary
    Clock testClock() {
      return MutableClock.at(NOW);
    }
  }
}
