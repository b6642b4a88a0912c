package io.github.discoverysdk.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Fans a run's work (queries, refreshes) out on the engine's executor and waits for all of it. A
 * task that throws is a bug worth reporting, not hiding: it fails its query and the run says so.
 * Used by the run's calling thread.
 */
final class Tasks {
  private final RunContext ctx;
  private final FetchStage fetch;

  Tasks(RunContext ctx, FetchStage fetch) {
    this.ctx = ctx;
    this.fetch = fetch;
  }

  <T> void runAll(List<T> items, Consumer<T> work) {
    map(
        items,
        t -> {
          work.accept(t);
          return Boolean.TRUE;
        });
  }

  /** Each item's result, in order; null where its task failed or the wait was interrupted. */
  <T, R> List<R> map(List<T> items, Function<T, R> work) {
    List<Future<R>> futures = new ArrayList<>(items.size());
    for (T item : items) {
      futures.add(ctx.config.executor().submit(() -> work.apply(item)));
    }
    List<R> out = new ArrayList<>(items.size());
    for (Future<R> f : futures) {
      try {
        out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        ctx.addError("run interrupted");
        futures.forEach(x -> x.cancel(true));
        while (out.size() < items.size()) {
          out.add(null);
        }
        return out;
      } catch (ExecutionException e) {
        fetch.queriesFailed(1);
        ctx.addError("query task failed: " + e.getCause());
        RunContext.log.error("run {}: query task failed", ctx.runId, e.getCause());
        out.add(null);
      }
    }
    return out;
  }
}
