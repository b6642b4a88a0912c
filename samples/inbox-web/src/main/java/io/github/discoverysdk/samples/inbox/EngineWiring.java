package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.SecuredEngine;
import io.github.discoverysdk.access.AccessPolicy;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.audit.RequestContext;
import io.github.discoverysdk.jdbc.JdbcStorage;
import io.github.discoverysdk.review.ReviewSettings;
import io.github.discoverysdk.scoring.Scoring;
import io.github.discoverysdk.scoring.WarmStart;
import io.github.discoverysdk.search.lucene.LuceneSearchIndex;
import io.github.discoverysdk.source.JsonFileSource;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * All the engine wiring of the sample, by hand: {@link JdbcStorage} on the application's {@link
 * DataSource} (an H2 file by default), migrated at start; a Lucene search index; the {@link
 * DiscoveryEngine} over the bundled offline signals the quickstart uses, with the default access
 * policy, review and warm start of new profiles; and a {@link SecuredEngines} that hands each
 * request an engine seen as its principal.
 *
 * <p>Spring closes beans in the reverse order of their dependencies, so the engine closes before
 * the storage and the index, and the storage before the {@code DataSource}.
 *
 * <p><b>Replaced by the starter.</b> Once {@code discovery-spring-boot-starter} lands, its
 * auto-configuration builds the storage, the engine and the scheduler from {@code discovery.*}
 * properties, and this class shrinks to the sample's own source (or goes away).
 */
@Configuration(proxyBeanMethods = false)
public class EngineWiring {
  /** The tenant of every demo user. */
  public static final String TENANT = "demo";

  /** The offline signal files bundled with the sample (the quickstart's). */
  static final String[] SIGNAL_FILES = {
    "signals/events.json",
    "signals/news.json",
    "signals/jobs.json",
    "signals/funding.json",
    "signals/filings.json"
  };

  private static final Logger LOG = LoggerFactory.getLogger(EngineWiring.class);

  /** The clock of the engine; a test may define its own. */
  @Bean
  Clock discoveryClock() {
    return Clock.systemUTC();
  }

  /** The storage on the application's data source, migrated when {@code inbox.migrate}. */
  @Bean(destroyMethod = "close")
  JdbcStorage discoveryStorage(
      DataSource dataSource, @Value("${inbox.migrate:true}") boolean migrate) {
    JdbcStorage storage = JdbcStorage.builder().dataSource(dataSource).build();
    if (migrate) {
      int applied = storage.migrate();
      LOG.info("Discovery schema migrated ({} migration(s) applied)", applied);
    }
    return storage;
  }

  /** Full-text search over cards, signals and drafts, in memory. */
  @Bean(destroyMethod = "close")
  LuceneSearchIndex discoverySearchIndex() {
    return LuceneSearchIndex.inMemory();
  }

  /** The engine: one per application, thread-safe, closed on shutdown. */
  @Bean(destroyMethod = "close")
  DiscoveryEngine discoveryEngine(JdbcStorage storage, LuceneSearchIndex index, Clock clock) {
    return DiscoveryEngine.builder()
        .storage(storage)
        .clock(clock)
        .addSource(
            JsonFileSource.fromClasspath(
                "demo-signals", EngineWiring.class.getClassLoader(), SIGNAL_FILES))
        .scorer(Scoring.defaults())
        // a new profile (the wizard's) gets a feed at once from its most similar profiles
        .warmStarter(WarmStart.defaults())
        .accessPolicy(AccessPolicy.defaults())
        .review(ReviewSettings.builder().escalateAfter(Duration.ofHours(24)).build())
        .searchIndex(index)
        .closeTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** Hands out the engine as the principal of a request. */
  @Bean
  SecuredEngines securedEngines(DiscoveryEngine engine) {
    return new SecuredEngines(engine);
  }

  /**
   * The engine as seen by one principal, with the request's address, user agent and id in the audit
   * trail. Thread-safe.
   */
  public static final class SecuredEngines {
    private final DiscoveryEngine engine;

    SecuredEngines(DiscoveryEngine engine) {
      this.engine = engine;
    }

    /** The engine as {@code principal}, for {@code request}. */
    public SecuredEngine as(Principal principal, HttpServletRequest request) {
      String requestId =
          Optional.ofNullable(request.getHeader("X-Request-Id"))
              .filter(s -> s.length() <= 100 && !s.isBlank())
              .orElseGet(() -> UUID.randomUUID().toString());
      String agent = Optional.ofNullable(request.getHeader("User-Agent")).orElse("-");
      return engine.as(
          principal,
          RequestContext.of(
              request.getRemoteAddr(),
              agent.length() > 200 ? agent.substring(0, 200) : agent,
              requestId));
    }
  }
}
