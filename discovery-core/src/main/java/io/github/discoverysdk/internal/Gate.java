package io.github.discoverysdk.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets operations through until closed, counting those in progress, so that closing can wait for
 * them to end. Not part of the API: it may change without notice. Thread-safe.
 */
public final class Gate {
  private final String what;
  private int inProgress;
  private boolean closed;

  /** A gate of {@code what}, named in the error of a call after {@link #close}. */
  public Gate(String what) {
    this.what = what;
  }

  /**
   * Runs {@code work}, counted as in progress until it returns or throws.
   *
   * @throws IllegalStateException if the gate is closed
   */
  public <T> T through(Supplier<T> work) {
    enter();
    try {
      return work.get();
    } finally {
      leave();
    }
  }

  /** Runs {@code work} as {@link #through} does, unless the gate is closed; then does nothing. */
  public void ifOpen(Runnable work) {
    synchronized (this) {
      if (closed) {
        return;
      }
      inProgress++;
    }
    try {
      work.run();
    } finally {
      leave();
    }
  }

  /** Whether {@link #close} was called. */
  public synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Refuses new operations, then waits up to {@code timeout} for those in progress to end; returns
   * how many were still in progress when it stopped waiting (0 when all ended). An interrupt stops
   * the wait early and is kept on the thread. Calling it again waits again.
   */
  public synchronized int close(Duration timeout) {
    closed = true;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inProgress > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return inProgress;
  }

  private synchronized void enter() {
    if (closed) {
      throw new IllegalStateException(what + " is closed");
    }
    inProgress++;
  }

  private synchronized void leave() {
    inProgress--;
    if (inProgress == 0) {
      notifyAll();
    }
  }
}
