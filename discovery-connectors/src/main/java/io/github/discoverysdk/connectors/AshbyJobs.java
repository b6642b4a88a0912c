package io.github.discoverysdk.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.JobPostings.Posting;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The job board of one company on Ashby ({@code api.ashbyhq.com/posting-api/job-board/{board}},
 * public, no key, whole board in one answer): each listed posting becomes a JOB_POSTING signal,
 * incremental by {@code publishedAt}. An unknown board may answer 404 (a failed fetch) or an empty
 * board (no signals). Ashby has no single-posting endpoint, so {@link #refresh} reads the board
 * (shared with fetches through the response cache) and returns empty when the posting is gone or no
 * longer listed, which the engine treats as a lifecycle change; a board that answers 404 fails the
 * refresh instead, since a vanished board is more likely a configuration error than every posting
 * taken down at once.
 *
 * <p>Paging: the API has no paging; the whole board comes in one response. {@link
 * HttpSignalSource#fetch} returns the listing oldest change first, at most the request's limit at a
 * time, saying {@code more()} while records are left; the cursor is the keyset ({@code
 * publishedAt}, id) of the last record returned, so ties on one time cross a page boundary without
 * a record lost or repeated, and the next fetch continues exactly after it. Thread-safe.
 */
public final class AshbyJobs extends HttpSignalSource {
  /** The family of ids: {@code ashby.{board}}. */
  public static final String ID_PREFIX = "ashby";

  private static final Pattern UUID_PATTERN =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final String board;
  private final String company;
  private final URI baseUrl;

  private AshbyJobs(Builder b) {
    super(b.id != null ? b.id : ID_PREFIX + "." + b.board, b.http);
    this.board = b.board;
    this.company = b.company;
    this.baseUrl = b.baseUrl;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SourceCapabilities capabilities() {
    return JobPostings.CAPABILITIES;
  }

  @Override
  Page read(SourceRequest request, SourceContext context) throws Exception {
    Page page = new Page();
    JsonNode jobs = board(context, page);
    Instant now = context.clock().instant();
    page.addEach(jobs, 0, job -> listed(job) ? map(job, now) : null);
    return page;
  }

  @Override
  public Optional<Signal> refresh(SignalKey key, SourceContext context) throws Exception {
    if (!owns(key)) {
      return Optional.empty();
    }
    for (JsonNode job : board(context, new Page())) {
      if (jobId(job).filter(key.externalId()::equals).isPresent()) {
        if (!listed(job)) {
          return Optional.empty();
        }
        return refreshed(key.externalId(), () -> map(job, context.clock().instant()));
      }
    }
    return Optional.empty(); // the posting was taken down
  }

  /**
   * The posting's id: {@code id}, or, when a board leaves it out (as the API's published example
   * does), the posting UUID that ends its {@code jobUrl} ({@code jobs.ashbyhq.com/{board}/{uuid}}).
   */
  static Optional<String> jobId(JsonNode job) {
    Optional<String> id = Json.text(job, "id").filter(s -> !s.isBlank());
    if (id.isPresent()) {
      return id;
    }
    return Json.text(job, "jobUrl")
        .flatMap(JobPostings::httpUri)
        .map(URI::getPath)
        .map(p -> p.replaceAll("/+$", ""))
        .map(p -> p.substring(p.lastIndexOf('/') + 1))
        .filter(last -> UUID_PATTERN.matcher(last).matches());
  }

  /**
   * The compensation line a board shows on its postings ({@code compensationTierSummary}), only
   * when the board says to display it.
   */
  static Optional<String> compensation(JsonNode job) {
    JsonNode show = job.get("shouldDisplayCompensationOnJobPostings");
    if (show == null || !show.asBoolean(false)) {
      return Optional.empty();
    }
    JsonNode comp = job.get("compensation");
    return comp == null || !comp.isObject()
        ? Optional.empty()
        : Json.text(comp, "compensationTierSummary")
            .map(c -> Text.plain(c, 200))
            .filter(c -> !c.isBlank());
  }

  private static String description(JsonNode job) {
    return Json.text(job, "descriptionPlain")
        .map(d -> Text.plain(d, JobPostings.DESCRIPTION_MAX))
        .or(
            () ->
                Json.text(job, "descriptionHtml")
                    .map(d -> Text.html(d, JobPostings.DESCRIPTION_MAX)))
        .orElse("");
  }

  /** The description after a "Compensation: …" line when the board shows one. */
  private static String withCompensation(JsonNode job, String description) {
    return compensation(job)
        .map(c -> "Compensation: " + c + (description.isEmpty() ? "" : "\n" + description))
        .orElse(description);
  }

  private static boolean listed(JsonNode job) {
    return !job.has("isListed") || job.get("isListed").asBoolean(true);
  }

  /** The board's {@code jobs} array. */
  private JsonNode board(SourceContext context, Page page) throws Exception {
    URI url =
        URI.create(
            baseUrl.toString().replaceAll("/+$", "")
                + "/posting-api/job-board/"
                + board
                + "?includeCompensation=true");
    HttpResult r =
        http.execute(HttpCall.get(id, url).cacheTtl(Duration.ofMinutes(10)).build(), context);
    String what = "job board " + board;
    JsonNode jobs = Json.arrayField(id, Json.parse(id, r, what), "jobs", what);
    page.cacheHit = r.fromCache();
    return jobs;
  }

  private Mapped map(JsonNode job, Instant now) {
    Instant published = JobPostings.instant("publishedAt", Json.required(job, "publishedAt"));
    return new Mapped(
        JobPostings.signal(
            new Posting(
                id,
                jobId(job)
                    .orElseThrow(
                        () ->
                            new IllegalArgumentException(
                                "posting has neither an 'id' nor a jobUrl ending in a UUID")),
                Text.html(Json.required(job, "title"), 500),
                company,
                Json.text(job, "location"),
                Json.text(job, "department").or(() -> Json.text(job, "team")),
                Json.text(job, "jobUrl"),
                withCompensation(job, description(job)),
                published,
                now)),
        published);
  }

  /**
   * Builds an {@link AshbyJobs}: {@code board} and {@code companyName} are required; the source id
   * defaults to {@code ashby.{board}}, the base URL to {@code https://api.ashbyhq.com}. Not
   * thread-safe.
   */
  public static final class Builder extends HttpSignalSource.CompanyBoardBuilder<Builder> {
    private String board;

    private Builder() {
      super(URI.create("https://api.ashbyhq.com"));
    }

    @Override
    Builder self() {
      return this;
    }

    /** The job board name, as in {@code jobs.ashbyhq.com/{board}}. */
    public Builder board(String board) {
      Objects.requireNonNull(board, "board");
      if (!board.matches("[A-Za-z0-9_.-]{1,100}")) {
        throw new ValidationException("board must be an Ashby job board name, was '" + board + "'");
      }
      this.board = board;
      return this;
    }

    public AshbyJobs build() {
      requireBoardAndCompany(board, "board");
      return new AshbyJobs(this);
    }
  }
}
