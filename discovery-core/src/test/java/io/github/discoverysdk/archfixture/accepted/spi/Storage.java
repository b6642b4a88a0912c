package io.github.discoverysdk.archfixture.accepted.spi;

import io.github.discoverysdk.archfixture.accepted.review.Cards;

/** Fixture: the storage SPI, handing out each subsystem's store. */
public interface Storage {
  Cards cards();
}
