package io.github.discoverysdk.testkit;

import static io.github.discoverysdk.testkit.SessionFixtures.export;
import static io.github.discoverysdk.testkit.SessionFixtures.note;
import static io.github.discoverysdk.testkit.SessionFixtures.response;
import static io.github.discoverysdk.testkit.SessionFixtures.session;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.discoverysdk.session.Answer;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.SessionCursor;
import io.github.discoverysdk.spi.Storage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tenant isolation probes of sessions() for {@link TenantIsolationSuite}: tenant A's session,
 * response, note and export are written by the constructor; {@link #addProbes} has tenant B call
 * every method of the store with A's ids; {@link #snapshot} is everything of A's the store returns.
 */
final class SessionIsolationProbes {
  private final Storage storage;
  private final String a;
  private final Session session;

  SessionIsolationProbes(Storage storage, String a) {
    this.storage = storage;
    this.a = a;
    Instant t0 = StoreSuiteSupport.T0;
    this.session = storage.sessions().save(session(a, "s-iso", "acc-iso", "alice", t0));
    storage.sessions().saveResponse(response(a, "s-iso", "q.text", Answer.text("secret")));
    storage.sessions().saveNote(note(a, "s-iso", "n-iso", t0));
    storage.sessions().saveExport(export(a, "s-iso", "e-iso", t0));
    storage.sessions().linkProfile(a, "s-iso", "p-iso");
  }

  /** Everything of tenant A's the store returns. */
  List<Object> snapshot() {
    return List.of(
        storage.sessions().find(a, "s-iso"),
        storage.sessions().list(a, "acc-iso", "alice", Optional.empty(), 10),
        storage.sessions().responses(a, "s-iso"),
        storage.sessions().notes(a, "s-iso"),
        storage.sessions().exports(a, "s-iso"),
        storage.sessions().findExport(a, "e-iso"),
        storage.sessions().linkedSessions(a, "p-iso"));
  }

  /** Adds tenant {@code b}'s probe of every method of the store. */
  void addProbes(String b, Map<String, Runnable> probes) {
    probes.put("sessions.find", () -> assertThat(storage.sessions().find(b, "s-iso")).isEmpty());
    probes.put(
        "sessions.list",
        () -> {
          assertThat(storage.sessions().list(b, "acc-iso", "alice", Optional.empty(), 10))
              .isEmpty();
          SessionCursor before =
              new SessionCursor(StoreSuiteSupport.T0.plusSeconds(86_400L * 3650), "zzz");
          assertThat(storage.sessions().list(b, "acc-iso", "alice", Optional.of(before), 10))
              .isEmpty();
        });
    probes.put(
        "sessions.responses", () -> assertThat(storage.sessions().responses(b, "s-iso")).isEmpty());
    probes.put("sessions.notes", () -> assertThat(storage.sessions().notes(b, "s-iso")).isEmpty());
    probes.put(
        "sessions.exports", () -> assertThat(storage.sessions().exports(b, "s-iso")).isEmpty());
    probes.put(
        "sessions.findExport",
        () -> assertThat(storage.sessions().findExport(b, "e-iso")).isEmpty());
    probes.put(
        "sessions.linkedSessions",
        () -> assertThat(storage.sessions().linkedSessions(b, "p-iso")).isEmpty());
    probes.put(
        "sessions.linkProfile",
        () -> {
          storage.sessions().linkProfile(b, "s-iso", "p-iso");
          assertThat(storage.sessions().linkedSessions(b, "p-iso")).containsExactly("s-iso");
        });
    probes.put(
        "sessions.deleteNote",
        () -> assertThat(storage.sessions().deleteNote(b, "s-iso", "n-iso", 1)).isFalse());
    // A's ids under B, version 0: new rows of B, version 1; A's stay as they were.
    probes.put(
        "sessions.save",
        () ->
            assertThat(
                    storage
                        .sessions()
                        .save(Session.builder().from(session).tenant(b).version(0).build())
                        .version())
                .isEqualTo(1));
    probes.put(
        "sessions.saveResponse",
        () ->
            assertThat(
                    storage
                        .sessions()
                        .saveResponse(response(b, "s-iso", "q.text", Answer.text("mallory")))
                        .version())
                .isEqualTo(1));
    probes.put(
        "sessions.saveNote",
        () ->
            assertThat(
                    storage
                        .sessions()
                        .saveNote(note(b, "s-iso", "n-iso", StoreSuiteSupport.T0))
                        .version())
                .isEqualTo(1));
    probes.put(
        "sessions.saveExport",
        () ->
            assertThat(
                    storage
                        .sessions()
                        .saveExport(export(b, "s-iso", "e-iso", StoreSuiteSupport.T0))
                        .version())
                .isEqualTo(1));
  }
}
