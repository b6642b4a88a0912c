package io.github.discoverysdk.testkit;

import io.github.discoverysdk.session.Answer;
import io.github.discoverysdk.session.ExportFormat;
import io.github.discoverysdk.session.Note;
import io.github.discoverysdk.session.NoteType;
import io.github.discoverysdk.session.Response;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.SessionExport;
import java.time.Instant;
import java.util.Optional;

/** Sessions, responses, notes and exports for the session suites. */
final class SessionFixtures {
  private SessionFixtures() {}

  static Session session(String tenant, String id, String account, String owner, Instant at) {
    return Session.builder()
        .tenant(tenant)
        .id(id)
        .accountId(account)
        .accountName("Company " + account)
        .owner(owner)
        .team("t1")
        .vertical("security")
        .createdAt(at)
        .updatedAt(at)
        .build();
  }

  static Response response(String tenant, String session, String question, Answer answer) {
    return Response.builder()
        .tenant(tenant)
        .sessionId(session)
        .questionId(question)
        .answer(answer)
        .answeredBy("alice")
        .updatedAt(StoreSuiteSupport.T0)
        .build();
  }

  static Note note(String tenant, String session, String id, Instant at) {
    return Note.builder()
        .tenant(tenant)
        .sessionId(session)
        .id(id)
        .type(NoteType.RISK)
        .text("Renewal with \"Fortinet\" in March,\nprice rise feared")
        .questionId(Optional.of("security.network"))
        .author("alice")
        .createdAt(at)
        .updatedAt(at)
        .build();
  }

  static SessionExport export(String tenant, String session, String id, Instant at) {
    return SessionExport.builder()
        .tenant(tenant)
        .sessionId(session)
        .id(id)
        .format(ExportFormat.CSV)
        .createdAt(at)
        .build();
  }
}
