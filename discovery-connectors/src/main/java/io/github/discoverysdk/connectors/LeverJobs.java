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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The postings of one company on Lever ({@code api.lever.co/v0/postings/{site}}, public, no key),
 * paged with {@code skip}/{@code limit}: each becomes a JOB_POSTING signal, incremental by {@code
 * createdAt}. A posting that disappears is not an error: {@link #refresh} reads the single posting
 * ({@code /v0/postings/{site}/{id}}) and returns empty on 404, which the engine treats as a
 * lifecycle change.
 *
 * <p>Paging: every {@code skip}/{@code limit} page of 100 is read, up to 50 pages (5,000 postings;
 * a board longer than that is reported as a rejected record rather than cut silently). {@link
 * HttpSignalSource#fetch} returns the listing oldest change first, at most the request's limit at a
 * time, saying {@code more()} while records are left; the cursor is the keyset ({@code createdAt},
 * id) of the last record returned, so ties on one time cross a page boundary without a record lost
 * or repeated, and the next fetch continues exactly after it. Thread-safe.
 */
public final class LeverJobs extends HttpSignalSource {
  /** The family of ids: {@code lever.{site}}. */
  public static final String ID_PREFIX = "lever";

  private static final int PAGE = 100;
  private static final int MAX_PAGES = 50;

  private final String site;
  private final String company;
  private final URI baseUrl;

  private LeverJobs(Builder b) {
    super(b.id != null ? b.id : ID_PREFIX + "." + b.site, b.http);
    this.site = b.site;
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
    page.cacheHit = true;
    Instant now = context.clock().instant();
    String base = baseUrl.toString().replaceAll("/+$", "");
    for (int p = 0; p < MAX_PAGES; p++) {
      URI url =
          URI.create(
              base + "/v0/postings/" + site + "?mode=json&skip=" + (p * PAGE) + "&limit=" + PAGE);
      HttpResult r =
          http.execute(HttpCall.get(id, url).cacheTtl(Duration.ofMinutes(10)).build(), context);
      page.cacheHit &= r.fromCache();
      String what = "postings of " + site;
      JsonNode postings = Json.array(id, Json.parse(id, r, what), what);
      page.addEach(postings, p * PAGE, posting -> map(posting, now));
      if (postings.size() < PAGE) {
        return page;
      }
    }
    // Never cut a board silently: the run report shows it.
    page.rejected.add(
        io.github.discoverysdk.spi.RejectedRecord.of(
            "#" + (MAX_PAGES * PAGE),
            "the board lists more than "
                + (MAX_PAGES * PAGE)
                + " postings; the rest were not read"));
    return page;
  }

  @Override
  public Optional<Signal> refresh(SignalKey key, SourceContext context) throws Exception {
    if (!owns(key)) {
      return Optional.empty();
    }
    URI url =
        URI.create(
            baseUrl.toString().replaceAll("/+$", "")
                + "/v0/postings/"
                + site
                + "/"
                + URLEncoder.encode(key.externalId(), StandardCharsets.UTF_8)
                + "?mode=json");
    Optional<HttpResult> r = unlessGone(HttpCall.get(id, url).build(), context);
    if (r.isEmpty()) {
      return Optional.empty(); // the posting was taken down
    }
    JsonNode posting = Json.parse(id, r.get(), key.externalId());
    return refreshed(key.externalId(), () -> map(posting, context.clock().instant()));
  }

  private Mapped map(JsonNode p, Instant now) {
    JsonNode created = p.get("createdAt");
    if (created == null || !created.canConvertToLong()) {
      throw new IllegalArgumentException("field 'createdAt' is missing or not epoch millis");
    }
    Instant posted = Instant.ofEpochMilli(created.asLong());
    JsonNode cat = p.get("categories");
    Optional<String> location = Json.text(cat, "location");
    Optional<String> department = Json.text(cat, "department").or(() -> Json.text(cat, "team"));
    String description =
        Json.text(p, "descriptionPlain")
            .map(d -> Text.plain(d, JobPostings.DESCRIPTION_MAX))
            .or(
                () ->
                    Json.text(p, "description").map(d -> Text.html(d, JobPostings.DESCRIPTION_MAX)))
            .orElse("");
    return new Mapped(
        JobPostings.signal(
            new Posting(
                id,
                Json.required(p, "id"),
                Text.html(Json.required(p, "text"), 500),
                company,
                location,
                department,
                Json.text(p, "hostedUrl"),
                description,
                posted,
                now)),
        posted);
  }

  /**
   * Builds a {@link LeverJobs}: {@code site} and {@code companyName} are required; the source id
   * defaults to {@code lever.{site}}, the base URL to {@code https://api.lever.co} (Lever's EU
   * accounts use {@code https://api.eu.lever.co}). Not thread-safe.
   */
  public static final class Builder extends HttpSignalSource.CompanyBoardBuilder<Builder> {
    private String site;

    private Builder() {
      super(URI.create("https://api.lever.co"));
    }

    @Override
    Builder self() {
      return this;
    }

    /** The site name, as in {@code jobs.lever.co/{site}}. */
    public Builder site(String site) {
      Objects.requireNonNull(site, "site");
      if (!site.matches("[A-Za-z0-9_.-]{1,100}")) {
        throw new ValidationException("site must be a Lever site name, was '" + site + "'");
      }
      this.site = site;
      return this;
    }

    public LeverJobs build() {
      requireBoardAndCompany(site, "site");
      return new LeverJobs(this);
    }
  }
}
