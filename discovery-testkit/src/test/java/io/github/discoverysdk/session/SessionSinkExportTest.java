package io.github.discoverysdk.session;

import static io.github.discoverysdk.session.SessionWorld.ANA;
import static io.github.discoverysdk.session.SessionWorld.T0;
import static io.github.discoverysdk.session.SessionWorld.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.SinkException;
import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.audit.AuditAction;
import io.github.discoverysdk.audit.AuditEntry;
import io.github.discoverysdk.model.DeliveryKind;
import io.github.discoverysdk.model.OutboxEntry;
import io.github.discoverysdk.model.OutboxStatus;
import io.github.discoverysdk.model.OutboxSubject;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.session.catalogue.Catalogue;
import io.github.discoverysdk.spi.OutboxStore;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.ForwardingOutboxStore;
import io.github.discoverysdk.storage.ForwardingStorage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Session exports to a {@link SessionExportSink} through the outbox, with a scripted sink. */
class SessionSinkExportTest {
  /** A CRM whose answers the test scripts: each call takes the next, the last one repeats. */
  static final class ScriptedCrm implements SessionExportSink {
    final List<String> calls = new ArrayList<>();
    final List<Object> answers = new ArrayList<>();

    ScriptedCrm answer(Object... next) {
      answers.addAll(List.of(next));
      return this;
    }

    @Override
    public String id() {
      return "crm";
    }

    @Override
    public String export(String tenant, SessionView view, Catalogue catalogue) throws Exception {
      calls.add(tenant + "/" + view.session().id());
      Object a = answers.size() > 1 ? answers.remove(0) : answers.get(0);
      if (a instanceof Exception e) {
        throw e;
      }
      return (String) a;
    }
  }

  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryStorage memory = InMemoryStorage.create();
  private final AtomicBoolean outboxDown = new AtomicBoolean();
  private final Storage storage =
      new ForwardingStorage(memory) {
        @Override
        protected Storage wrapTransaction(Storage tx) {
          return new ForwardingStorage(tx) {
            @Override
            public OutboxStore outbox() {
              return new ForwardingOutboxStore(super.outbox()) {
                @Override
                public boolean enqueue(OutboxEntry entry) {
                  if (outboxDown.get()) {
                    throw new StorageException("the outbox is down");
                  }
                  return super.enqueue(entry);
                }
              };
            }
          };
        }
      };
  private final ScriptedCrm crm = new ScriptedCrm();
  private DiscoveryEngine engine;

  private Sessions sessions(int maxAttempts) {
    engine =
        DiscoveryEngine.builder()
            .storage(storage)
            .clock(clock)
            .scorer(Scoring.defaults())
            .addSessionExportSink(crm)
            .maxDeliveryAttempts(maxAttempts)
            .allowSystemCalls()
            .closeTimeout(Duration.ofSeconds(5))
            .build();
    return engine.sessions();
  }

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private Session started(Sessions sessions) {
    return sessions.start(ANA, TENANT, "ana", "acc-1", "Globex", "security");
  }

  private OutboxEntry entryOf(SessionExport e) {
    return memory.outbox().list(TENANT, 100).stream()
        .filter(x -> x.subject().equals(Optional.of(OutboxSubject.of("session_export", e.id()))))
        .findFirst()
        .orElseThrow();
  }

  private List<AuditEntry> audit(SessionExport e) {
    return memory
        .audit()
        .byEntity(TENANT, SessionExports.ENTITY, e.sessionId() + "/" + e.id(), 0, 100);
  }

