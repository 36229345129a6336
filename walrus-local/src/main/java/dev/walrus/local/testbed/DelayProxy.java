package dev.walrus.local.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A user-space TCP proxy that adds latency and emulated loss between testbed hosts, because the
 * kernel here has no {@code netem}. Each host's public address (the one registered and written in
 * configurations) is an address of this proxy, which forwards every connection to the host's own
 * address, holding each chunk of bytes for the configured one-way delay in each direction (so a
 * round trip grows by twice the delay).
 *
 * <p>Loss: TCP never loses bytes, it recovers them late. With probability {@code loss} a chunk is
 * held one retransmission timeout ({@link #RETRANSMIT_MILLIS}) longer, and everything behind it
 * waits too, as a lost segment would stall a real connection.
 *
 * <p>Bounded: per direction of a connection at most {@link #QUEUED_CHUNKS} chunks of at most
 * {@link #CHUNK_BYTES} wait; a full queue stops reading from the sender, whose TCP window then
 * closes. The conditions are re-read from a control file every {@link #RELOAD_MILLIS}, so {@code
 * walrus testbed latency} changes them on running connections.
 */
public final class DelayProxy implements AutoCloseable {
  static final int CHUNK_BYTES = 64 << 10;
  static final int QUEUED_CHUNKS = 32;
  static final long RETRANSMIT_MILLIS = 200;
  static final long RELOAD_MILLIS = 500;
  private static final byte[] EOF = new byte[0];

  /** One forwarded address. */
  public record Route(InetSocketAddress listen, InetSocketAddress target) {
    static Route parse(String line) {
      String[] f = line.strip().split("\\s+");
      if (f.length != 2) {
        throw new IllegalArgumentException("a route is 'listenHost:port targetHost:port', got '" + line + "'");
      }
      return new Route(address(f[0]), address(f[1]));
    }

    String format() {
      return listen.getHostString() + ":" + listen.getPort() + " " + target.getHostString() + ":" + target.getPort();
    }

    private static InetSocketAddress address(String hostPort) {
      int colon = hostPort.lastIndexOf(':');
      return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
  }

  /** What the proxy does to traffic: one-way delay, and the chance a chunk is "lost". */
  public record Conditions(long delayMillis, double loss) {
    public static final Conditions NONE = new Conditions(0, 0);

    public Conditions {
      if (delayMillis < 0 || delayMillis > 60_000) {
        throw new IllegalArgumentException("the delay is 0 to 60 000 ms, got " + delayMillis);
      }
      if (!(loss >= 0 && loss < 1)) {
        throw new IllegalArgumentException("the loss is a fraction from 0 to below 1, got " + loss);
      }
    }

    /** {@code delayMs=100} and {@code loss=0.01} lines; absent lines are zero. */
    static Conditions parse(String text) {
      long delay = 0;
      double loss = 0;
      for (String line : text.split("\n")) {
        String[] kv = line.strip().split("=", 2);
        if (kv.length == 2 && kv[0].strip().equals("delayMs")) {
          delay = Long.parseLong(kv[1].strip());
        } else if (kv.length == 2 && kv[0].strip().equals("loss")) {
          loss = Double.parseDouble(kv[1].strip());
        }
      }
      return new Conditions(delay, loss);
    }

    String format() {
      return String.format(Locale.ROOT, "delayMs=%d%nloss=%s%n", delayMillis, loss);
    }
  }

  private final List<ServerSocket> listeners = new ArrayList<>();
  private final Path control;
  private volatile Conditions conditions;
  private volatile boolean closed;

  private DelayProxy(Path control, Conditions initial) {
    this.control = control;
    this.conditions = initial;
  }

  /** Listens on every route's address and forwards from now on; {@code control} may not exist yet. */
  public static DelayProxy start(List<Route> routes, Path control) throws IOException {
    DelayProxy proxy = new DelayProxy(control, readConditions(control));
    try {
      for (Route r : routes) {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(r.listen(), 256);
        proxy.listeners.add(server);
        Thread.ofVirtual().name("proxy-accept-" + r.listen().getPort()).start(() -> proxy.accept(server, r));
      }
    } catch (IOException e) {
      proxy.close();
      throw new IOException("cannot listen on every proxy address: " + e.getMessage(), e);
    }
    Thread.ofVirtual().name("proxy-control").start(proxy::reloadLoop);
    return proxy;
  }

  public Conditions conditions() {
    return conditions;
  }

  /** Writes {@code c} where a running proxy reads it (atomically: a reader never sees half a file). */
  public static void writeConditions(Path control, Conditions c) throws IOException {
    Path tmp = control.resolveSibling(control.getFileName() + ".tmp");
    Files.writeString(tmp, c.format());
    Files.move(tmp, control, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  public static Conditions readConditions(Path control) throws IOException {
    try {
      return Conditions.parse(Files.readString(control, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Conditions.NONE;
    }
  }

  private void reloadLoop() {
    while (!closed) {
      try {
        Thread.sleep(RELOAD_MILLIS);
        conditions = readConditions(control);
      } catch (InterruptedException e) {
        return;
      } catch (IOException | RuntimeException e) {
        System.err.println("delay proxy: keeping " + conditions + ", cannot read " + control + ": " + e.getMessage());
      }
    }
  }

  private void accept(ServerSocket server, Route route) {
    while (!closed) {
      Socket in;
      try {
        in = server.accept();
      } catch (IOException e) {
        return;
      }
      Thread.ofVirtual().start(() -> connect(in, route));
    }
  }

  private void connect(Socket in, Route route) {
    Socket out = new Socket();
    try {
      in.setTcpNoDelay(true);
      out.setTcpNoDelay(true);
      out.connect(route.target(), 10_000);
    } catch (IOException e) {
      closeQuietly(in);
      closeQuietly(out);
      return;
    }
    // Both sockets are closed once both directions have ended (or at once on an error).
    AtomicInteger open = new AtomicInteger(2);
    Runnable ended = () -> {
      if (open.decrementAndGet() == 0) {
        closeQuietly(in);
        closeQuietly(out);
      }
    };
    pump(in, out, ended);
    pump(out, in, ended);
  }

  /** Forwards one direction: a reader queues timed chunks, a writer sends each when it is due. */
  private void pump(Socket from, Socket to, Runnable ended) {
    BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    Thread.ofVirtual().start(() -> {
      long lastDue = 0;
      // Not try-with-resources: closing a socket's stream closes the socket, and the other
      // direction may still be sending after this one's end of stream.
      try {
        InputStream input = from.getInputStream();
        byte[] buffer = new byte[CHUNK_BYTES];
        while (true) {
          int n = input.read(buffer);
          Conditions c = conditions;
          long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(c.delayMillis());
          if (c.loss() > 0 && ThreadLocalRandom.current().nextDouble() < c.loss()) {
            due += TimeUnit.MILLISECONDS.toNanos(RETRANSMIT_MILLIS);
          }
          lastDue = Math.max(due, lastDue);
          // Queued at its own size: a one-byte read must not hold a whole read buffer.
          queue.put(new Chunk(n < 0 ? EOF : Arrays.copyOf(buffer, n), Math.max(n, 0), lastDue));
          if (n < 0) {
            return;
          }
        }
      } catch (IOException | InterruptedException e) {
        // Closing both ends stops the writer too, even when the queue is full and cannot take the
        // end marker.
        queue.offer(new Chunk(null, 0, 0));
        closeQuietly(from);
        closeQuietly(to);
      }
    });
    Thread.ofVirtual().start(() -> {
      try {
        OutputStream output = to.getOutputStream();
        while (true) {
          Chunk chunk = queue.take();
          if (chunk.bytes == null) {
            break;
          }
          long wait = chunk.due - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          if (chunk.bytes == EOF) {
            to.shutdownOutput();
            ended.run();
            return;
          }
          output.write(chunk.bytes, 0, chunk.length);
          output.flush();
        }
      } catch (IOException | InterruptedException e) {
        // the other side went away
      }
      closeQuietly(from);
      closeQuietly(to);
    });
  }

  private record Chunk(byte[] bytes, int length, long due) {}

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    for (ServerSocket s : listeners) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  /**
   * {@code DelayProxy DIR}: forwards the routes in {@code DIR/proxy-routes.txt} under the conditions
   * in {@code DIR/latency.txt}, until {@code DIR/testbed.json} is gone (the testbed was taken down).
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: DelayProxy TESTBED_DIR");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    List<Route> routes = Files.readAllLines(dir.resolve(ROUTES_FILE)).stream().filter(l -> !l.isBlank())
        .map(Route::parse).toList();
    try (DelayProxy proxy = start(routes, dir.resolve(CONTROL_FILE))) {
      System.err.println("delay proxy: " + routes.size() + " routes, " + proxy.conditions());
      while (Files.exists(dir.resolve(TestbedState.FILE))) {
        Thread.sleep(RELOAD_MILLIS);
      }
    }
  }

  static final String ROUTES_FILE = "proxy-routes.txt";
  static final String CONTROL_FILE = "latency.txt";
}
