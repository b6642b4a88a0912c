package io.github.discoverysdk.archfixture.rejected.model;

import io.github.discoverysdk.archfixture.rejected.run.Stage;

/** Fixture: a value of the model that calls back into the run pipeline. */
public record Item(String id) {
  public Item rerun() {
    return new Stage().run(null);
  }
}
