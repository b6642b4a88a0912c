package io.github.discoverysdk.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.connectors.http.HttpToolkit;
import io.github.discoverysdk.connectors.http.RateLimit;
import io.github.discoverysdk.spi.Enricher;
import io.github.discoverysdk.spi.EnrichmentContext;
import io.github.discoverysdk.spi.EnrichmentResult;
import io.github.discoverysdk.spi.EnrichmentSubject;
import io.github.discoverysdk.spi.Secret;
import io.github.discoverysdk.spi.SourceContext;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * People and organisation enrichment in the Apollo API's shape: people through {@code POST
 * /api/v1/people/bulk_match} ({@code details}, answered by {@code matches} in the same order, null
 * for a miss) and organisations by web domain through {@code POST
 * /api/v1/organizations/bulk_enrich}, both in batches of at most 10.
 *
 * <p>The tenant's key comes from the {@link io.github.discoverysdk.spi.CredentialStore} under this
 * enricher's {@link #id()} and is sent as the {@code x-api-key} header; a tenant without a key is
 * skipped with a reason and nothing is sent. After a 429 without {@code Retry-After} the toolkit
 * waits 60 seconds, as Apollo asks, before it retries. Answers (misses included) are cached per
 * tenant and contact for a configurable lifetime, 90 days by default, on the toolkit's clock, so a
 * contact is paid for once. A failed batch is reported in {@link EnrichmentResult#skipped()} and
 * the subjects it left are for the next enricher of a waterfall. Attributes a user set are never
 * returned. Thread-safe.
 */
public final class ApolloEnricher implements Enricher {
  /** The default id, also the provider name of the key. */
  public static final String ID = "apollo";

  /** Apollo's bulk endpoints take at most 10 records per call. */
  static final int BATCH = 10;

  private static final Logger log = LoggerFactory.getLogger(ApolloEnricher.class);
  private static final Duration BACKOFF = Duration.ofSeconds(60);

  /** The pause between two calls, as Apollo's bulk guidance asks. */
  static final Duration SPACING = Duration.ofMillis(500);

  private final String id;
  private final HttpToolkit http;
  private final URI baseUrl;
  private final Duration cacheLifetime;
  private final double costPerRecord;
  private final Cache<String, Map<String, String>> cache;

  private ApolloEnricher(Builder b) {
    this.id = b.id;
    this.http = b.http;
    this.baseUrl = b.baseUrl;
    this.cacheLifetime = b.cacheLifetime;
    this.costPerRecord = b.costPerRecord;
    this.cache = Enrichers.cache(b.http, b.cacheLifetime, b.cacheSize);
    // Apollo's bulk endpoints are for paced batch work: one call every 500 ms per enricher id.
    http.rateLimit(id, RateLimit.oneEvery(SPACING));
  }

  /** An enricher against {@code api.apollo.io} with the defaults. */
  public static ApolloEnricher create(HttpToolkit http) {
    return builder().http(http).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Set<EnrichmentSubject.Kind> kinds() {
    return Set.of(EnrichmentSubject.Kind.PERSON, EnrichmentSubject.Kind.COMPANY);
  }

  @Override
  public EnrichmentResult enrich(List<EnrichmentSubject> subjects, EnrichmentContext context)
      throws InterruptedException {
    Objects.requireNonNull(subjects, "subjects");
    Objects.requireNonNull(context, "context");
    List<EnrichmentSubject> people = new ArrayList<>();
    List<EnrichmentSubject> companies = new ArrayList<>();
    for (EnrichmentSubject s : subjects) {
      if (s.kind() == EnrichmentSubject.Kind.PERSON) {
        people.add(s);
      } else if (s.kind() == EnrichmentSubject.Kind.COMPANY
          && s.domain().flatMap(Enrichers::domain).isPresent()) {
        companies.add(s); // Apollo finds organisations by domain only
      }
    }
    if (people.isEmpty() && companies.isEmpty()) {
      return EnrichmentResult.empty();
    }
    Optional<Secret> key = context.credentials().find(context.tenant(), id);
    if (key.isEmpty()) {
      return EnrichmentResult.builder().addSkipped(Enrichers.noKey(id)).build();
    }
    Run run = new Run(context, key.get());
    run.people(people);
    run.companies(companies);
    return run.result();
  }

  /** One enrich call's state. Confined to the calling thread. */
  private final class Run {
    final EnrichmentContext context;
    final SourceContext sourceContext;
    final Secret key;
    final Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
    final List<String> skipped = new ArrayList<>();
    int calls;
    int hits;
    double cost;

    Run(EnrichmentContext context, Secret key) {
      this.context = context;
      this.sourceContext = context.asSourceContext();
      this.key = key;
    }

    EnrichmentResult result() {
      return EnrichmentResult.builder()
          .attributes(attributes)
          .skipped(skipped)
          .calls(calls)
          .cacheHits(hits)
          .estimatedCost(cost)
          .build();
    }

    void people(List<EnrichmentSubject> people) throws InterruptedException {
      Map<String, List<EnrichmentSubject>> todo = uncached(people, this::personKey);
      List<String> keys = new ArrayList<>(todo.keySet());
      for (int from = 0; from < keys.size(); from += BATCH) {
        List<String> batch = keys.subList(from, Math.min(keys.size(), from + BATCH));
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode details = body.putArray("details");
        for (String k : batch) {
          details.add(detail(todo.get(k).get(0)));
        }
        body.put("reveal_personal_emails", false);
        body.put("reveal_phone_number", false);
        JsonNode root;
        try {
          root = post("/api/v1/people/bulk_match", body, batch.size(), "people lookup");
        } catch (ConnectorException e) {
          fail("people lookup", e, todo, keys.subList(from, keys.size()));
          return;
        }
        JsonNode matches = root.get("matches");
        for (int i = 0; i < batch.size(); i++) {
          JsonNode m = matches != null && matches.isArray() ? matches.get(i) : null;
          store(batch.get(i), person(m), todo.get(batch.get(i)));
        }
      }
    }

    void companies(List<EnrichmentSubject> companies) throws InterruptedException {
      Map<String, List<EnrichmentSubject>> todo = uncached(companies, this::companyKey);
      List<String> keys = new ArrayList<>(todo.keySet());
      for (int from = 0; from < keys.size(); from += BATCH) {
        List<String> batch = keys.subList(from, Math.min(keys.size(), from + BATCH));
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode domains = body.putArray("domains");
        Map<String, String> keyByDomain = new LinkedHashMap<>();
        for (String k : batch) {
          String d = todo.get(k).get(0).domain().flatMap(Enrichers::domain).orElseThrow();
          domains.add(d);
          keyByDomain.put(d, k);
        }
        JsonNode root;
        try {
          root =
              post("/api/v1/organizations/bulk_enrich", body, batch.size(), "organisation lookup");
        } catch (ConnectorException e) {
          fail("organisation lookup", e, todo, keys.subList(from, keys.size()));
          return;
        }
        Map<String, Map<String, String>> byDomain = new LinkedHashMap<>();
        JsonNode orgs = root.get("organizations");
        if (orgs != null && orgs.isArray()) {
          for (JsonNode o : orgs) {
            Optional<String> d =
                Json.text(o, "primary_domain")
                    .flatMap(Enrichers::domain)
                    .filter(keyByDomain::containsKey)
                    .or(
                        () ->
                            Json.text(o, "website_url")
                                .flatMap(Enrichers::domain)
                                .filter(keyByDomain::containsKey));
            d.ifPresent(x -> byDomain.putIfAbsent(x, organisation(o)));
          }
        }
        keyByDomain.forEach((d, k) -> store(k, byDomain.getOrDefault(d, Map.of()), todo.get(k)));
      }
    }

    /** Subjects not in the cache, grouped by contact; the cached ones are answered at once. */
    private Map<String, List<EnrichmentSubject>> uncached(
        List<EnrichmentSubject> subjects,
        java.util.function.Function<EnrichmentSubject, String> k) {
      Map<String, List<EnrichmentSubject>> todo =
          Enrichers.uncached(cache, subjects, k, attributes);
      hits += subjects.size() - Enrichers.count(todo);
      return todo;
    }

    private void store(String cacheKey, Map<String, String> found, List<EnrichmentSubject> who) {
      cache.put(cacheKey, Map.copyOf(found));
      who.forEach(s -> Enrichers.answer(attributes, s, found));
    }

    private void fail(
        String what,
        ConnectorException e,
        Map<String, List<EnrichmentSubject>> todo,
        List<String> left) {
      int subjects = left.stream().mapToInt(k -> todo.get(k).size()).sum();
      skipped.add(Enrichers.failed(id, what, e, subjects));
      log.warn(
          "enricher {} {} failed for tenant {}, {} subjects not enriched: {}",
          id,
          what,
          context.tenant(),
          subjects,
          e.getMessage());
    }

    private JsonNode post(String path, ObjectNode body, int records, String what)
        throws ConnectorException, InterruptedException {
      double callCost = records * costPerRecord;
      HttpResult r;
      try {
        r =
            http.execute(
                HttpCall.postJson(id, url(path), body.toString())
                    .header("Accept", "application/json")
                    .header("Cache-Control", "no-cache")
                    .secretHeader("x-api-key", key)
                    .rateLimitBackoff(BACKOFF)
                    .cost(callCost)
                    .build(),
                sourceContext);
      } finally {
        calls++;
      }
      cost += callCost;
      return Json.parse(id, r, what);
    }

    private String personKey(EnrichmentSubject s) {
      String contact =
          s.email()
              .map(e -> "email:" + Enrichers.lower(e))
              .orElseGet(
                  () ->
                      "name:"
                          + s.name().map(Enrichers::lower).orElse("")
                          + "@"
                          + s.domain()
                              .flatMap(Enrichers::domain)
                              .or(() -> s.employer().map(Enrichers::lower))
                              .orElse(""));
      return context.tenant() + "\u0000person\u0000" + contact;
    }

    private String companyKey(EnrichmentSubject s) {
      return context.tenant()
          + "\u0000company\u0000"
          + s.domain().flatMap(Enrichers::domain).orElseThrow();
    }
  }

  private static ObjectNode detail(EnrichmentSubject s) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    s.email().ifPresent(e -> d.put("email", e.strip()));
    s.name()
        .ifPresent(
            n -> {
              String name = n.strip();
              d.put("name", name);
              int space = name.indexOf(' ');
              if (space > 0) {
                d.put("first_name", name.substring(0, space));
                d.put("last_name", name.substring(space + 1).strip());
              }
            });
    s.domain().flatMap(Enrichers::domain).ifPresent(x -> d.put("domain", x));
    s.employer().ifPresent(e -> d.put("organization_name", e.strip()));
    return d;
  }

  /** A person match's attributes; empty for a miss. */
  static Map<String, String> person(JsonNode p) {
    Map<String, String> a = new LinkedHashMap<>();
    if (p == null || !p.isObject()) {
      return a;
    }
    put(a, "title", Json.text(p, "title"));
    put(a, "headline", Json.text(p, "headline"));
    put(a, "seniority", Json.text(p, "seniority"));
    put(a, "departments", joined(p.get("departments"), 10));
    put(
        a,
        "linkedin",
        Json.text(p, "linkedin_url").flatMap(JobPostings::httpUri).map(Object::toString));
    put(
        a,
        "email",
        Json.text(p, "email").filter(e -> e.contains("@") && !e.contains("not_unlocked")));
    put(a, "city", Json.text(p, "city"));
    put(a, "state", Json.text(p, "state"));
    put(a, "country", Json.text(p, "country"));
    JsonNode org = p.get("organization");
    put(a, "employer", Json.text(org, "name"));
    put(a, "employerDomain", Json.text(org, "primary_domain").flatMap(Enrichers::domain));
    put(a, "apolloId", Json.text(p, "id"));
    return a;
  }

  /** An organisation's attributes. */
  static Map<String, String> organisation(JsonNode o) {
    Map<String, String> a = new LinkedHashMap<>();
    put(a, "industry", Json.text(o, "industry"));
    put(a, "employees", Json.text(o, "estimated_num_employees"));
    put(a, "founded", Json.text(o, "founded_year"));
    put(a, "revenue", Json.text(o, "annual_revenue_printed"));
    put(
        a,
        "linkedin",
        Json.text(o, "linkedin_url").flatMap(JobPostings::httpUri).map(Object::toString));
    put(
        a,
        "website",
        Json.text(o, "website_url").flatMap(JobPostings::httpUri).map(Object::toString));
    put(a, "city", Json.text(o, "city"));
    put(a, "state", Json.text(o, "state"));
    put(a, "country", Json.text(o, "country"));
    put(a, "description", Json.text(o, "short_description").map(d -> Text.html(d, 2_000)));
    put(a, "keywords", joined(o.get("keywords"), 20));
    put(a, "apolloId", Json.text(o, "id"));
    return a;
  }

  private static void put(Map<String, String> a, String k, Optional<String> v) {
    v.map(x -> Text.html(x, 2_000)).filter(x -> !x.isEmpty()).ifPresent(x -> a.put(k, x));
  }

  private static Optional<String> joined(JsonNode array, int max) {
    if (array == null || !array.isArray() || array.isEmpty()) {
      return Optional.empty();
    }
    StringJoiner j = new StringJoiner(", ");
    StreamSupport.stream(array.spliterator(), false)
        .filter(JsonNode::isTextual)
        .map(JsonNode::asText)
        .filter(s -> !s.isBlank())
        .limit(max)
        .forEach(j::add);
    return j.length() == 0 ? Optional.empty() : Optional.of(j.toString());
  }

  private URI url(String path) {
    return URI.create(baseUrl.toString().replaceAll("/+$", "") + path);
  }

  @Override
  public String toString() {
    return "ApolloEnricher[" + id + ", cache " + cacheLifetime + "]";
  }

  /**
   * Builds an {@link ApolloEnricher}. Defaults: id {@code apollo}, base URL {@code
   * https://api.apollo.io}, answers reused for 90 days, at most 100,000 contacts cached, a cost of
   * 1 per record. Not thread-safe.
   */
  public static final class Builder extends Enrichers.Builder<Builder> {
    private double costPerRecord = 1.0;

    private Builder() {
      super(ID, URI.create("https://api.apollo.io"), Duration.ofDays(90), 100_000);
    }

    @Override
    Builder self() {
      return this;
    }

    /** Estimated cost of one record looked up, in the host's unit. Default 1 (a credit). */
    public Builder costPerRecord(double cost) {
      this.costPerRecord = Enrichers.cost("costPerRecord", cost);
      return this;
    }

    public ApolloEnricher build() {
      requireHttp();
      return new ApolloEnricher(this);
    }
  }
}
