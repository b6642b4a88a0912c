package io.github.discoverysdk.benchmarks.records;

import io.github.discoverysdk.records.RecordRead;
import io.github.discoverysdk.records.RecordSource;
import io.github.discoverysdk.records.SourceRow;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A record source that counts the queries it makes and the rows they return. Thread-safe. */
final class CountingSource implements RecordSource {
  private final RecordSource delegate;
  private final AtomicLong queries = new AtomicLong();
  private final AtomicLong rows = new AtomicLong();

  CountingSource(RecordSource delegate) {
    this.delegate = delegate;
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public void validate() throws Exception {
    delegate.validate();
  }

  @Override
  public List<SourceRow> read(RecordRead request) throws Exception {
    List<SourceRow> page = delegate.read(request);
    queries.incrementAndGet();
    rows.addAndGet(page.size());
    return page;
  }

  /** Queries and rows since the last call, then zeroed. */
  long[] takeCounts() {
    return new long[] {queries.getAndSet(0), rows.getAndSet(0)};
  }
}
