package io.github.discoverysdk.reconcile;

/**
 * Where the engine alerts on what the {@link Reconciliation} job finds (a chat channel, a pager, a
 * ticket queue). Each finding is enqueued in the outbox once per sink, deduplicated on {@link
 * Finding#key()}, and delivered with the outbox's retries, backoff and dead letters. Register it
 * with {@code DiscoveryEngine.builder().addFindingSink(sink)}. Implementations must be thread-safe:
 * dispatchers of several threads or engines may call them at once.
 */
public interface FindingSink {
  /** A stable, unique id: the outbox entries of this sink name it. */
  String id();

  /**
   * Sends one finding. The finding is rebuilt from its outbox entry: its kind, tenant, subject and
   * start are those found; its {@link Finding#detail()} is a standard sentence naming them, and
   * {@link Finding#repaired()} is false (the job's report and listeners have the original). A
   * redelivery after a crash sends the same finding again: deduplicate on {@link Finding#key()}.
   *
   * @throws io.github.discoverysdk.SinkException permanent when retrying cannot help (the entry
   *     dies at once), else the attempt is retried with backoff
   * @throws Exception any other failure, retried with backoff
   */
  void send(Finding finding) throws Exception;
}
