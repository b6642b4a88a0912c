package io.github.discoverysdk.testkit;

import io.github.discoverysdk.records.RecordCursor;
import io.github.discoverysdk.records.RecordRead;
import io.github.discoverysdk.records.RecordSource;
import io.github.discoverysdk.records.SourceRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link RecordSource} over an in-memory table, for tests of record jobs: rows are put with the
 * timestamp their writer stamps (which may be older than rows read already, as a late commit's is),
 * and read in (timestamp, key) order with keys compared as text. Counts the reads and the rows they
 * returned. Thread-safe: every method is synchronized.
 */
public final class TableRecordSource implements RecordSource {
  private static final Comparator<SourceRow> ORDER =
      Comparator.comparing(SourceRow::updatedAt).thenComparing(SourceRow::key);

  private final String id;
  private final Map<String, SourceRow> rows = new HashMap<>();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicLong rowsRead = new AtomicLong();
  private RuntimeException failure;

  private TableRecordSource(String id) {
    this.id = id;
  }

  /** An empty table whose source id (and record type) is {@code id}. */
  public static TableRecordSource named(String id) {
    return new TableRecordSource(id);
  }

  @Override
  public String id() {
    return id;
  }

  /** Inserts or replaces a row with its state. */
  public synchronized TableRecordSource put(
      String key, Instant updatedAt, Map<String, String> state) {
    return put(new SourceRow(key, updatedAt, state, Optional.empty(), Optional.empty()));
  }

  /** Inserts or replaces a row. */
  public synchronized TableRecordSource put(SourceRow row) {
    rows.put(row.key(), row);
    return this;
  }

  /** Makes every read throw {@code e} until cleared with {@code null}. */
  public synchronized void failWith(RuntimeException e) {
    this.failure = e;
  }

  @Override
  public synchronized List<SourceRow> read(RecordRead request) {
    if (failure != null) {
      throw failure;
    }
    reads.incrementAndGet();
    RecordCursor after = request.after();
    List<SourceRow> out = new ArrayList<>();
    for (SourceRow r : rows.values()) {
      int at = r.updatedAt().compareTo(after.at());
      boolean isAfter =
          after.key().isEmpty()
              ? at >= 0
              : at > 0 || (at == 0 && r.key().compareTo(after.key().get()) > 0);
      if (isAfter) {
        out.add(r);
      }
    }
    out.sort(ORDER);
    List<SourceRow> page = List.copyOf(out.subList(0, Math.min(out.size(), request.limit())));
    rowsRead.addAndGet(page.size());
    return page;
  }

  /** How many reads were made. */
  public long reads() {
    return reads.get();
  }

  /** How many rows the reads returned in all. */
  public long rowsRead() {
    return rowsRead.get();
  }

  /** How many rows the table holds. */
  public synchronized int size() {
    return rows.size();
  }
}
