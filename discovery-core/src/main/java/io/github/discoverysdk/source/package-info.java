/**
 * Ready-made {@link io.github.discoverysdk.spi.SignalSource} implementations that need nothing but
 * the JDK and core's own dependencies, such as {@link io.github.discoverysdk.source.JsonFileSource}
 * for offline data, demos and tests. Sources that call remote services live in {@code
 * discovery-connectors}.
 */
package io.github.discoverysdk.source;
