package io.github.discoverysdk.archfixture.accepted;

/** Fixture: the root's exception, thrown by every package. */
public class DiscoveryException extends RuntimeException {
  private static final long serialVersionUID = 1L;
}
