package io.github.discoverysdk.testkit;

import io.github.discoverysdk.search.SearchIndex;

class MemorySearchIndexTest extends SearchIndexContract {
  @Override
  protected SearchIndex createIndex() {
    return new MemorySearchIndex();
  }
}
