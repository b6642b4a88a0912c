package io.github.discoverysdk.benchmarks.engine;

import io.github.discoverysdk.spi.OpportunityStore;
import io.github.discoverysdk.spi.Storage;
import io.github.discoverysdk.storage.ForwardingStorage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.LongAdder;

/**
 * A storage that times every call on its opportunity store, inside transactions and outside, split
 * into reads ({@code find*}, {@code list*}, {@code feed}, {@code count*}) and writes (everything
 * else: {@code save}, {@code saveAll} and whatever batch methods the store grows). A dynamic proxy
 * rather than a {@code ForwardingOpportunityStore}, so that a write method added later is timed
 * without touching this class. Times are summed over threads; commits are not included (they cover
 * the signals and watermark of the same transaction too). Thread-safe.
 */
final class TimedStorage extends ForwardingStorage {
  final LongAdder writeNanos = new LongAdder();
  final LongAdder writeCalls = new LongAdder();
  final LongAdder readNanos = new LongAdder();
  final LongAdder readCalls = new LongAdder();

  TimedStorage(Storage delegate) {
    super(delegate);
  }

  void reset() {
    writeNanos.reset();
    writeCalls.reset();
    readNanos.reset();
    readCalls.reset();
  }

  @Override
  public OpportunityStore opportunities() {
    return timed(super.opportunities());
  }

  @Override
  protected Storage wrapTransaction(Storage tx) {
    return new ForwardingStorage(tx) {
      @Override
      public OpportunityStore opportunities() {
        return timed(super.opportunities());
      }
    };
  }

  private OpportunityStore timed(OpportunityStore store) {
    return (OpportunityStore)
        Proxy.newProxyInstance(
            OpportunityStore.class.getClassLoader(),
            new Class<?>[] {OpportunityStore.class},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return method.invoke(store, args);
              }
              boolean read = isRead(method);
              long start = System.nanoTime();
              try {
                return method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              } finally {
                long nanos = System.nanoTime() - start;
                (read ? readNanos : writeNanos).add(nanos);
                (read ? readCalls : writeCalls).increment();
              }
            });
  }

  private static boolean isRead(Method m) {
    String n = m.getName();
    return n.startsWith("find")
        || n.startsWith("list")
        || n.startsWith("feed")
        || n.startsWith("count")
        || n.startsWith("get")
        || n.startsWith("exists");
  }
}
