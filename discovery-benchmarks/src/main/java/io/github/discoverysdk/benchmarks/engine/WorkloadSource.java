package io.github.discoverysdk.benchmarks.engine;

import io.github.discoverysdk.model.Signal;
import io.github.discoverysdk.model.SignalType;
import io.github.discoverysdk.spi.SignalSource;
import io.github.discoverysdk.spi.SourceCapabilities;
import io.github.discoverysdk.spi.SourceContext;
import io.github.discoverysdk.spi.SourceRequest;
import io.github.discoverysdk.spi.SourceResult;
import java.util.List;
import java.util.Optional;

/**
 * An in-process feed source over a fixed list of signals: no network, no parsing, so the benchmark
 * times the engine and its storage only. The cursor is the number of signals already served; a
 * fetch serves at most {@code request.limit()} from there and says whether more remain, so a second
 * run with the cursor at the end fetches nothing. In {@linkplain #replay replay} mode it ignores
 * the cursor and serves the list again from the start, as a source without cursors (a feed that
 * always returns its latest items) does. Thread-safe.
 */
final class WorkloadSource implements SignalSource {
  private final String id;
  private final List<Signal> signals;
  private volatile boolean replay;

  /**
   * @param id the source id every signal's key names
   */
  WorkloadSource(String id, List<Signal> signals) {
    this.id = id;
    this.signals = List.copyOf(signals);
  }

  /** Whether fetches ignore the cursor and serve every signal again. */
  void replay(boolean replay) {
    this.replay = replay;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public SourceCapabilities capabilities() {
    return SourceCapabilities.builder().addSignalTypes(SignalType.NEWS).build();
  }

  @Override
  public SourceResult fetch(SourceRequest request, SourceContext context) {
    int from = replay ? 0 : request.cursor().map(Integer::parseInt).orElse(0);
    int to = (int) Math.min(signals.size(), (long) from + request.limit());
    return SourceResult.builder()
        .signals(signals.subList(Math.min(from, to), to))
        .nextCursor(Optional.of(Integer.toString(to)))
        .more(to < signals.size())
        .build();
  }
}
