package io.github.discoverysdk.spring.boot;

import io.github.discoverysdk.DiscoveryEngine;

/**
 * Adjusts the builder of the auto-configured {@link DiscoveryEngine} before it is built: adds what
 * properties cannot say (an enricher, a push rule, a playbook, a search index). Customizers run in
 * {@link org.springframework.core.Ordered} / {@code @Order} order, after the starter has applied
 * storage, scorer, credentials, clock, properties and the application's source, sink and listener
 * beans. An implementation is called once, on the thread that creates the engine bean.
 */
@FunctionalInterface
public interface DiscoveryEngineCustomizer {
  /** Changes {@code builder}; a setter's {@code ValidationException} fails the context's start. */
  void customize(DiscoveryEngine.Builder builder);
}
