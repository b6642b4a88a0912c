package io.github.discoverysdk.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.JobPostings.Posting;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
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

/**
 * The job board of one company on Greenhouse ({@code boards-api.greenhouse.io}, public, no key):
 * each posting becomes a JOB_POSTING signal with the company as HIRING_COMPANY. The whole board
 * comes in one response; the cursor keeps fetches incremental by {@code updated_at}. A posting that
 * disappears is not an error: {@link #refresh} then returns empty, which the engine treats as a
 * lifecycle change. Thread-safe.
 */
public final class GreenhouseJobs extends HttpSignalSource {
  private static final SourceCapabilities CAPABILITIES =
      SourceCapabilities.builder()
          .addSignalTypes(SignalType.JOB_POSTING)
          .supportsRefresh(true)
          .build();

  private final String board;
  private final Optional<String> company;
  private final URI baseUrl;
  private final Duration cacheTtl;

  private GreenhouseJobs(Builder b) {
    super(b.id != null ? b.id : "greenhouse." + b.board, b.http);
    this.board = b.board;
    this.company = Optional.ofNullable(b.company);
    this.baseUrl = b.baseUrl;
    this.cacheTtl = b.cacheTtl;
  }

  /** A source for {@code board} (the token in {@code boards.greenhouse.io/{board}}). */
  public static GreenhouseJobs board(String board, HttpToolkit http) {
    return builder().board(board).http(http).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SourceCapabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  Page read(SourceRequest request, SourceContext context) throws Exception {
    HttpResult r =
        http.execute(
            HttpCall.get(id, url("/v1/boards/" + board + "/jobs?content=true"))
                .cacheTtl(cacheTtl)
                .build(),
            context);
    JsonNode root = Json.parse(id, r, "jobs of board " + board);
    JsonNode jobs = root.get("jobs");
    if (jobs == null || !jobs.isArray()) {
      throw ConnectorException.parseError(id, "jobs of board " + board, "no 'jobs' array", null);
    }
    Page page = new Page();
    page.cacheHit = r.fromCache();
    Instant now = context.clock().instant();
    int i = 0;
    for (JsonNode job : jobs) {
      String recordId = Json.text(job, "id").orElse("#" + i);
      i++;
      page.add(recordId, () -> map(job, now));
    }
    return page;
  }

  private Mapped map(JsonNode job, Instant now) {
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
    String companyName = Json.text(job, "company_name").or(() -> company).orElse(board);
    Signal s =
        JobPostings.signal(
            new Posting(
                id,
                jobId,
                Text.plain(Json.required(job, "title"), 500),
                companyName,
                location,
                departments.isEmpty()
                    ? Optional.empty()
                    : Optional.of(String.join(", ", departments)),
                Json.text(job, "absolute_url"),
                Json.text(job, "content").orElse(""),
                posted,
                now));
    return new Mapped(s, updated);
  }

  @Override
  public Optional<Signal> refresh(SignalKey key, SourceContext context) throws Exception {
    Objects.requireNonNull(key, "key");
    if (!key.sourceId().equals(id)) {
      return Optional.empty();
    }
    HttpResult r;
    try {
      r =
          http.execute(
              HttpCall.get(id, url("/v1/boards/" + board + "/jobs/" + encode(key.externalId())))
                  .build(),
              context);
    } catch (ConnectorException e) {
      if (e.kind() == ConnectorException.Kind.NOT_FOUND) {
        return Optional.empty(); // the posting was taken down
      }
      throw e;
    }
    JsonNode job = Json.parse(id, r, key.externalId());
    try {
      return Optional.of(map(job, context.clock().instant()).signal());
    } catch (RuntimeException e) {
      throw ConnectorException.parseError(id, key.externalId(), e.getMessage(), e);
    }
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  private URI url(String pathAndQuery) {
    String base = baseUrl.toString();
    return URI.create(
        (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
  }

  /** Builds a {@link GreenhouseJobs}. Not thread-safe. */
  public static final class Builder {
    private String id;
    private String board;
    private String company;
    private HttpToolkit http;
    private URI baseUrl = URI.create("https://boards-api.greenhouse.io");
    private Duration cacheTtl = Duration.ofMinutes(10);

    private Builder() {}

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

    /** The company's name when the board's answers do not carry it; default the board token. */
    public Builder companyName(String company) {
      this.company = Objects.requireNonNull(company, "company");
      return this;
    }

    /** The source id; default {@code greenhouse.{board}}. */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id");
      return this;
    }

    public Builder http(HttpToolkit http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /** The API's base URL; for tests and proxies. */
    public Builder baseUrl(URI baseUrl) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
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
      if (http == null) {
        throw new ValidationException("http toolkit is required");
      }
      return new GreenhouseJobs(this);
    }
  }
}
