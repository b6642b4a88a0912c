package io.github.discoverysdk.samples.inbox;

import io.github.discoverysdk.DiscoveryEngine;
import io.github.discoverysdk.SecuredEngine;
import io.github.discoverysdk.access.AccessPolicy;
import io.github.discoverysdk.access.Principal;
import io.github.discoverysdk.audit.RequestContext;
import io.github.discoverysdk.review.ReviewSettings;
import io.github.discoverysdk.scoring.WarmStart;
import io.github.discoverysdk.search.lucene.LuceneSearchIndex;
import io.github.discoverysdk.spring.boot.DiscoveryEngineCustomizer;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the sample adds to the starter's auto-configuration ({@code discovery-spring-boot-starter}),
 * which builds the {@code JdbcStorage} on the application's {@link DataSource} (an H2 file by
 * default, migrated at start: {@code discovery.storage.migrate}), the {@link DiscoveryEngine} over
 * the bundled offline signals ({@code discovery.sources.json[0]} in {@code application.properties})
 * and the scheduler. Here: the clock, the default access policy, a Lucene search index, review and
 * warm start of new profiles (a {@link DiscoveryEngineCustomizer}), and a {@link SecuredEngines}
 * that hands each request an engine seen as its principal.
 *
 * <p>Spring closes beans in the reverse order of their dependencies, so the engine closes before
 * the index and the storage, and the storage before the {@code DataSource}.
 */
@Configuration(proxyBeanMethods = false)
public class EngineWiring {
  /** The tenant of every demo user. */
  public static final String TENANT = "demo";

  /** The clock of the engine; a test may define its own. */
  @Bean
  Clock discoveryClock() {
    return Clock.systemUTC();
  }

  /** The SDK's default roles and permissions; the starter gives them to the engine. */
  @Bean
  AccessPolicy discoveryAccessPolicy() {
    return AccessPolicy.defaults();
  }

  /** Full-text search over cards, signals and drafts, in memory. */
  @Bean(destroyMethod = "close")
  LuceneSearchIndex discoverySearchIndex() {
    return LuceneSearchIndex.inMemory();
  }

  /** What the starter's properties do not cover: search, review and warm start. */
  @Bean
  DiscoveryEngineCustomizer inboxEngine(LuceneSearchIndex index) {
    return builder ->
        builder
            // a new profile (the wizard's) gets a feed at once from its most similar profiles
            .warmStarter(WarmStart.defaults())
            .review(ReviewSettings.builder().escalateAfter(Duration.ofHours(24)).build())
            .searchIndex(index);
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
