package io.github.discoverysdk.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import io.github.discoverysdk.ValidationException;
import io.github.discoverysdk.connectors.http.ConnectorException;
import io.github.discoverysdk.connectors.http.HttpCall;
import io.github.discoverysdk.connectors.http.HttpResult;
import io.github.discoverysdk.connectors.http.HttpToolkit;
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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recent web mentions and knowledge-panel facts of companies from a Google search API in Serper's
 * shape ({@code POST https://google.serper.dev/search}, {@code {"q": …}}, key in the {@code
 * X-API-KEY} header): {@code organic} results become a {@code webMentions} attribute, and the
 * {@code knowledgeGraph} gives {@code description}, {@code category}, {@code website}, {@code
 * headquarters} and {@code founded} when it is about the company (its website is the subject's
 * domain, or its title the subject's name).
 *
 * <p>At most 5 searches run at once (fewer if configured), across every concurrent call of this
 * enricher. Answers are cached per domain (per name for a company without domain) for a
 * configurable lifetime, 7 days by default, on the toolkit's clock; search results are public and
 * the query holds nothing but the company, so tenants share them, but a tenant without its own key
 * is skipped with a reason and served nothing, not even from the cache. A failed search is reported
 * in {@link EnrichmentResult#skipped()} and leaves its company for the next enricher of a
 * waterfall. Attributes a user set are never returned. Thread-safe.
 */
public final class SerperEnricher implements Enricher {
  /** The default id, also the provider name of the key. */
  public static final String ID = "serper";

  /** Serper's concurrency allowance for one key, and this enricher's most. */
  public static final int MAX_CONCURRENCY = 5;

  private static final Logger log = LoggerFactory.getLogger(SerperEnricher.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final String id;
  private final HttpToolkit http;
  private final URI baseUrl;
  private final int results;
  private final double costPerSearch;
  private final Duration cacheLifetime;
  private final Semaphore permits;
  private final Executor executor;
  private final Cache<String, Map<String, String>> cache;

  private SerperEnricher(Builder b) {
    this.id = b.id;
    this.http = b.http;
    this.baseUrl = b.baseUrl;
    this.results = b.results;
    this.costPerSearch = b.costPerSearch;
    this.cacheLifetime = b.cacheLifetime;
    this.permits = new Semaphore(b.concurrency, true);
    this.executor = b.executor != null ? b.executor : defaultExecutor(b.concurrency);
    this.cache = Enrichers.cache(b.http, b.cacheLifetime, b.cacheSize);
  }

  /** Idle threads end after 30 seconds, so an unused enricher holds none. */
  private static Executor defaultExecutor(int threads) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "discovery-serper-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  public static SerperEnricher create(HttpToolkit http) {
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
    return Set.of(EnrichmentSubject.Kind.COMPANY);
  }

  @Override
  public EnrichmentResult enrich(List<EnrichmentSubject> subjects, EnrichmentContext context)
      throws InterruptedException {
    Objects.requireNonNull(subjects, "subjects");
    Objects.requireNonNull(context, "context");
    List<EnrichmentSubject> companies =
        subjects.stream().filter(s -> s.kind() == EnrichmentSubject.Kind.COMPANY).toList();
    if (companies.isEmpty()) {
      return EnrichmentResult.empty();
    }
    Optional<Secret> key = context.credentials().find(context.tenant(), id);
    if (key.isEmpty()) {
      return EnrichmentResult.builder().addSkipped(Enrichers.noKey(id)).build();
    }
    Map<String, Map<String, String>> attributes = new LinkedHashMap<>();
    Map<String, List<EnrichmentSubject>> todo =
        Enrichers.uncached(cache, companies, SerperEnricher::cacheKey, attributes);
    int hits = companies.size() - Enrichers.count(todo);
    SourceContext sourceContext = context.asSourceContext();
    Map<String, Future<Map<String, String>>> searches = new LinkedHashMap<>();
    for (Map.Entry<String, List<EnrichmentSubject>> e : todo.entrySet()) {
      EnrichmentSubject first = e.getValue().get(0);
      FutureTask<Map<String, String>> task =
          new FutureTask<>(() -> search(first, key.get(), sourceContext));
      executor.execute(task);
      searches.put(e.getKey(), task);
    }
    Map<String, Integer> failures = new TreeMap<>();
    int calls = 0;
    try {
      for (Map.Entry<String, Future<Map<String, String>>> e : searches.entrySet()) {
        calls++;
        List<EnrichmentSubject> who = todo.get(e.getKey());
        try {
          Map<String, String> found = e.getValue().get();
          cache.put(e.getKey(), Map.copyOf(found));
          who.forEach(s -> Enrichers.answer(attributes, s, found));
        } catch (ExecutionException x) {
          Throwable cause = x.getCause();
          if (cause instanceof ConnectorException ce) {
            String kind = ce.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            failures.merge(kind, who.size(), Integer::sum);
            log.debug("enricher {} search failed: {}", id, ce.getMessage());
          } else if (cause instanceof InterruptedException ie) {
            throw ie;
          } else {
            failures.merge(cause.getClass().getSimpleName(), who.size(), Integer::sum);
            log.debug("enricher {} search failed", id, cause);
          }
        }
      }
    } catch (InterruptedException | CancellationException e) {
      searches.values().forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw e instanceof InterruptedException ie ? ie : new InterruptedException("cancelled");
    }
    List<String> skipped = new ArrayList<>();
    if (!failures.isEmpty()) {
      int n = failures.values().stream().mapToInt(Integer::intValue).sum();
      skipped.add(
          id
              + ": search failed ("
              + String.join(", ", failures.keySet())
              + "); "
              + n
              + (n == 1 ? " subject" : " subjects")
              + " not enriched");
      log.warn(
          "enricher {} failed for {} companies of tenant {}: {}",
          id,
          n,
          context.tenant(),
          failures.keySet());
    }
    return EnrichmentResult.builder()
        .attributes(attributes)
        .skipped(skipped)
        .calls(calls)
        .cacheHits(hits)
        .estimatedCost(calls * costPerSearch)
        .build();
  }

  /** One search, holding one of the permits while it runs. */
  private Map<String, String> search(EnrichmentSubject s, Secret key, SourceContext context)
      throws Exception {
    Optional<String> domain = s.domain().flatMap(Enrichers::domain);
    String q =
        s.name()
            .map(n -> "\"" + n.replace("\"", " ").strip() + "\"")
            .orElseGet(() -> domain.orElseThrow());
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("q", q);
    body.put("num", results);
    permits.acquire();
    HttpResult r;
    try {
      r =
          http.execute(
              HttpCall.postJson(
                      id,
                      URI.create(baseUrl.toString().replaceAll("/+$", "") + "/search"),
                      body.toString())
                  .header("Accept", "application/json")
                  .secretHeader("X-API-KEY", key)
                  .cost(costPerSearch)
                  .build(),
              context);
    } finally {
      permits.release();
    }
    return attributes(Json.parse(id, r, "search " + q), s, domain);
  }

  /** What one answer says about the company. */
  static Map<String, String> attributes(
      JsonNode root, EnrichmentSubject s, Optional<String> domain) {
    Map<String, String> a = new LinkedHashMap<>();
    JsonNode kg = root.get("knowledgeGraph");
    if (kg != null && kg.isObject() && about(kg, s, domain)) {
      put(a, "description", Json.text(kg, "description"), 2_000);
      put(a, "category", Json.text(kg, "type"), 300);
      put(
          a,
          "website",
          Json.text(kg, "website").flatMap(JobPostings::httpUri).map(Object::toString),
          500);
      JsonNode facts = kg.get("attributes");
      put(a, "headquarters", Json.text(facts, "Headquarters"), 300);
      put(a, "founded", Json.text(facts, "Founded"), 100);
    }
    JsonNode organic = root.get("organic");
    if (organic != null && organic.isArray()) {
      List<String> lines = new ArrayList<>();
      for (JsonNode o : organic) {
        Optional<String> link =
            Json.text(o, "link").flatMap(JobPostings::httpUri).map(Object::toString);
        String title = Text.html(Json.text(o, "title").orElse(""), 300);
        if (link.isEmpty() || title.isEmpty()) {
          continue;
        }
        String date = Json.text(o, "date").map(d -> Text.html(d, 40) + " · ").orElse("");
        lines.add(date + title + " — " + link.get());
        if (lines.size() == 5) {
          break;
        }
      }
      if (!lines.isEmpty()) {
        a.put("webMentions", String.join("\n", lines));
      }
    }
    return a;
  }

  /** Whether a knowledge panel is about the subject rather than a namesake. */
  private static boolean about(JsonNode kg, EnrichmentSubject s, Optional<String> domain) {
    Optional<String> site = Json.text(kg, "website").flatMap(Enrichers::domain);
    if (domain.isPresent() && site.isPresent()) {
      return site.get().equals(domain.get()) || site.get().endsWith("." + domain.get());
    }
    Optional<String> title = Json.text(kg, "title").map(t -> Text.html(t, 300));
    return title.isPresent()
        && s.name().isPresent()
        && SecEdgar.normalize(title.get()).equals(SecEdgar.normalize(s.name().get()));
  }

  private static void put(Map<String, String> a, String k, Optional<String> v, int max) {
    v.map(x -> Text.html(x, max)).filter(x -> !x.isEmpty()).ifPresent(x -> a.put(k, x));
  }

  private static String cacheKey(EnrichmentSubject s) {
    return s.domain()
        .flatMap(Enrichers::domain)
        .map(d -> "domain:" + d)
        .orElseGet(() -> "name:" + Enrichers.lower(s.name().orElse("")));
  }

  @Override
  public String toString() {
    return "SerperEnricher["
        + id
        + ", "
        + permits.availablePermits()
        + " permits free, cache "
        + cacheLifetime
        + "]";
  }

  /**
   * Builds a {@link SerperEnricher}. Defaults: id {@code serper}, base URL {@code
   * https://google.serper.dev}, answers about a domain reused for 7 days, at most 50,000 domains
   * cached. Not thread-safe.
   */
  public static final class Builder extends Enrichers.Builder<Builder> {
    private int concurrency = MAX_CONCURRENCY;
    private int results = 10;
    private double costPerSearch = 1.0;
    private Executor executor;

    private Builder() {
      super(ID, URI.create("https://google.serper.dev"), Duration.ofDays(7), 50_000);
    }

    @Override
    Builder self() {
      return this;
    }

    /** Searches running at once, 1 to 5. Default 5. */
    public Builder concurrency(int searches) {
      if (searches < 1 || searches > MAX_CONCURRENCY) {
        throw new ValidationException(
            "concurrency must be between 1 and " + MAX_CONCURRENCY + ", was " + searches);
      }
      this.concurrency = searches;
      return this;
    }

    /** Results asked per search, 1 to 100. Default 10. */
    public Builder results(int results) {
      if (results < 1 || results > 100) {
        throw new ValidationException("results must be between 1 and 100, was " + results);
      }
      this.results = results;
      return this;
    }

    /** Estimated cost of one search, in the host's unit. Default 1 (a credit). */
    public Builder costPerSearch(double cost) {
      this.costPerSearch = Enrichers.cost("costPerSearch", cost);
      return this;
    }

    /**
     * The executor searches run on; default a pool of daemon threads {@code discovery-serper-<n>}.
     * The concurrency limit holds whatever the executor.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    public SerperEnricher build() {
      requireHttp();
      return new SerperEnricher(this);
    }
  }
}
