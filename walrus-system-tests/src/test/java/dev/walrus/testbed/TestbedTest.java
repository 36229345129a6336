package dev.walrus.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.walrus.cli.CliRun;
import dev.walrus.cli.WalletFile;
import dev.walrus.client.StoreOptions;
import dev.walrus.client.StoreResult;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.StatusView;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.local.testbed.Testbed;
import dev.walrus.local.testbed.TestbedState;
import dev.walrus.node.client.StorageNodeClients;
import dev.walrus.node.client.StorageNodeException;
import dev.walrus.http.tls.NetworkKeyPair;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network on separate hosts (network namespaces, root only; skipped elsewhere), driven through
 * {@code walrus testbed} as an operator would: stores and reads cross hosts over TLS, a storage
 * node cut off during a store does not stop certification, the Raft leader cut off is replaced
 * (Raft over mutual TLS) and catches up once healed, a node serving another key than its registered one is refused by
 * clients, which store and read from the others, and stores and reads work with 100 ms of delay
 * each way between hosts.
 */
class TestbedTest {
  @TempDir Path tmp;

  @Test
  void storesAndReadsAcrossHostsOverTlsWithAPartitionedNodeAndAnImpostor() throws Exception {
    assumeTrue(Testbed.available(), "the testbed needs root and iproute2");
    long pid = ProcessHandle.current().pid();
    String tag = "c" + Long.toString(pid % 1296, 36);
    Path dir = tmp.resolve("testbed");
    try {
      CliRun up = cli("testbed", "up", "--dir", dir.toString(), "--nodes", "4", "--shards", "40", "--tag", tag,
          "--subnet", Long.toString(100 + pid % 100), "--latency-proxy", "--replicas", "3");
      assertThat(up.exitCode()).as(up.err()).isZero();
      assertThat(up.out()).contains("testbed up in").contains("epoch 1 runs with 4 storage nodes");
      TestbedState state = Testbed.require(dir);
      // A second testbed with the same tag, from another directory, must not touch the running one.
      CliRun clash = cli("testbed", "up", "--dir", tmp.resolve("other").toString(), "--tag", tag,
          "--subnet", Long.toString(100 + pid % 100));
      assertThat(clash.exitCode()).isNotZero();
      assertThat(clash.err()).contains("testbed tag '" + tag + "' or subnet").contains("is in use")
          .contains("bridge wb" + tag).doesNotContain("\tat ");
      assertThat(Files.exists(tmp.resolve("other/testbed.json"))).isFalse();
      assertThat(cli("testbed", "status", "--dir", dir.toString()).out()).doesNotContain("partitioned")
          .doesNotContain("stopped");
      assertThat(cli("testbed", "partition", "px", "--dir", dir.toString()).err())
          .contains("the latency proxy runs on this machine");
      // A command run inside a host's namespace sees the host's own address.
      CliRun inside = cli("testbed", "exec", "n1", "--dir", dir.toString(), "--", "ip", "-brief", "address");
      assertThat(inside.exitCode()).as(inside.err()).isZero();
      assertThat(inside.out()).contains(state.host("n1").orElseThrow().address() + "/");
      CliRun unknown = cli("testbed", "kill", "n9", "--dir", dir.toString());
      assertThat(unknown.exitCode()).isNotZero();
      assertThat(unknown.err()).contains("no host 'n9'; the hosts are").contains("n1").doesNotContain("\tat ");
      // The ledger's API is HTTPS, pinned to the replicas' keys, for the testbed's clients and nodes alike.
      assertThat(state.ledgerUrls()).allSatisfy(u -> assertThat(u).startsWith("https://"));
      assertThat(Files.readString(dir.resolve("client_config.yaml"))).contains(state.ledgerUrls().getFirst())
          .contains("ledgerKeys: [" + state.ledgerKeys().getFirst());
      CliRun info = cli("info", "epoch", "--config", dir.resolve("client_config.yaml").toString());
      assertThat(info.exitCode()).as(info.err()).isZero();
      Ed25519KeyPair wallet = WalletFile.read(dir.resolve("wallet.key"));
      try (LedgerClient ledger = Testbed.client(state);
          WalrusClient walrus = WalrusClient.builder().ledgerClient(ledger).wallet(wallet).build()) {
        byte[] first = random(300_000, 1);
        StoreResult a = walrus.store(first, StoreOptions.defaults().withEpochs(3));
        assertThat(walrus.read(a.blobId())).isEqualTo(first);

        // A storage node's host cut off: the other three hold 30 of 40 shards, a quorum.
        assertThat(cli("testbed", "partition", "n2", "--dir", dir.toString()).exitCode()).isZero();
        assertThat(cli("testbed", "status", "--dir", dir.toString()).out()).containsPattern("n2 .*partitioned");
        byte[] second = random(200_000, 2);
        StoreResult b = walrus.store(second, StoreOptions.defaults().withEpochs(3));
        assertThat(walrus.read(b.blobId())).isEqualTo(second);
        assertThat(cli("testbed", "heal", "--dir", dir.toString()).exitCode()).isZero();

        // The Raft leader's host cut off: the other two replicas elect a leader among themselves and
        // stores go on; healed, the old leader catches up to the very same state.
        String leader = ledger.status().leaderId();
        assertThat(leader).isNotNull();
        int leaderIndex = Integer.parseInt(leader.substring(1)) - 1;
        String otherUrl = state.ledgerUrls().get(leaderIndex == 0 ? 1 : 0);
        try (LedgerClient old = pinned(state, state.ledgerUrls().get(leaderIndex));
            LedgerClient other = pinned(state, otherUrl)) {
          long before = other.status().height();
          assertThat(cli("testbed", "partition", leader, "--dir", dir.toString()).exitCode()).isZero();
          await().atMost(Duration.ofMinutes(1)).ignoreExceptions()
              .until(() -> other.status().leaderId() != null && !other.status().leaderId().equals(leader));
          byte[] during = random(150_000, 6);
          StoreResult p = walrus.store(during, StoreOptions.defaults().withEpochs(3));
          assertThat(walrus.read(p.blobId())).isEqualTo(during);
          assertThat(cli("testbed", "heal", leader, "--dir", dir.toString()).exitCode()).isZero();
          java.util.concurrent.Callable<Boolean> converged = () -> {
            StatusView o = old.status();
            StatusView n = other.status();
            return o.height() > before && o.height() == n.height()
                && java.util.Arrays.equals(o.stateDigest(), n.stateDigest());
          };
          try {
            await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(converged);
          } catch (org.awaitility.core.ConditionTimeoutException e) {
            // Open finding (README, "Many machines"): a healed old leader whose log holds an
            // uncommitted tail sometimes stops accepting the new leader's entries (Ratis: "gap
            // between entries", or "Already running a method"). Restarted from its own disk it must
            // still reach the very same state; the logs of the stuck run are printed first.
            printLedgerLogs(dir);
            System.out.println("TestbedTest: the healed old leader " + leader + " did not converge within a minute;"
                + " restarting it (open finding)");
            assertThat(cli("testbed", "kill", leader, "--dir", dir.toString()).exitCode()).isZero();
            assertThat(cli("testbed", "restart", leader, "--dir", dir.toString()).exitCode()).isZero();
            try {
              await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(converged);
            } catch (org.awaitility.core.ConditionTimeoutException again) {
              printLedgerLogs(dir);
              throw again;
            }
          }
        }

        // n3 comes back with a network key that is not its registered one.
        CommitteeView.Member n3 = ledger.committee().members().stream()
            .filter(m -> m.networkAddress().equals(state.publicAddress(state.host("n3").orElseThrow()) + ":9185"))
            .findFirst()
            .orElseThrow();
        assertThat(cli("testbed", "kill", "n3", "--dir", dir.toString()).exitCode()).isZero();
        Path key = dir.resolve("n3/network.key");
        Files.delete(key);
        NetworkKeyPair.generate().write(key);
        assertThat(cli("testbed", "restart", "n3", "--dir", dir.toString()).exitCode()).isZero();
        String host = state.host("n3").orElseThrow().address();
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> {
          try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, 9185), 1000);
            return true;
          }
        });
        try (StorageNodeClients clients = StorageNodeClients.create()) {
          assertThatThrownBy(() -> clients.forNode(n3.networkAddress(), n3.networkPublicKey()).health(false))
              .isInstanceOfSatisfying(StorageNodeException.class, e -> {
                assertThat(e.reason()).isEqualTo(StorageNodeException.TLS_FAILED);
                assertThat(e.getMessage()).contains("but its registered network key is");
              });
        }
        assertThat(walrus.read(a.blobId())).isEqualTo(first);
        byte[] third = random(100_000, 3);
        StoreResult c = walrus.store(third, StoreOptions.defaults().withEpochs(3));
        assertThat(walrus.read(c.blobId())).isEqualTo(third);

        timedStoreAndRead(walrus, 5, "through the proxy, no delay");

        // 100 ms each way between every pair of hosts (and this machine): stores and reads still work.
        CliRun slow = cli("testbed", "latency", "100ms", "--dir", dir.toString());
        assertThat(slow.exitCode()).as(slow.err()).isZero();
        assertThat(cli("testbed", "status", "--dir", dir.toString()).out()).contains("delay 100 ms each way");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
          long t0 = System.nanoTime();
          ledger.status();
          return System.nanoTime() - t0 >= 200_000_000L;
        });
        timedStoreAndRead(walrus, 4, "with 100 ms each way");
        assertThat(walrus.read(a.blobId())).isEqualTo(first);
        assertThat(cli("testbed", "latency", "0", "--dir", dir.toString()).exitCode()).isZero();
      }
    } finally {
      CliRun down = cli("testbed", "down", "--dir", dir.toString());
      assertThat(down.exitCode()).as(down.err()).isZero();
    }
    String left = new String(new ProcessBuilder("ip", "netns", "list").start().getInputStream().readAllBytes());
    assertThat(left).doesNotContain("wt-" + tag + "-");
    assertThat(cli("testbed", "down", "--tag", tag).out()).contains("nothing of testbed tag '" + tag + "' was left");
    assertThat(cli("testbed", "status", "--dir", dir.toString()).err()).startsWith("Error: no testbed in");
  }

  private static CliRun cli(String... args) {
    return CliRun.run(args);
  }

  /** Stores and reads back a fresh 1 MB blob, and prints how long each took (the README's figures). */
  private static void timedStoreAndRead(WalrusClient walrus, long seed, String conditions) {
    byte[] data = random(1_000_000, seed);
    long t0 = System.nanoTime();
    StoreResult r = walrus.store(data, StoreOptions.defaults().withEpochs(3));
    long stored = System.nanoTime();
    assertThat(walrus.read(r.blobId())).isEqualTo(data);
    System.out.printf("testbed %s: 1 MB store %d ms, read %d ms%n", conditions, (stored - t0) / 1_000_000,
        (System.nanoTime() - stored) / 1_000_000);
  }

  private static byte[] random(int size, long seed) {
    byte[] b = new byte[size];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  /** A client of one replica of the testbed, over HTTPS pinned to the replicas' keys. */
  private static LedgerClient pinned(dev.walrus.local.testbed.TestbedState state, String url) {
    return LedgerClient.builder(java.util.List.of(java.net.URI.create(url))).replicaKeys(state.ledgerKeyBytes()).build();
  }

  private static void printLedgerLogs(Path dir) throws Exception {
    for (String r : java.util.List.of("r1", "r2", "r3")) {
      Path log = dir.resolve("ledger").resolve(r + ".log");
      java.util.List<String> lines = Files.exists(log) ? Files.readAllLines(log) : java.util.List.of();
      System.out.println("---- " + log + " (last 60 lines)");
      lines.subList(Math.max(0, lines.size() - 60), lines.size()).forEach(System.out::println);
    }
  }
}
