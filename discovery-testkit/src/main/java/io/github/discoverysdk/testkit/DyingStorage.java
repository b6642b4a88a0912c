package io.github.discoverysdk.testkit;

import io.github.discoverysdk.StorageException;
import io.github.discoverysdk.spi.Storage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A storage that forwards to another until {@link #kill()}, then refuses every call, from every
 * store and transaction obtained before or after: what an engine whose process died writes from
 * then on, nothing. Use it for the engine that dies; give the engine that restarts the delegate.
 *
 * <pre>{@code
 * DyingStorage dying = DyingStorage.over(storage);
 * DiscoveryEngine doomed = builder.storage(dying.storage()).addSource(source.onFetch(dying::kill))...;
 * }</pre>
 *
 * <p>Thread-safe if the delegate is.
 */
public final class DyingStorage {
  private final AtomicBoolean dead = new AtomicBoolean();
  private final Storage storage;

  private DyingStorage(Storage delegate) {
    this.storage = wrap(Storage.class, Objects.requireNonNull(delegate, "delegate"));
  }

  /** A dying storage over {@code delegate}, alive until {@link #kill()}. */
  public static DyingStorage over(Storage delegate) {
    return new DyingStorage(delegate);
  }

  /** The storage to give the engine that dies. */
  public Storage storage() {
    return storage;
  }

  /** From now on every call throws {@link StorageException}. */
  public void kill() {
    dead.set(true);
  }

  /** Whether {@link #kill()} was called. */
  public boolean isDead() {
    return dead.get();
  }

  private <T> T wrap(Class<T> type, Object target) {
    InvocationHandler handler = (proxy, method, args) -> invoke(target, method, args);
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private Object invoke(Object target, Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      return method.getName().equals("equals")
          ? Boolean.valueOf(args[0] == target)
          : method.invoke(target, args);
    }
    if (dead.get()) {
      throw new StorageException("the engine's process died (DyingStorage was killed)", null);
    }
    Object[] call = args;
    if (method.getName().equals("inTransaction") && args != null && args.length == 1) {
      Storage.Work<?> work = (Storage.Work<?>) args[0];
      Storage.Work<Object> dying = tx -> work.run(wrap(Storage.class, tx));
      call = new Object[] {dying};
    }
    Object result;
    try {
      result = method.invoke(target, call);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    Class<?> returned = method.getReturnType();
    if (result != null
        && returned.isInterface()
        && returned.getPackageName().equals(Storage.class.getPackageName())) {
      // A store: its calls die with the storage, even when the caller kept it from before.
      return wrap(returned, result);
    }
    return result;
  }
}
