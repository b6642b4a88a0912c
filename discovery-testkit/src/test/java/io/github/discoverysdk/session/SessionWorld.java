package io.github.discoverysdk.session;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.audit.Actor;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.audit.RequestContext;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.session.catalogue.Catalogue;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** An engine with in-memory storage and a mutable clock, for the session tests. */
final class SessionWorld implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
  static final String TENANT = "acme";
  static final Actor ANA =
      Actor.user("ana", RequestContext.of("203.0.113.7", "Mozilla/5.0 (X11)", "req-1"));

  final InMemoryStorage storage = InMemoryStorage.create();
  final MutableClock clock = MutableClock.at(T0);
  final DiscoveryEngine engine;
  final Sessions sessions;

  SessionWorld() {
    this(Catalogue.defaults());
  }

  SessionWorld(Catalogue catalogue) {
    engine =
        DiscoveryEngine.builder()
            .storage(storage)
            .clock(clock)
            .scorer(Scoring.defaults())
            .sessionCatalogue(catalogue)
            .allowSystemCalls()
            .closeTimeout(Duration.ofSeconds(5))
            .build();
    sessions = engine.sessions();
  }

  Session start(String account, String vertical) {
    return sessions.start(ANA, TENANT, "ana", account, "Company " + account, vertical);
  }

  List<AuditEntry> audit(String type, String id) {
    return storage.audit().byEntity(TENANT, type, id, 0, 1000);
  }

  @Override
  public void close() {
    engine.close();
  }
}
