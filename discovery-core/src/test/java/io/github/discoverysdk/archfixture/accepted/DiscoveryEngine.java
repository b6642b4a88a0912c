package io.github.discoverysdk.archfixture.accepted;

import io.github.discoverysdk.archfixture.accepted.run.Stage;
import io.github.discoverysdk.archfixture.accepted.spi.Port;

/** Fixture: the facade, which depends on every package. */
public final class DiscoveryEngine {
  public Object discover(Port port) {
    return new Stage().run(port);
  }
}
