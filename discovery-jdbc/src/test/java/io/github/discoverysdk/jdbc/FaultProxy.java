package io.github.discoverysdk.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback between a connection pool and a database server, which a test can break
 * the way networks break: {@link #resetAll()} drops every open connection with a TCP reset, {@link
 * #down(boolean)} resets new connections as they arrive, {@link #latency(Duration)} holds every
 * chunk of bytes in either direction and {@link #replyLatency(Duration)} only the server's. What
 * Toxiproxy does, in process, for test plan HTTP-9.
 */
final class FaultProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress target;
  private final ExecutorService threads = Executors.newCachedThreadPool(FaultProxy::daemon);
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong latencyMillis = new AtomicLong();
  private final AtomicLong replyLatencyMillis = new AtomicLong();
  private volatile boolean down;

  FaultProxy(String host, int port) throws IOException {
    this.target = new InetSocketAddress(host, port);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  }

  /** The port the proxy listens on, on 127.0.0.1. */
  int port() {
    return server.getLocalPort();
  }

  /** Closes every open connection, both sides, with a TCP reset (RST, not FIN). */
  void resetAll() {
    for (Socket s : open) {
      reset(s);
    }
  }

  /** While down, a new connection is reset as soon as it is accepted, and open ones are reset. */
  void down(boolean down) {
    this.down = down;
    if (down) {
      resetAll();
    }
  }

  /** Holds every chunk for this long before passing it on; zero for none. */
  void latency(Duration latency) {
    latencyMillis.set(latency.toMillis());
  }

  /**
   * Holds every chunk from the server for this long, on top of {@link #latency}: a request reaches
   * the server and is carried out while its reply is still on the way.
   */
  void replyLatency(Duration latency) {
    replyLatencyMillis.set(latency.toMillis());
  }

  /** Connections open through the proxy now, counting each side once. */
  int openConnections() {
    return open.size() / 2;
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (down) {
        reset(client);
        continue;
      }
      Socket upstream = new Socket();
      try {
        upstream.connect(target, 5_000);
      } catch (IOException e) {
        reset(client);
        continue;
      }
      open.add(client);
      open.add(upstream);
      threads.execute(() -> pump(client, upstream, false));
      threads.execute(() -> pump(upstream, client, true));
    }
  }

  private void pump(Socket from, Socket to, boolean replies) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        long wait = latencyMillis.get() + (replies ? replyLatencyMillis.get() : 0);
        if (wait > 0) {
          Thread.sleep(wait);
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // A reset or close on either side ends both directions.
    } finally {
      reset(from);
      reset(to);
    }
  }

  private void reset(Socket s) {
    open.remove(s);
    try {
      s.setSoLinger(true, 0);
    } catch (SocketException e) {
      // Already closed.
    }
    try {
      s.close();
    } catch (IOException e) {
      // Closing is all that is wanted.
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    resetAll();
    threads.shutdownNow();
  }
}
