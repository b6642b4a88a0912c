package io.github.discoverysdk.internal;

import io.github.discoverysdk.ConcurrentUpdateException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Retries work that is safe to apply again (it reads what it changes afresh each time) when it
 * loses a version race: feedback, team status changes, archiving. Each retry waits a short random
 * time, doubling its bound each time, so that writers racing for one row spread out instead of
 * colliding again. Not part of the API: it may change without notice. Thread-safe.
 */
public final class Conflicts {
  /**
   * Attempts in all before the last conflict may be thrown: enough for dozens of racing writers.
   */
  public static final int ATTEMPTS = 16;

  /**
   * How long the work is retried at least, however many attempts that takes: on a loaded machine a
   * transaction holds its row for longer, and a writer can lose many races in a row to others that
   * each win one. Every round of a race has a winner, so the writers all get in within this time.
   */
  static final long MIN_RETRY_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

  /** The bound of the longest wait between two attempts, in milliseconds. */
  static final int MAX_BACKOFF_MILLIS = 128;

  private Conflicts() {}

  /**
   * The result of {@code work}, run again after each {@link ConcurrentUpdateException} until it has
   * been tried {@link #ATTEMPTS} times and for ten seconds. Any other exception is thrown at once.
   *
   * @throws ConcurrentUpdateException the last conflict, when every attempt lost one, or the one in
   *     progress when the thread is interrupted while waiting to retry (its flag is kept)
   */
  public static <T> T retry(Supplier<T> work) {
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (ConcurrentUpdateException e) {
        if (attempt >= ATTEMPTS && System.nanoTime() - start >= MIN_RETRY_NANOS) {
          throw e;
        }
        backOff(attempt, e);
      }
    }
  }

  private static void backOff(int attempt, ConcurrentUpdateException conflict) {
    int bound = Math.min(MAX_BACKOFF_MILLIS, 1 << attempt);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw conflict;
    }
  }
}
