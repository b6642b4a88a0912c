package io.github.discoverysdk.archfixture.rejected.spi;

import io.github.discoverysdk.archfixture.rejected.review.Cards;

/** Fixture: the storage SPI, handing out each subsystem's store. */
public interface Storage {
  Cards cards();
}
