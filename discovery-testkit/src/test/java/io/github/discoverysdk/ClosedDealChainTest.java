package io.github.discoverysdk;

import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.InMemoryStorage;
import io.github.discoverysdk.testkit.ClosedDealChainContract;

/** The monthly closed-deal chain on the in-memory storage. */
class ClosedDealChainTest extends ClosedDealChainContract {
  @Override
  protected Storage createStorage() {
    return InMemoryStorage.create();
  }
}
