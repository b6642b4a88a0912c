package io.github.discoverysdk.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.discoverysdk.session.catalogue.Catalogue;
import io.github.discoverysdk.session.catalogue.Question;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a session as a JSON document (Jackson) or as CSV (Jackson's CSV module): one row per
 * response, then one row per note, every cell quoted, and every cell that a spreadsheet would run
 * as a formula neutralised. Stateless and thread-safe.
 */
public final class SessionDocuments {
  /** The CSV columns, in order. */
  public static final List<String> CSV_COLUMNS =
      List.of(
          "record",
          "question_id",
          "question",
          "type",
          "answer",
          "vendor_count",
          "note_type",
          "note",
          "by",
          "at");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final CsvMapper CSV =
      CsvMapper.builder().enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS).build();

  private SessionDocuments() {}

  /** The whole session as a JSON object: the session, its responses and notes. */
  public static String json(Catalogue catalogue, SessionView view) {
    Map<String, Object> doc = new LinkedHashMap<>();
    Session s = view.session();
    doc.put("catalogueVersion", catalogue.version());
    Map<String, Object> session = new LinkedHashMap<>(SessionRows.fields(s));
    session.put("id", s.id());
    session.put("createdAt", s.createdAt().toString());
    session.put("version", s.version());
    doc.put("session", session);
    List<Map<String, Object>> responses = new ArrayList<>();
    for (Response r : view.responses()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("questionId", r.questionId());
      catalogue.question(r.questionId()).ifPresent(q -> m.put("question", q.text()));
      m.put("type", r.answer().type().name());
      m.put("answer", answer(r.answer()));
      m.put("answeredBy", r.answeredBy());
      m.put("updatedAt", r.updatedAt().toString());
      responses.add(m);
    }
    doc.put("responses", responses);
    List<Map<String, Object>> notes = new ArrayList<>();
    for (Note n : view.notes()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", n.id());
      m.put("type", n.type().name());
      m.put("text", n.text());
      n.questionId().ifPresent(q -> m.put("questionId", q));
      m.put("author", n.author());
      m.put("createdAt", n.createdAt().toString());
      notes.add(m);
    }
    doc.put("notes", notes);
    try {
      return JSON.writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a session document could not be written as JSON", e);
    }
  }

  private static Object answer(Answer a) {
    switch (a.type()) {
      case VENDOR_MULTI:
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("selected", a.selected());
        v.put("freeForm", a.freeForm());
        v.put("count", a.count());
        return v;
      case SIZING:
        return a.sizing();
      default:
        return a.value();
    }
  }

  /** The session as CSV: a header, one row per response, then one row per note. */
  public static String csv(Catalogue catalogue, SessionView view) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(CSV_COLUMNS);
    for (Response r : view.responses()) {
      String question = catalogue.question(r.questionId()).map(Question::text).orElse("");
      Answer a = r.answer();
      rows.add(
          row(
              "response",
              r.questionId(),
              question,
              a.type().name(),
              SessionText.answer(a),
              a.type() == io.github.discoverysdk.session.catalogue.QuestionType.VENDOR_MULTI
                  ? Integer.toString(a.count())
                  : "",
              "",
              "",
              r.answeredBy(),
              r.updatedAt().toString()));
    }
    for (Note n : view.notes()) {
      rows.add(
          row(
              "note",
              n.questionId().orElse(""),
              "",
              "",
              "",
              "",
              n.type().name(),
              n.text(),
              n.author(),
              n.createdAt().toString()));
    }
    try {
      return CSV.writer(CsvSchema.emptySchema()).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a session document could not be written as CSV", e);
    }
  }

  private static List<String> row(String... cells) {
    List<String> out = new ArrayList<>(cells.length);
    for (String c : cells) {
      out.add(neutralise(c));
    }
    return out;
  }

  /**
   * A cell a spreadsheet will not run as a formula: one that starts with {@code =}, {@code +},
   * {@code -}, {@code @}, a tab or a carriage return gets a leading apostrophe (the OWASP advice),
   * which spreadsheets show as text and do not evaluate.
   */
  public static String neutralise(String cell) {
    if (cell.isEmpty()) {
      return cell;
    }
    char first = cell.charAt(0);
    if (first == '='
        || first == '+'
        || first == '-'
        || first == '@'
        || first == '\t'
        || first == '\r') {
      return "'" + cell;
    }
    return cell;
  }
}
