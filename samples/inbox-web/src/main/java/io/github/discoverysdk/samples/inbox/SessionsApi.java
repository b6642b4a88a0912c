package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.NotFoundException;
import io.github.discoverysdk.SecuredEngine;
import io.github.discoverysdk.samples.inbox.Views.PageView;
import io.github.discoverysdk.session.Answer;
import io.github.discoverysdk.session.ExportFormat;
import io.github.discoverysdk.session.ExportResult;
import io.github.discoverysdk.session.Note;
import io.github.discoverysdk.session.NoteType;
import io.github.discoverysdk.session.Response;
import io.github.discoverysdk.session.Session;
import io.github.discoverysdk.session.SessionExport;
import io.github.discoverysdk.session.SessionInsights;
import io.github.discoverysdk.session.SessionView;
import io.github.discoverysdk.session.catalogue.Catalogue;
import io.github.discoverysdk.session.catalogue.QuestionType;
import io.github.discoverysdk.session.catalogue.Vertical;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Discovery sessions: start, list, answer, notes, complete, insights and exports (JSON or CSV
 * download), plus the question catalogue the questionnaire page renders. Thread-safe.
 */
@RestController
@RequestMapping("/api/v1")
public class SessionsApi {
  /** A session to start with an account, in one vertical of the catalogue. */
  public record NewSession(
      @NotBlank @Size(max = 100) String accountId,
      @NotBlank @Size(max = 200) String accountName,
      @NotBlank @Size(max = 100) String vertical) {}

  /**
   * An answer: {@code text} for TEXT, {@code choice} for RADIO, {@code vendors} (and {@code
   * freeForm}) for VENDOR_MULTI, {@code sizing} for SIZING; {@code version} 0 for a first answer.
   */
  public record AnswerRequest(
      @NotBlank @Size(max = 100) String questionId,
      @NotNull QuestionType type,
      @Size(max = 4000) String text,
      @Size(max = 100) String choice,
      @Size(max = 100) List<String> vendors,
      @Size(max = 100) List<String> freeForm,
      @Size(max = 50) Map<String, Double> sizing,
      @PositiveOrZero Long version) {
    long versionOrZero() {
      return version == null ? 0 : version;
    }

    Answer toAnswer() {
      return switch (type) {
        case TEXT -> Answer.text(text == null ? "" : text);
        case RADIO -> Answer.choice(choice == null ? "" : choice);
        case VENDOR_MULTI ->
            Answer.vendors(
                vendors == null ? List.of() : vendors, freeForm == null ? List.of() : freeForm);
        case SIZING -> Answer.sizing(sizing == null ? Map.of() : sizing);
      };
    }
  }

  /** A note, optionally on one question. */
  public record NewNote(
      @NotNull NoteType type,
      @NotBlank @Size(max = 4000) String text,
      @Size(max = 100) String questionId) {}

  /** The version of the session the caller saw. */
  public record VersionRequest(@NotNull @PositiveOrZero Long version) {}

  /** A session. */
  public record SessionSummary(
      String id,
      String accountId,
      String accountName,
      String owner,
      String vertical,
      String status,
      Instant createdAt,
      Instant updatedAt,
      Instant completedAt,
      long version) {
    static SessionSummary of(Session s) {
      return new SessionSummary(
          s.id(),
          s.accountId(),
          s.accountName(),
          s.owner(),
          s.vertical(),
          s.status().name(),
          s.createdAt(),
          s.updatedAt(),
          s.completedAt().orElse(null),
          s.version());
    }
  }

  /** A response to one question. */
  public record ResponseView(
      String questionId, Answer answer, String answeredBy, Instant updatedAt, long version) {
    static ResponseView of(Response r) {
      return new ResponseView(
          r.questionId(), r.answer(), r.answeredBy(), r.updatedAt(), r.version());
    }
  }

  /** A note. */
  public record NoteView(
      String id, String type, String text, String questionId, String author, long version) {
    static NoteView of(Note n) {
      return new NoteView(
          n.id(), n.type().name(), n.text(), n.questionId().orElse(null), n.author(), n.version());
    }
  }

  /** An export made of a session. */
  public record ExportView(String id, String format, String status, Instant createdAt) {
    static ExportView of(SessionExport e) {
      return new ExportView(e.id(), e.format().name(), e.status().name(), e.createdAt());
    }
  }

