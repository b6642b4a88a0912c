package io.github.discoverysdk.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.http.RateLimit;
import io.github.discoverysdk.model.Company;
import io.github.discoverysdk.model.OrganizationMention;
import io.github.discoverysdk.model.OrganizationRole;
import io.github.discoverysdk.model.Profile;
import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalKey;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.QueryMode;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceQuery;
import io.github.discoverysdk.spi.SourceRequest;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * SEC EDGAR filings of the companies profiles watch: the ticker/CIK list maps a company name or
 * ticker to its CIK, and the company's submissions JSON lists its recent filings. An 8-K with item
 * 5.02 becomes LEADERSHIP_CHANGE, an 8-K with items 1.01 or 2.01 and an S-1 become FILING, a Form D
 * becomes FUNDING; other forms are not signals. The SEC requires a declared User-Agent with a
 * contact address and at most 10 requests per second, which this source enforces. A company with no
 * CIK yields no signals (not an error).
 *
 * <p>Paging: the submissions JSON lists the company's recent filings (at least the last year, up to
 * 1,000) in one response; older filings, in the files it names under {@code filings.files}, are
 * history rather than news and are not read. {@link HttpSignalSource#fetch} returns the listing
 * oldest change first, at most the request's limit at a time, saying {@code more()} while records
 * are left; the cursor is the keyset ({@code acceptanceDateTime}, id) of the last record returned,
 * so ties on one time cross a page boundary without a record lost or repeated, and the next fetch
 * continues exactly after it. Thread-safe.
 */
public final class SecEdgar extends HttpSignalSource {
  /** The source id. */
  public static final String ID = "sec-edgar";

  private static final SourceCapabilities CAPABILITIES =
      SourceCapabilities.builder()
          .queryMode(QueryMode.SEARCH)
          .addSignalTypes(SignalType.LEADERSHIP_CHANGE, SignalType.FILING, SignalType.FUNDING)
          .build();

  private final String userAgent;
  private final URI wwwUrl;
  private final URI dataUrl;

  private SecEdgar(Builder b) {
    super(ID, b.http);
    this.userAgent = b.userAgent;
    this.wwwUrl = b.wwwUrl;
    this.dataUrl = b.dataUrl;
    http.rateLimit(ID, RateLimit.perSecond(10));
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public SourceCapabilities capabilities() {
    return CAPABILITIES;
  }

  /**
   * One query per watchlist company and competitor; keywords do not name filers. A company with a
   * ticker on a US exchange (NYSE, NASDAQ, NYSE American, Cboe) is looked up by its symbol, which
   * the SEC's list names exactly; others by name.
   */
  @Override
  public Set<SourceQuery> plan(Profile profile) {
    Set<SourceQuery> queries = new LinkedHashSet<>();
    for (Company c : profile.watchlist()) {
      queries.add(SourceQuery.company(usSymbol(c).orElse(c.name())));
    }
    profile.competitors().forEach(c -> queries.add(SourceQuery.company(c)));
    return queries;
  }

  private static final Set<String> US_EXCHANGES =
      Set.of("NYSE", "NASDAQ", "NYSEAMERICAN", "AMEX", "CBOE");

  /** The symbol of the company's first ticker on a US exchange ({@code "NYSE:CRM"} → CRM). */
  static Optional<String> usSymbol(Company c) {
    return c.tickers().stream()
        .filter(t -> US_EXCHANGES.contains(t.substring(0, t.indexOf(':')).replace(" ", "")))
        .map(t -> t.substring(t.indexOf(':') + 1))
        .sorted()
        .findFirst();
  }

  @Override
  Page read(SourceRequest request, SourceContext context) throws Exception {
    Page page = new Page();
    if (request.query().kind() != SourceQuery.Kind.COMPANY) {
      return page;
    }
    String term = request.query().term().orElseThrow();
    Optional<Long> cik = lookupCik(term, context);
    if (cik.isEmpty()) {
      return page;
    }
    HttpResult r =
        http.execute(
            call(URI.create(
                    base(dataUrl)
                        + String.format(Locale.ROOT, "/submissions/CIK%010d.json", cik.get())))
                .cacheTtl(Duration.ofMinutes(10))
                .build(),
            context);
    page.cacheHit = r.fromCache();
    JsonNode root = Json.parse(id, r, "submissions of CIK " + cik.get());
    String name = Json.text(root, "name").orElse(term);
    JsonNode recent = root.path("filings").path("recent");
    JsonNode accessions = recent.get("accessionNumber");
    if (accessions == null || !accessions.isArray()) {
      throw ConnectorException.parseError(
          id, "submissions of CIK " + cik.get(), "no filings.recent.accessionNumber array", null);
    }
    Instant now = context.clock().instant();
    for (int i = 0; i < accessions.size(); i++) {
      int row = i;
      String recordId =
          Optional.ofNullable(accessions.get(i)).map(JsonNode::asText).orElse("#" + i);
      page.add(recordId, () -> map(recent, row, cik.get(), name, now));
    }
    return page;
  }

  private Mapped map(JsonNode recent, int i, long cik, String name, Instant now) {
    String accession =
        column(recent, "accessionNumber", i).orElseThrow(() -> missing("accessionNumber"));
    String form = column(recent, "form", i).orElseThrow(() -> missing("form"));
    List<String> items =
        column(recent, "items", i)
            .map(
                s ->
                    Arrays.stream(s.split(","))
                        .map(String::strip)
                        .filter(x -> !x.isEmpty())
                        .toList())
            .orElse(List.of());
    SignalType type;
    String what;
    String f = form.toUpperCase(Locale.ROOT);
    if (f.equals("8-K") || f.equals("8-K/A")) {
      if (items.contains("5.02")) {
        type = SignalType.LEADERSHIP_CHANGE;
        what = "departure or appointment of officers or directors (8-K item 5.02)";
      } else if (items.contains("2.01")) {
        type = SignalType.FILING;
        what = "completed an acquisition or disposition (8-K item 2.01)";
      } else if (items.contains("1.01")) {
        type = SignalType.FILING;
        what = "entered a material definitive agreement (8-K item 1.01)";
      } else {
        return null; // other current reports are not sales signals
      }
    } else if (f.equals("D") || f.equals("D/A")) {
      type = SignalType.FUNDING;
      what = "private placement of securities (Form D)";
    } else if (f.equals("S-1")) {
      type = SignalType.FILING;
      what = "registration for an initial public offering (S-1)";
    } else {
      return null;
    }
    Instant accepted =
        column(recent, "acceptanceDateTime", i)
            .map(v -> JobPostings.instant("acceptanceDateTime", v))
            .or(() -> column(recent, "filingDate", i).map(SecEdgar::filingDay))
            .orElseThrow(() -> missing("acceptanceDateTime"));
    List<OrganizationMention> orgs = new ArrayList<>();
    orgs.add(OrganizationMention.of(name, OrganizationRole.FILER));
    if (type == SignalType.FUNDING || type == SignalType.LEADERSHIP_CHANGE) {
      orgs.add(OrganizationMention.of(name, OrganizationRole.SUBJECT));
    }
    StringBuilder text = new StringBuilder("Form ").append(form);
    column(recent, "filingDate", i).ifPresent(d -> text.append(" filed ").append(d));
    if (!items.isEmpty()) {
      text.append("; items ").append(String.join(", ", items));
    }
    column(recent, "primaryDocDescription", i).ifPresent(d -> text.append("; ").append(d));
    Signal.Builder b =
        Signal.builder()
            .key(SignalKey.of(id, accession))
            .type(type)
            .title(name + ": " + what)
            .text(text.toString())
            .publishedAt(accepted)
            .observedAt(now)
            .organizations(orgs);
    column(recent, "primaryDocument", i)
        .flatMap(
            doc ->
                JobPostings.httpUri(
                    "https://www.sec.gov/Archives/edgar/data/"
                        + cik
                        + "/"
                        + accession.replace("-", "")
                        + "/"
                        + java.net.URLEncoder.encode(doc, java.nio.charset.StandardCharsets.UTF_8)))
        .ifPresent(b::url);
    return new Mapped(b.build(), accepted);
  }

  /** The start of a filing day (UTC), or an exception naming the field. */
  private static Instant filingDay(String value) {
    try {
      return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "field 'filingDate' is not a date like 2026-06-02: " + JobPostings.cut(value, 40));
    }
  }

  private static IllegalArgumentException missing(String field) {
    return new IllegalArgumentException("field '" + field + "' is missing for this row");
  }

  private static Optional<String> column(JsonNode recent, String field, int i) {
    JsonNode col = recent.get(field);
    if (col == null || !col.isArray() || i >= col.size() || col.get(i).isNull()) {
      return Optional.empty();
    }
    String v = col.get(i).asText().strip();
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  private static final long MAX_CIK = 9_999_999_999L;

  /** How long the parsed ticker list is used before it is read again. */
  static final Duration TICKERS_TTL = Duration.ofHours(24);

  /** The SEC's ticker list, parsed once: by upper-case ticker and by normalised title. */
  private record Tickers(Map<String, Long> byTicker, Map<String, Long> byTitle, Instant loadedAt) {}

  private final Object tickersLock = new Object();
  private volatile Tickers tickers;
  private final java.util.concurrent.atomic.AtomicInteger tickerParses =
      new java.util.concurrent.atomic.AtomicInteger();

  /** How many times the ticker list was parsed; for tests. */
  int tickerParses() {
    return tickerParses.get();
  }

  /** The CIK of a company name or ticker, from the SEC's list (parsed once a day). */
  private Optional<Long> lookupCik(String term, SourceContext context) throws Exception {
    Tickers t = tickers(context);
    Long byTicker = t.byTicker().get(term.strip().toUpperCase(Locale.ROOT));
    if (byTicker != null) {
      return Optional.of(byTicker);
    }
    String wanted = normalize(term);
    return wanted.isEmpty() ? Optional.empty() : Optional.ofNullable(t.byTitle().get(wanted));
  }

  private Tickers tickers(SourceContext context) throws Exception {
    Instant now = context.clock().instant();
    Tickers t = tickers;
    if (t != null && now.isBefore(t.loadedAt().plus(TICKERS_TTL))) {
      return t;
    }
    synchronized (tickersLock) {
      t = tickers;
      if (t == null || !now.isBefore(t.loadedAt().plus(TICKERS_TTL))) {
        t = parseTickers(context, now);
        tickers = t;
      }
      return t;
    }
  }

  private Tickers parseTickers(SourceContext context, Instant now) throws Exception {
    HttpResult r =
        http.execute(
            call(URI.create(base(wwwUrl) + "/files/company_tickers.json"))
                .cacheTtl(TICKERS_TTL)
                .build(),
            context);
    JsonNode all = Json.parse(id, r, "company_tickers.json");
    tickerParses.incrementAndGet();
    Map<String, Long> byTicker = new HashMap<>();
    Map<String, Long> byTitle = new HashMap<>();
    for (JsonNode entry : all) {
      JsonNode cik = entry.get("cik_str");
      // A CIK is a positive whole number of at most ten digits; anything else names no filer,
      // and would only make a request for a made-up path.
      if (cik == null
          || !cik.isIntegralNumber()
          || !cik.canConvertToLong()
          || cik.asLong() <= 0
          || cik.asLong() > MAX_CIK) {
        continue;
      }
      // The file lists the primary ticker first; the first entry for a key wins, as before.
      Json.text(entry, "ticker")
          .filter(x -> !x.isBlank())
          .ifPresent(x -> byTicker.putIfAbsent(x.strip().toUpperCase(Locale.ROOT), cik.asLong()));
      String title = normalize(Json.text(entry, "title").orElse(""));
      if (!title.isEmpty()) {
        byTitle.putIfAbsent(title, cik.asLong());
      }
    }
    return new Tickers(Map.copyOf(byTicker), Map.copyOf(byTitle), now);
  }

  /** A company name without case, punctuation and legal suffixes: "Apple Inc." → "apple". */
  static String normalize(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} ]", " ").strip();
    s =
        s.replaceAll(
            "\\b(inc|incorporated|corp|corporation|co|company|ltd|llc|plc|holdings|the)\\b", " ");
    return s.replaceAll("\\s+", " ").strip();
  }

  private HttpCall.Builder call(URI url) {
    return HttpCall.get(id, url)
        .header("User-Agent", userAgent)
        .header("Accept", "application/json");
  }

  private static String base(URI u) {
    return u.toString().replaceAll("/+$", "");
  }

  /** Builds a {@link SecEdgar}. Not thread-safe. */
  public static final class Builder {
    private String userAgent;
    private HttpToolkit http;
    private URI wwwUrl = URI.create("https://www.sec.gov");
    private URI dataUrl = URI.create("https://data.sec.gov");

    private Builder() {}

    /**
     * The declared User-Agent the SEC requires: who you are and a contact address, for example
     * {@code "Acme CRM ops@acme.example"}.
     */
    public Builder userAgent(String userAgent) {
      Objects.requireNonNull(userAgent, "userAgent");
      if (!userAgent.contains("@") || userAgent.isBlank()) {
        throw new ValidationException(
            "userAgent must declare a name and a contact e-mail address, was '" + userAgent + "'");
      }
      this.userAgent = userAgent.strip();
      return this;
    }

    public Builder http(HttpToolkit http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /** The host of the ticker list, default {@code https://www.sec.gov}. */
    public Builder wwwBaseUrl(URI url) {
      this.wwwUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** The host of the submissions API, default {@code https://data.sec.gov}. */
    public Builder dataBaseUrl(URI url) {
      this.dataUrl = Objects.requireNonNull(url, "url");
      return this;
    }

    /** One base URL for both SEC hosts (a mirror or a test server). */
    public Builder baseUrl(URI baseUrl) {
      this.wwwUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      this.dataUrl = baseUrl;
      return this;
    }

    public SecEdgar build() {
      if (userAgent == null) {
        throw new ValidationException("userAgent is required: the SEC refuses undeclared clients");
      }
      if (http == null) {
        throw new ValidationException("http toolkit is required");
      }
      return new SecEdgar(this);
    }
  }
}
