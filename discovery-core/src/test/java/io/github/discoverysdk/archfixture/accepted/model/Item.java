package io.github.discoverysdk.archfixture.accepted.model;

import io.github.discoverysdk.archfixture.accepted.DiscoveryException;

/** Fixture: a value of the model, validated with the root's exception. */
public record Item(String id) {
  public Item {
    if (id.isEmpty()) {
      throw new DiscoveryException();
    }
  }
}
