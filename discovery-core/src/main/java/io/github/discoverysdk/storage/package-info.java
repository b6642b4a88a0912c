/**
 * Storages shipped with the core: {@link io.github.discoverysdk.storage.InMemoryStorage} for tests,
 * demos and hosts that keep nothing between restarts. Durable storages live in their own modules
 * ({@code discovery-jdbc}).
 *
 * <p>Also the building blocks every {@code Storage} implementation shares, public for their
 * authors: the {@code Forwarding*} decorators, {@link io.github.discoverysdk.storage.FeedSupport}
 * (feed filtering, ordering and cursors) and {@link
 * io.github.discoverysdk.storage.TrackingSupport}.
 */
package io.github.discoverysdk.storage;
