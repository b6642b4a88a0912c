/**
 * Spring Boot auto-configuration of the Discovery SDK: a {@link
 * io.github.discoverysdk.jdbc.JdbcStorage} on the application's {@code DataSource} (migrated on
 * start), the {@link io.github.discoverysdk.DiscoveryEngine} with its scorer, sources and sinks
 * from {@code discovery.*} properties, the {@link io.github.discoverysdk.DiscoveryScheduler} as a
 * {@code SmartLifecycle}, an Actuator health indicator and the Micrometer binder. Every bean backs
 * off when the application defines its own; {@link DiscoveryEngineCustomizer} beans tune the
 * engine's builder without replacing it.
 */
package io.github.discoverysdk.spring.boot;
