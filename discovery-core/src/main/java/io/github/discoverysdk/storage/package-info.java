/**
 * Storages shipped with the core: {@link io.github.discoverysdk.storage.InMemoryStorage} for tests,
 * demos and hosts that keep nothing between restarts. Durable storages live in their own modules
 * ({@code discovery-jdbc}).
 */
package io.github.discoverysdk.storage;
