package io.github.discoverysdk.archfixture.rejected.run;

import io.github.discoverysdk.archfixture.rejected.model.Item;
import io.github.discoverysdk.archfixture.rejected.spi.Port;

/** Fixture: a stage of the run pipeline. */
public final class Stage {
  public Item run(Port port) {
    return port.load("x");
  }
}
