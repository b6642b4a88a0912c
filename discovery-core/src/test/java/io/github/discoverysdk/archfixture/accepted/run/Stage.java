package io.github.discoverysdk.archfixture.accepted.run;

import io.github.discoverysdk.archfixture.accepted.model.Item;
import io.github.discoverysdk.archfixture.accepted.spi.Port;

/** Fixture: a stage of the run pipeline. */
public final class Stage {
  public Item run(Port port) {
    return port.load("x");
  }
}
