/**
 * The engine ({@link io.github.discoverysdk.DiscoveryEngine}), its builder, the principal-bound
 * {@link io.github.discoverysdk.SecuredEngine} with its facets, and the SDK's typed exceptions.
 *
 * <h2>Facets</h2>
 *
 * <p>Each subsystem is reached from {@link DiscoveryEngine} as a facet. A new subsystem (records,
 * accounts and review, sessions, deals) adds its facet in three steps: (1) a package of core with
 * its own store, reached through one accessor on {@link io.github.discoverysdk.spi.Storage} that
 * every storage implements and the testkit's storage contract covers; (2) a thread-safe facade
 * class in that package, built from the storage, the clock and its own settings, never from the
 * engine, which writes its audit rows in the same transaction as its change; (3) one accessor on
 * the engine returning it, wired in {@code EngineAssembly} next to the other facets, with any
 * builder setting it needs added to the builder and its settings. A facet whose calls start work
 * that {@link DiscoveryEngine#close()} must wait for goes through the engine's gate, as the runs
 * do; a facet that only reads and writes storage keeps working after close, as {@link
 * DiscoveryEngine#profiles()} does.
 */
package io.github.discoverysdk;
