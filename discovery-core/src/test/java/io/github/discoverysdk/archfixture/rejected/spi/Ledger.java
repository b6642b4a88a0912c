package io.github.discoverysdk.archfixture.rejected.spi;

import io.github.discoverysdk.archfixture.rejected.review.Reviews;

/** Fixture: an SPI other than Storage that uses a subsystem: still a cycle. */
public interface Ledger {
  default int pending(Reviews reviews) {
    return reviews.pending();
  }
}
