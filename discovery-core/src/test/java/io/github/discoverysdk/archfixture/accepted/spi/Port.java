package io.github.discoverysdk.archfixture.accepted.spi;

import io.github.discoverysdk.archfixture.accepted.DiscoveryException;
import io.github.discoverysdk.archfixture.accepted.model.Item;

/** Fixture: an SPI that uses the model and throws the root's exception. */
public interface Port {
  Item load(String id) throws DiscoveryException;
}
