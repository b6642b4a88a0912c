/**
 * Not API: public only for technical reasons; may change without notice. Used by {@code
 * discovery-core} alone: no other module may depend on it (checked by {@code InternalBoundaryTest}
 * in {@code discovery-benchmarks}). Code another module needs belongs in a public package, such as
 * {@link io.github.discoverysdk.support} or {@link io.github.discoverysdk.storage}.
 *
 * <p>Hosts and connector authors must not depend on it either.
 */
package io.github.discoverysdk.internal;
