package io.github.discoverysdk.archfixture.rejected.review;

/** Fixture: a subsystem's store, handed out by spi.Storage. */
public interface Cards {
  int count();
}
