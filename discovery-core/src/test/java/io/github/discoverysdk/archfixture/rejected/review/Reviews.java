package io.github.discoverysdk.archfixture.rejected.review;

import io.github.discoverysdk.archfixture.rejected.spi.Storage;

/** Fixture: a subsystem's facade, in its package, built from the storage. */
public final class Reviews {
  private final Storage storage;

  public Reviews(Storage storage) {
    this.storage = storage;
  }

  public int pending() {
    return storage.cards().count();
  }
}
