/**
 * Service provider interfaces: the seams where connectors, storages, scorers and sinks plug into
 * the engine. Each is a small interface with immutable arguments and results; registration is
 * explicit on {@code DiscoveryEngine.builder()}. Contract suites for implementations live in {@code
 * discovery-testkit}.
 */
@DiscoveryStyle
package io.github.discoverysdk.spi;

import io.github.discoverysdk.model.DiscoveryStyle;
