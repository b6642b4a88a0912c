package io.github.discoverysdk.archfixture.rejected.spi;

import io.github.discoverysdk.archfixture.rejected.DiscoveryEngine;
import io.github.discoverysdk.archfixture.rejected.DiscoveryException;
import io.github.discoverysdk.archfixture.rejected.Sessions;
import io.github.discoverysdk.archfixture.rejected.model.Item;
import io.github.discoverysdk.archfixture.rejected.run.Stage;

/** Fixture: an SPI that reaches for the engine, a facet and the run pipeline. */
public interface Port {
  Item load(String id) throws DiscoveryException;

  default Object viaEngine(DiscoveryEngine engine) {
    return engine.discover(this);
  }

  default String viaFacet(Sessions sessions) {
    return sessions.open("pricing");
  }

  default Item viaRun() {
    return new Stage().run(this);
  }
}
