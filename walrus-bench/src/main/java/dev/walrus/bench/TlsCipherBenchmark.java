package dev.walrus.bench;

import dev.walrus.http.tls.NetworkKeyPair;
import dev.walrus.http.tls.NodeTls;
import dev.walrus.http.tls.PinnedKeyTrustManager;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What TLS 1.3 costs per byte of sliver traffic, one thread, no network: 1 MiB of application
 * data sealed into records by a node client's engine and opened by a node's engine (both as
 * {@link NodeTls} configures them), by cipher suite. Sealing and opening are what a sliver upload
 * pays on the client and on the node, on top of HTTP.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1)
@State(Scope.Benchmark)
public class TlsCipherBenchmark {
  private static final int PAYLOAD = 1 << 20;

  @Param({"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256"})
  public String suite;

  /** Records in direct buffers (as Jetty's TLS connection may hold them) or on the heap. */
  @Param({"false", "true"})
  public boolean direct;

  private SslContextFactory.Server serverFactory;
  private SslContextFactory.Client clientFactory;
  private SSLEngine client;
  private SSLEngine server;
  private ByteBuffer plain;
  private ByteBuffer records;
  private ByteBuffer opened;

  @Setup
  public void setUp() throws Exception {
    NetworkKeyPair key = NetworkKeyPair.generate();
    serverFactory = NodeTls.serverContext(key, "127.0.0.1", Optional.empty());
    serverFactory.start();
    PinnedKeyTrustManager pins = new PinnedKeyTrustManager();
    pins.pin("127.0.0.1:9185", key.publicKeyBytes());
    clientFactory = NodeTls.clientContext(pins);
    clientFactory.start();
    client = clientFactory.newSSLEngine("127.0.0.1", 9185);
    client.setUseClientMode(true);
    server = serverFactory.newSSLEngine();
    server.setUseClientMode(false);
    for (SSLEngine e : new SSLEngine[] {client, server}) {
      e.setEnabledProtocols(new String[] {"TLSv1.3"});
      e.setEnabledCipherSuites(new String[] {suite});
    }
    handshake();
    if (!client.getSession().getCipherSuite().equals(suite)) {
      throw new IllegalStateException("negotiated " + client.getSession().getCipherSuite() + ", not " + suite);
    }
    byte[] data = new byte[PAYLOAD];
    new Random(1).nextBytes(data);
    plain = ByteBuffer.wrap(data);
    int packet = client.getSession().getPacketBufferSize();
    int recordBytes = (PAYLOAD / 16384 + 2) * packet;
    int openedBytes = PAYLOAD + client.getSession().getApplicationBufferSize();
    records = direct ? ByteBuffer.allocateDirect(recordBytes) : ByteBuffer.allocate(recordBytes);
    opened = direct ? ByteBuffer.allocateDirect(openedBytes) : ByteBuffer.allocate(openedBytes);
  }

  @TearDown
  public void tearDown() throws Exception {
    clientFactory.stop();
    serverFactory.stop();
  }

  /** 1 MiB sealed by the client and opened by the server. */
  @Benchmark
  public int sealAndOpen() throws SSLException {
    plain.clear();
    records.clear();
    while (plain.hasRemaining()) {
      client.wrap(plain, records);
    }
    records.flip();
    opened.clear();
    while (records.hasRemaining()) {
      SSLEngineResult r = server.unwrap(records, opened);
      if (r.getStatus() != SSLEngineResult.Status.OK) {
        throw new IllegalStateException("unwrap: " + r);
      }
    }
    return opened.position();
  }

  private void handshake() throws Exception {
    ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
    ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
    ByteBuffer sink = ByteBuffer.allocate(1 << 17);
    ByteBuffer empty = ByteBuffer.allocate(0);
    client.beginHandshake();
    server.beginHandshake();
    for (int step = 0; step < 1000; step++) {
      if (!handshaking(client) && !handshaking(server)) {
        return;
      }
      advance(client, empty, toServer, toClient, sink);
      advance(server, empty, toClient, toServer, sink);
    }
    throw new IllegalStateException("the handshake did not finish");
  }

  private static boolean handshaking(SSLEngine e) {
    SSLEngineResult.HandshakeStatus s = e.getHandshakeStatus();
    return s != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING && s != SSLEngineResult.HandshakeStatus.FINISHED;
  }

  /** One step of {@code e}'s handshake: writes to {@code out}, reads what the peer wrote to {@code in}. */
  private static void advance(SSLEngine e, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer sink)
      throws SSLException {
    switch (e.getHandshakeStatus()) {
      case NEED_WRAP -> e.wrap(empty, out);
      case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
        in.flip();
        e.unwrap(in, sink);
        in.compact();
        sink.clear();
      }
      case NEED_TASK -> {
        Runnable task;
        while ((task = e.getDelegatedTask()) != null) {
          task.run();
        }
      }
      default -> { }
    }
  }
}
