package io.github.discoverysdk.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.JobPostings.Posting;
import io.github.discoverysdk.connectors.http.ConnectorException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job board of one company on Greenhouse ({@code boards-api.greenhouse.io}, public, no key):
 * each posting becomes a JOB_POSTING signal with the company as HIRING_COMPANY. The whole board
 * comes in one response; the cursor keeps fetches incremental by {@code updated_at}. A posting that
 * disappears is not an error: {@link #refresh} then returns empty, which the engine treats as a
 * lifecycle change.
 *
 * <p>Paging: the API has no paging; the whole board comes in one response (shared through the
 * response cache). {@link HttpSignalSource#fetch} returns the listing oldest change first, at most
 * the request's limit at a time, saying {@code more()} while records are left; the cursor is the
 * keyset ({@code updated_at}, id) of the last record returned, so ties on one time cross a page
 * boundary without a record lost or repeated, and the next fetch continues exactly after it.
 * Thread-safe.
 */
public final class GreenhouseJobs extends HttpSignalSource {
  /** The family of default ids: {@code greenhouse.{board}}. */
  public static final String ID_PREFIX = "greenhouse";

  private static final Logger log = LoggerFactory.getLogger(GreenhouseJobs.class);

  private final String board;
  private final Optional<String> company;
  private final URI baseUrl;
  private final Duration cacheTtl;

  private GreenhouseJobs(Builder b) {
    super(b.id != null ? b.id : ID_PREFIX + "." + b.board, b.http);
    this.board = b.board;
    this.company = Optional.ofNullable(b.company);
    this.baseUrl = b.baseUrl;
    this.cacheTtl = b.cacheTtl;
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
    HttpResult r =
        http.execute(
            HttpCall.get(id, url("/v1/boards/" + board + "/jobs?content=true"))
                .cacheTtl(cacheTtl)
                .build(),
            context);
    String what = "jobs of board " + board;
    JsonNode jobs = Json.arrayField(id, Json.parse(id, r, what), "jobs", what);
    Page page = new Page();
    page.cacheHit = r.fromCache();
    Instant now = context.clock().instant();
    String fallback = needsBoardName(jobs) ? companyOf(context, jobs) : board;
    page.addEach(jobs, 0, job -> map(job, fallback, now));
    return page;
  }

  /** Whether some posting lacks {@code company_name} and no company was configured. */
  private boolean needsBoardName(JsonNode jobs) {
    if (company.isPresent()) {
      return false;
    }
    for (JsonNode job : jobs) {
      if (Json.text(job, "company_name").filter(n -> !n.isBlank()).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The name for postings without {@code company_name}: the configured company, else the board's
   * own name ({@code GET /v1/boards/{token}}, cached for a day), else a name another posting of the
   * board carries, else the board token. A board-name call that fails costs the name, not the
   * fetch.
   */
  private String companyOf(SourceContext context, JsonNode jobs) throws InterruptedException {
    if (company.isPresent()) {
      return company.get();
    }
    try {
      HttpResult r =
          http.execute(
              HttpCall.get(id, url("/v1/boards/" + board)).cacheTtl(Duration.ofDays(1)).build(),
              context);
      Optional<String> name =
          Json.text(Json.parse(id, r, "board " + board), "name")
              .map(n -> Text.plain(n, 300))
              .filter(n -> !n.isBlank());
      if (name.isPresent()) {
        return name.get();
      }
    } catch (ConnectorException e) {
      log.debug("{}: no board name ({}); using a posting's company_name", id, e.kind());
    }
    for (JsonNode job : jobs) {
      Optional<String> n = Json.text(job, "company_name").filter(x -> !x.isBlank());
      if (n.isPresent()) {
        return n.get();
      }
    }
    return board;
  }

  private Mapped map(JsonNode job, String fallback, Instant now) {
    String jobId = Json.required(job, "id");
    Instant updated = JobPostings.instant("updated_at", Json.required(job, "updated_at"));
    Instant posted =
        Json.text(job, "first_published")
            .map(v -> JobPostings.instant("first_published", v))
            .orElse(updated);
    List<String> departments = new ArrayList<>();
    JsonNode deps = job.get("departments");
    if (deps != null && deps.isArray()) {
      deps.forEach(d -> Json.text(d, "name").ifPresent(departments::add));
    }
    Optional<String> location =
        Optional.ofNullable(job.get("location")).flatMap(l -> Json.text(l, "name"));
    String companyName =
        company.orElseGet(
            () -> Json.text(job, "company_name").filter(n -> !n.isBlank()).orElse(fallback));
    Signal s =
        JobPostings.signal(
            new Posting(
                id,
                jobId,
                Text.html(Json.required(job, "title"), 500),
                companyName,
                location,
                departments.isEmpty()
                    ? Optional.empty()
                    : Optional.of(String.join(", ", departments)),
                Json.text(job, "absolute_url"),
                Text.escapedHtml(Json.text(job, "content").orElse(""), JobPostings.DESCRIPTION_MAX),
                posted,
                now));
    return new Mapped(s, updated);
  }

  @Override
  public Optional<Signal> refresh(SignalKey key, SourceContext context) throws Exception {
    if (!owns(key)) {
      return Optional.empty();
    }
    Optional<HttpResult> r =
        unlessGone(
            HttpCall.get(id, url("/v1/boards/" + board + "/jobs/" + encode(key.externalId())))
                .build(),
            context);
    if (r.isEmpty()) {
      return Optional.empty(); // the posting was taken down
    }
    JsonNode job = Json.parse(id, r.get(), key.externalId());
    String fallback =
        needsBoardName(Json.MAPPER.createArrayNode().add(job))
            ? companyOf(context, Json.MAPPER.createArrayNode())
            : board;
    return refreshed(key.externalId(), () -> map(job, fallback, context.clock().instant()));
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  private URI url(String pathAndQuery) {
    String base = baseUrl.toString();
    return URI.create(
        (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
  }

  /**
   * Builds a {@link GreenhouseJobs}; the source id defaults to {@code greenhouse.{board}}. Not
   * thread-safe.
   */
  public static final class Builder extends HttpSignalSource.IdBuilder<Builder> {
    private String board;
    private String company;
    private Duration cacheTtl = Duration.ofMinutes(10);

    private Builder() {
      super(URI.create("https://boards-api.greenhouse.io"));
    }

    @Override
    Builder self() {
      return this;
    }

    /** The board token; letters, digits, dash and underscore. */
    public Builder board(String board) {
      Objects.requireNonNull(board, "board");
      if (!board.matches("[A-Za-z0-9_-]{1,100}")) {
        throw new ValidationException(
            "board must be a Greenhouse board token, was '" + board + "'");
      }
      this.board = board;
      return this;
    }

    /**
     * The company's name, for every posting. Default: each posting's {@code company_name}, else the
     * board's name as Greenhouse gives it, else the board token.
     */
    public Builder companyName(String company) {
      this.company = Objects.requireNonNull(company, "company");
      return this;
    }

    /** How long a board's answer is shared by all profiles and tenants. Default 10 minutes. */
    public Builder cacheTtl(Duration ttl) {
      this.cacheTtl = Objects.requireNonNull(ttl, "ttl");
      return this;
    }

    public GreenhouseJobs build() {
      if (board == null) {
        throw new ValidationException("board is required");
      }
      requireHttp();
      return new GreenhouseJobs(this);
    }
  }
}
