package io.github.discoverysdk.testkit;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Runs tasks on several threads released at the same moment, and collects their outcomes. */
final class Concurrently {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Concurrently() {}

  /** What one task returned or threw. */
  record Outcome<T>(T value, Throwable failure) {
    boolean succeeded() {
      return failure == null;
    }
  }

  /**
   * Runs {@code task.apply(i)} for i in 0..threads-1, each on its own thread, all starting
   * together; returns the outcomes in the order of i. Fails the test if a task hangs.
   */
  static <T> List<Outcome<T>> run(int threads, IntFunction<Callable<T>> task)
      throws InterruptedException {
    return run(threads, TIMEOUT, task);
  }

  /**
   * As {@link #run(int, IntFunction)}, but a task counts as hung only after {@code timeout}: for
   * tasks whose honest duration depends on the server's speed, so that a slow CI machine is not
   * taken for a deadlock.
   */
  static <T> List<Outcome<T>> run(int threads, Duration timeout, IntFunction<Callable<T>> task)
      throws InterruptedException {
    long seconds = timeout.toSeconds();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<T> body = task.apply(i);
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  start.await();
                  return body.call();
                }));
      }
      if (!ready.await(seconds, TimeUnit.SECONDS)) {
        fail("the " + threads + " threads did not start within " + seconds + " s");
      }
      start.countDown();
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (Future<T> f : futures) {
        try {
          outcomes.add(new Outcome<>(f.get(seconds, TimeUnit.SECONDS), null));
        } catch (ExecutionException e) {
          outcomes.add(new Outcome<>(null, e.getCause()));
        } catch (TimeoutException e) {
          fail("a task did not finish within " + seconds + " s: deadlock?", e);
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
