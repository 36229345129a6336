package dev.walrus.local.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The testbed's latency proxy on loopback: delay, emulated loss, bytes and half-closes intact. */
class DelayProxyTest {
  @TempDir Path dir;
  private ServerSocket echo;
  private DelayProxy proxy;
  private InetSocketAddress front;

  @BeforeEach
  void start() throws Exception {
    echo = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> {
      while (true) {
        Socket s;
        try {
          s = echo.accept();
        } catch (IOException e) {
          return;
        }
        Thread.ofVirtual().start(() -> {
          try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            in.transferTo(out);
            s.shutdownOutput();
          } catch (IOException ignored) {
            // the test closed it
          }
        });
      }
    });
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    front = new InetSocketAddress("127.0.0.1", port);
    proxy = DelayProxy.start(List.of(new DelayProxy.Route(front, new InetSocketAddress("127.0.0.1", echo.getLocalPort()))),
        dir.resolve("latency.txt"));
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  @Test
  void aRoundTripTakesTwiceTheDelayAndAChangeAppliesToOpenConnections() throws Exception {
    DelayProxy.writeConditions(dir.resolve("latency.txt"), new DelayProxy.Conditions(100, 0));
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.conditions().delayMillis() == 100);
    try (Socket s = new Socket()) {
      s.connect(front);
      assertThat(roundTripMillis(s)).isGreaterThanOrEqualTo(200);
      DelayProxy.writeConditions(dir.resolve("latency.txt"), DelayProxy.Conditions.NONE);
      await().atMost(Duration.ofSeconds(10)).until(() -> roundTripMillis(s) < 150);
    }
  }

  @Test
  void lossHoldsChunksOneRetransmissionTimeout() throws Exception {
    DelayProxy.writeConditions(dir.resolve("latency.txt"), new DelayProxy.Conditions(0, 0.5));
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.conditions().loss() == 0.5);
    try (Socket s = new Socket()) {
      s.connect(front);
      long total = 0;
      for (int i = 0; i < 20; i++) {
        total += roundTripMillis(s);
      }
      // Each of the 40 chunks is held with probability 1/2: no stall at all has odds of 2^-40.
      assertThat(total).isGreaterThanOrEqualTo(DelayProxy.RETRANSMIT_MILLIS);
    }
  }

  @Test
  void bulkDataArrivesIdenticalAndTheEndOfStreamPassesThrough() throws Exception {
    DelayProxy.writeConditions(dir.resolve("latency.txt"), new DelayProxy.Conditions(5, 0.01));
    byte[] data = new byte[8 << 20];
    new SplittableRandom(7).nextBytes(data);
    try (Socket s = new Socket()) {
      s.connect(front);
      Thread writer = Thread.ofVirtual().start(() -> {
        try {
          s.getOutputStream().write(data);
          s.shutdownOutput();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      byte[] back = s.getInputStream().readAllBytes();
      writer.join();
      assertThat(back.length).isEqualTo(data.length);
      assertThat(Arrays.equals(back, data)).isTrue();
    }
  }

  @Test
  void badConditionsAreRefused() {
    assertThatThrownBy(() -> new DelayProxy.Conditions(-1, 0)).hasMessageContaining("the delay is 0 to 60 000 ms");
    assertThatThrownBy(() -> new DelayProxy.Conditions(0, 1.5)).hasMessageContaining("the loss is a fraction");
    assertThat(DelayProxy.Conditions.parse("delayMs=20\nloss=0.25\n")).isEqualTo(new DelayProxy.Conditions(20, 0.25));
    assertThatThrownBy(() -> DelayProxy.Route.parse("10.0.0.1:80")).hasMessageContaining("a route is");
  }

  private static long roundTripMillis(Socket s) throws IOException {
    long t0 = System.nanoTime();
    s.getOutputStream().write(42);
    s.getOutputStream().flush();
    new DataInputStream(s.getInputStream()).readUnsignedByte();
    return (System.nanoTime() - t0) / 1_000_000;
  }
}