  /** A session with its responses, notes and exports. */
  public record SessionDetails(
      SessionSummary session,
      List<ResponseView> responses,
      List<NoteView> notes,
      List<ExportView> exports) {}

  private final Catalogue catalogue = Catalogue.defaults();

  /** The verticals of the catalogue and their questions. */
  @GetMapping("/catalogue/verticals")
  public List<Vertical> verticals() {
    return catalogue.verticals();
  }

  /** One vertical and its questions. */
  @GetMapping("/catalogue/verticals/{id}")
  public Vertical vertical(@PathVariable String id) {
    return catalogue.vertical(id).orElseThrow(() -> new NotFoundException("no vertical " + id));
  }

  /** Starts a session with an account, owned by the caller. */
  @PostMapping("/sessions")
  @ResponseStatus(HttpStatus.CREATED)
  public SessionSummary start(SecuredEngine engine, @Valid @RequestBody NewSession body) {
    return SessionSummary.of(
        engine.sessions().start(body.accountId(), body.accountName(), body.vertical()));
  }

  /** The caller's sessions with an account, newest first, keyset-paged by {@code cursor}. */
  @GetMapping("/sessions")
  public PageView<SessionSummary> list(
      SecuredEngine engine,
      @RequestParam @NotBlank @Size(max = 100) String account,
      @RequestParam(required = false) @Size(max = 2000) String cursor,
      @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
    return PageView.of(
        engine.sessions().list(account, Optional.ofNullable(cursor), limit), SessionSummary::of);
  }

  /** A session with its responses, notes and exports. */
  @GetMapping("/sessions/{id}")
  public SessionDetails view(SecuredEngine engine, @PathVariable String id) {
    SessionView v = engine.sessions().view(id);
    return new SessionDetails(
        SessionSummary.of(v.session()),
        v.responses().stream().map(ResponseView::of).toList(),
        v.notes().stream().map(NoteView::of).toList(),
        v.exports().stream().map(ExportView::of).toList());
  }

  /** Saves the answer to one question. */
  @PostMapping("/sessions/{id}/responses")
  public ResponseView answer(
      SecuredEngine engine, @PathVariable String id, @Valid @RequestBody AnswerRequest body) {
    return ResponseView.of(
        engine.sessions().answer(id, body.questionId(), body.toAnswer(), body.versionOrZero()));
  }

  /** Adds a note. */
  @PostMapping("/sessions/{id}/notes")
  @ResponseStatus(HttpStatus.CREATED)
  public NoteView note(
      SecuredEngine engine, @PathVariable String id, @Valid @RequestBody NewNote body) {
    return NoteView.of(
        engine
            .sessions()
            .addNote(
                id,
                body.type(),
                body.text(),
                Optional.ofNullable(body.questionId()).filter(s -> !s.isBlank())));
  }

  /** Completes the session. */
  @PostMapping("/sessions/{id}/complete")
  public SessionSummary complete(
      SecuredEngine engine, @PathVariable String id, @Valid @RequestBody VersionRequest body) {
    return SessionSummary.of(engine.sessions().complete(id, body.version()));
  }

  /** What the answers say: vendors by category, consolidation, gaps, maturity, alternatives. */
  @GetMapping("/sessions/{id}/insights")
  public SessionInsights insights(SecuredEngine engine, @PathVariable String id) {
    return engine.sessions().insights(id);
  }

  /** Exports the session and downloads the file ({@code format} JSON or CSV). */
  @GetMapping("/sessions/{id}/export")
  public ResponseEntity<byte[]> export(
      SecuredEngine engine,
      @PathVariable String id,
      @RequestParam(defaultValue = "CSV") ExportFormat format) {
    ExportResult r = engine.sessions().export(id, format);
    boolean csv = format == ExportFormat.CSV;
    MediaType type =
        csv ? new MediaType("text", "csv", StandardCharsets.UTF_8) : MediaType.APPLICATION_JSON;
    String file = "session-" + id + (csv ? ".csv" : ".json");
    return ResponseEntity.ok()
        .contentType(type)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(file).build().toString())
        .body(r.content().getBytes(StandardCharsets.UTF_8));
  }
}