  @Test
  void anExportIsEnqueuedDeliveredOnceAndEndsWithTheRecordIdAudited() {
    Sessions sessions = sessions(8);
    crm.answer("rec-1");
    Session s = started(sessions);

    SessionExport e = sessions.exports().exportTo(ANA, TENANT, s.id(), "crm");

    assertThat(e.format()).isEqualTo(ExportFormat.SINK);
    assertThat(e.status()).isEqualTo(ExportStatus.SUCCESS);
    assertThat(e.salesforceRecordId()).contains("rec-1");
    assertThat(crm.calls).containsExactly(TENANT + "/" + s.id());
    OutboxEntry entry = entryOf(e);
    assertThat(entry.kind()).isEqualTo(DeliveryKind.SESSION_EXPORT);
    assertThat(entry.sinkId()).isEqualTo("crm");
    assertThat(entry.dedupeKey()).isEqualTo("session-export:acme:" + s.id() + ":" + e.id());
    assertThat(entry.status()).isEqualTo(OutboxStatus.SENT);
    assertThat(audit(e))
        .extracting(AuditEntry::action, AuditEntry::actor)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AuditAction.CREATE, "ana"),
            org.assertj.core.groups.Tuple.tuple(AuditAction.UPDATE, "system:outbox"));

    clock.advance(Duration.ofHours(1));
    engine.dispatch();
    assertThat(crm.calls).as("a sent entry is not sent again").hasSize(1);
  }

  @Test
  void aFailingSinkIsRetriedWithBackoffAndTheExportFailsAfterTheLastAttempt() {
    Sessions sessions = sessions(2);
    crm.answer(new IllegalStateException("CRM is down"));
    Session s = started(sessions);

    SessionExport e = sessions.exports().exportTo(ANA, TENANT, s.id(), "crm");
    assertThat(e.status()).isEqualTo(ExportStatus.PENDING);
    assertThat(entryOf(e).nextAttemptAt()).isEqualTo(T0.plusSeconds(30));

    engine.dispatch();
    assertThat(crm.calls).as("not before its backoff").hasSize(1);
    clock.advance(Duration.ofSeconds(30));
    engine.dispatch();

    SessionExport failed = sessions.exports().find(TENANT, e.id()).orElseThrow();
    assertThat(crm.calls).hasSize(2);
    assertThat(failed.status()).isEqualTo(ExportStatus.FAILED);
    assertThat(failed.error())
        .hasValueSatisfying(m -> assertThat(m).contains("gave up after 2 attempts", "CRM is down"));
    assertThat(entryOf(e).status()).isEqualTo(OutboxStatus.DEAD);
  }

  @Test
  void aSinkThatRecoversEndsTheExportAsASuccessOnTheRetry() {
    Sessions sessions = sessions(8);
    crm.answer(new SinkException("timed out", false), "rec-9");
    Session s = started(sessions);

    SessionExport e = sessions.exports().exportTo(ANA, TENANT, s.id(), "crm");
    assertThat(e.status()).isEqualTo(ExportStatus.PENDING);
    clock.advance(Duration.ofSeconds(30));
    engine.dispatch();

    SessionExport done = sessions.exports().find(TENANT, e.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(ExportStatus.SUCCESS);
    assertThat(done.salesforceRecordId()).contains("rec-9");
    assertThat(entryOf(e).attempts()).isEqualTo(2);
  }

  @Test
  void aPermanentSinkErrorOrABadRecordIdFailsTheExportAtOnce() {
    Sessions sessions = sessions(8);
    crm.answer(new SinkException("payload refused", true));
    Session s = started(sessions);

    SessionExport refused = sessions.exports().exportTo(ANA, TENANT, s.id(), "crm");
    assertThat(refused.status()).isEqualTo(ExportStatus.FAILED);
    assertThat(refused.error()).hasValueSatisfying(m -> assertThat(m).contains("payload refused"));
    assertThat(entryOf(refused).status()).isEqualTo(OutboxStatus.DEAD);

    crm.answers.clear();
    crm.answer("bad\nid");
    SessionExport bad = sessions.exports().exportTo(ANA, TENANT, s.id(), "crm");
    assertThat(bad.status()).isEqualTo(ExportStatus.FAILED);
    assertThat(bad.error()).hasValueSatisfying(m -> assertThat(m).contains("record id"));
  }

  @Test
  void anExportWhoseEnqueueFailsIsNotRecorded() {
    Sessions sessions = sessions(8);
    crm.answer("rec-1");
    Session s = started(sessions);
    outboxDown.set(true);

    assertThatThrownBy(() -> sessions.exports().exportTo(ANA, TENANT, s.id(), "crm"))
        .isInstanceOf(StorageException.class);

    assertThat(sessions.exports().list(TENANT, s.id())).isEmpty();
    assertThat(crm.calls).isEmpty();
  }

  @Test
  void sinkFormatsAreNotWrittenAsDocumentsAndUnknownSinksAreRefused() {
    Sessions sessions = sessions(8);
    Session s = started(sessions);

    assertThatThrownBy(() -> sessions.exports().export(ANA, TENANT, s.id(), ExportFormat.SINK))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("exportTo");
    assertThatThrownBy(() -> sessions.exports().exportTo(ANA, TENANT, s.id(), "nope"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("nope");
    assertThat(sessions.exports().list(TENANT, s.id())).isEmpty();
  }

  @Test
  void twoSessionExportSinksWithOneIdAreRefusedOnBuild() {
    DiscoveryEngine.Builder b =
        DiscoveryEngine.builder()
            .storage(InMemoryStorage.create())
            .scorer(Scoring.defaults())
            .addSessionExportSink(new ScriptedCrm())
            .addSessionExportSink(new ScriptedCrm());
    assertThatThrownBy(b::build)
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("'crm'");
  }
}
