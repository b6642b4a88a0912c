/**
 * Test kit for hosts and for authors of storages and connectors: contract suites every SPI
 * implementation extends ({@link io.github.discoverysdk.testkit.StorageContract}, {@link
 * io.github.discoverysdk.testkit.SignalSourceContract}), fakes ({@link
 * io.github.discoverysdk.testkit.ScriptedSource}, {@link
 * io.github.discoverysdk.testkit.MutableClock}) and {@link io.github.discoverysdk.testkit.Fixtures}
 * for valid values in one line.
 *
 * <pre>{@code
 * class JdbcStorageTest extends StorageContract {
 *   @Override
 *   protected Storage createStorage() {
 *     return JdbcStorage.h2InMemory();
 *   }
 * }
 * }</pre>
 */
package io.github.discoverysdk.testkit;
