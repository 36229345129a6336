package dev.walrus.ledger.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.StatusView;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.EventSubscription;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.client.LedgerClientException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four replicas as separate OS processes on loopback, Raft over mutual TLS: losing one (the leader) keeps the ledger
 * committing; losing two, then three (a majority) stops it without acknowledging anything and
 * without divergence; the restarted replicas catch up (by log replay or snapshot installation) to
 * the same height and state digest, and an event subscriber sees every event once across it all.
 */
class ReplicationProcessTest {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) Path dir;
  private final List<ReplicaProcess> processes = new ArrayList<>();
  private final GenesisConfig genesis = ReplicaFixtures.genesis(4);
  private List<ReplicaConfig.Peer> peers;

  @AfterEach
  void stopAll() throws Exception {
    for (ReplicaProcess p : processes) {
      p.kill();
    }
  }

  /** The last lines of each replica's log, to see why a run failed. */
  private void dumpLogs() throws java.io.IOException {
    for (ReplicaProcess p : processes) {
      if (Files.exists(p.log())) {
        List<String> lines = Files.readAllLines(p.log());
        System.out.println("---- " + p.log() + " (last 40 lines)");
        lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
      }
    }
  }

  private void writeConfigs() throws Exception {
    Path genesisFile = dir.resolve("genesis.yaml");
    ConfigFiles.write(genesisFile, genesis);
    // Raft over mutual TLS, as `walrus ledger genesis --replicas` configures it.
    peers = ReplicaFixtures.tlsPeers(4, dir);
    // Small snapshots, log segments and purge gap: a replica down for a while must be sent a snapshot.
    ReplicaConfig.RaftConfig raft = new ReplicaConfig.RaftConfig(800, 1600, 40, 32 * 1024, 8);
    for (ReplicaConfig.Peer p : peers) {
      ReplicaConfig c = new ReplicaConfig(p.id(), "data/" + p.id(), "genesis.yaml", peers, null, raft,
          new ProposerConfig(1000, 0, 0, 0, 0, 0), new EventLogConfig(16 * 1024, 1024),
          new ReplicaConfig.TlsConfig(p.id() + "-raft-key.pem"));
      ConfigFiles.write(dir.resolve(p.id() + ".yaml"), c);
      processes.add(new ReplicaProcess(p.id(), dir.resolve(p.id() + ".yaml"), dir.resolve(p.id() + ".log")));
    }
  }

  private LedgerClient client(List<ReplicaConfig.Peer> among, Duration submitTimeout) {
    return LedgerClient.builder(among.stream().map(p -> URI.create(p.apiUrl())).toList())
        .connectTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(5)).submitTimeout(submitTimeout).build();
  }

  private Optional<StatusView> status(ReplicaConfig.Peer p) {
    try (LedgerClient c = client(List.of(p), Duration.ofSeconds(5))) {
      return Optional.of(c.status());
    } catch (LedgerClientException e) {
      return Optional.empty();
    }
  }

  private ReplicaProcess process(String id) {
    return processes.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  private List<ReplicaConfig.Peer> alive() {
    return peers.stream().filter(p -> process(p.id()).isAlive()).toList();
  }

  private String leader() {
    for (ReplicaConfig.Peer p : alive()) {
      Optional<StatusView> s = status(p);
      if (s.isPresent() && s.get().leaderId() != null && process(s.get().leaderId()).isAlive()) {
        return s.get().leaderId();
      }
    }
    return null;
  }

  private void transfers(LedgerClient client, Ed25519KeyPair from, int n) {
    for (int i = 0; i < n; i++) {
      TransactionEffects e = client.execute(from, new Operation.Transfer(ReplicaFixtures.key(9).publicKey().toAddress(), 1));
      assertThat(e.status()).as(String.valueOf(e.rejection())).isEqualTo(TransactionEffects.Status.SUCCESS);
    }
  }

  /**
   * Fails on any two replicas with equal heights but different digests or roots; returns whether
   * all given replicas stand at the same height right now.
   */
  private boolean agreeAtEqualHeight(List<ReplicaConfig.Peer> among) {
    Map<Long, StatusView> byHeight = new HashMap<>();
    for (ReplicaConfig.Peer p : among) {
      StatusView s = status(p).orElse(null);
      if (s == null) {
        return false;
      }
      StatusView other = byHeight.putIfAbsent(s.height(), s);
      if (other != null) {
        assertThat(s.stateDigest()).as("state digest of %s and %s at height %d", s.replicaId(), other.replicaId(), s.height())
            .isEqualTo(other.stateDigest());
        assertThat(s.blockRoot()).isEqualTo(other.blockRoot());
      }
    }
    return byHeight.size() == 1;
  }

  private Map<String, Long> heights(List<ReplicaConfig.Peer> among) {
    Map<String, Long> out = new HashMap<>();
    for (ReplicaConfig.Peer p : among) {
      out.put(p.id(), status(p).orElseThrow().height());
    }
    return out;
  }

  /** A transfer through these replicas fails with a clear error instead of being acknowledged. */
  private void assertNotAcknowledged(List<ReplicaConfig.Peer> among, Ed25519KeyPair from) {
    try (LedgerClient minority = client(among, Duration.ofSeconds(4))) {
      assertThatThrownBy(() -> minority.execute(from, new Operation.Transfer(ReplicaFixtures.key(9).publicKey().toAddress(), 1)))
          .isInstanceOfSatisfying(LedgerClientException.class, e -> {
            assertThat(e.status()).isIn("DEADLINE_EXCEEDED", "UNAVAILABLE");
            assertThat(e.getMessage()).contains("quorum");
          });
    }
  }

  @Test
  void survivesMinorityLossStopsWithoutQuorumAndConverges() throws Exception {
    try {
      run();
    } catch (Throwable t) {
      dumpLogs();
      throw t;
    }
  }

  private void run() throws Exception {
    writeConfigs();
    for (ReplicaProcess p : processes) {
      p.start();
    }
    Ed25519KeyPair alice = ReplicaFixtures.key(0);
    List<EventEnvelope> seen = new CopyOnWriteArrayList<>();
    try (LedgerClient all = client(peers, Duration.ofSeconds(20));
        EventSubscription subscription = all.subscribe(0, seen::add)) {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> leader() != null);
      transfers(all, alice, 10);

      // One replica down (the leader, the hardest case): commits continue after an election.
      String first = leader();
      process(first).kill();
      transfers(all, alice, 15);

      // A second one down: 2 of 4 cannot form a quorum. Nothing is acknowledged, nothing moves.
      String second = alive().get(0).id();
      process(second).kill();
      List<ReplicaConfig.Peer> survivors = alive();
      assertThat(survivors).hasSize(2);
      await().atMost(Duration.ofSeconds(10)).until(() -> agreeAtEqualHeight(survivors));
      Map<String, Long> heights = heights(survivors);
      assertNotAcknowledged(survivors, alice);
      assertThat(heights(survivors)).isEqualTo(heights);
      assertThat(agreeAtEqualHeight(survivors)).isTrue();

      // A third one down, a majority of the group: the last replica cannot commit either.
      String third = survivors.get(0).id();
      process(third).kill();
      List<ReplicaConfig.Peer> last = alive();
      assertNotAcknowledged(last, alice);
      assertThat(heights(last)).isEqualTo(Map.of(last.get(0).id(), heights.get(last.get(0).id())));

      // All back: every replica reaches the same height and state, and the ledger commits again.
      process(first).start();
      process(second).start();
      process(third).start();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> leader() != null);
      transfers(all, alice, 5);
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> agreeAtEqualHeight(peers));

      // The subscriber saw every event exactly once, in order, across the kills.
      long events = status(peers.get(0)).orElseThrow().nextEventSequence();
      await().atMost(Duration.ofSeconds(30)).until(() -> subscription.cursor() >= events);
      assertThat(seen).extracting(EventEnvelope::sequence)
          .containsExactlyElementsOf(LongStream.range(0, seen.size()).boxed().toList());
      assertThat(events).isGreaterThanOrEqualTo(30);
    }
    for (ReplicaProcess p : processes) {
      String log = Files.readString(p.log());
      System.out.println(p.id() + (log.contains("installed a snapshot from the leader")
          ? ": caught up by snapshot installation" : ": caught up by log replay"));
      assertThat(log).doesNotContain("Exception in thread");
    }
    assertThat(Arrays.asList(processes.stream().map(ReplicaProcess::isAlive).toArray())).containsOnly(true);
  }
}
