package io.github.discoverysdk.archfixture.rejected;

import io.github.discoverysdk.archfixture.rejected.run.Stage;
import io.github.discoverysdk.archfixture.rejected.spi.Port;

/** Fixture: the facade, which depends on every package. */
public final class DiscoveryEngine {
  public Object discover(Port port) {
    return new Stage().run(port);
  }
}
