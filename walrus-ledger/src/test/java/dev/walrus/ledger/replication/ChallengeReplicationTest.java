package dev.walrus.ledger.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.challenge.BeaconMessage;
import dev.walrus.core.challenge.ChallengeReport;
import dev.walrus.core.challenge.ReportEntry;
import dev.walrus.core.challenge.SignedChallenge;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPrivateKey;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.core.hash.Blake2b256;
import dev.walrus.core.hash.Node;
import dev.walrus.core.messages.BlobPersistence;
import dev.walrus.core.messages.ProofOfPossession;
import dev.walrus.core.messages.ProtocolMessageCertificate;
import dev.walrus.core.messages.StorageConfirmation;
import dev.walrus.ledger.api.ChallengeConfig;
import dev.walrus.ledger.api.ChallengeEpochView;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.StatusView;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.client.LedgerClientException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * §12 test 19: three replica processes run a whole challenge cycle (acks, seed, reports from a
 * network with a dropper, verdicts, penalties); one replica is SIGKILLed mid-epoch, after the
 * seed, and restarted after the verdicts. It replays to the same height with the identical state
 * digest and block root — challenge records, verdicts and balances included.
 */
class ChallengeReplicationTest {
  static final long WAL = GenesisConfig.FROST_PER_WAL;
  static final long EPOCH_MS = 24_000;
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) Path dir;
  private final List<ReplicaProcess> processes = new ArrayList<>();
  private List<ReplicaConfig.Peer> peers;
  private final List<Ed25519KeyPair> operators = new ArrayList<>();
  private final List<BlsKeyPair> keys = new ArrayList<>();
  private final List<ObjectId> nodes = new ArrayList<>();
  private final List<ObjectId> caps = new ArrayList<>();
  private final Ed25519KeyPair client = ReplicaFixtures.key(70);

  @AfterEach
  void stopAll() throws Exception {
    for (ReplicaProcess p : processes) {
      p.kill();
    }
  }

  @Test
  void aReplicaKilledMidEpochReplaysToTheSameStateWithVerdicts() throws Exception {
    TreeMap<Address, Long> allocations = new TreeMap<>();
    for (int i = 0; i < 4; i++) {
      operators.add(ReplicaFixtures.key(80 + i));
      allocations.put(operators.get(i).publicKey().toAddress(), 1_000_000 * WAL);
      keys.add(BlsKeyPair.of(BlsPrivateKey.fromSeed(ByteBuffer.allocate(32).putInt(9_000 + i).array())));
    }
    allocations.put(client.publicKey().toAddress(), 1_000_000 * WAL);
    GenesisConfig genesis = new GenesisConfig("challenge-replicas", System.currentTimeMillis(), 16, 60_000, EPOCH_MS, 53,
        150, 0, false, 0, ReplicaFixtures.key(60_000).publicKey().toAddress(), allocations)
        .withChallenges(ChallengeConfig.testNet());
    startReplicas(genesis);
    try (LedgerClient ledger = client(peers)) {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
          .until(() -> ledger.status().leaderId() != null);
      for (int i = 0; i < 4; i++) {
        register(ledger, i);
      }
      awaitEpochDone(ledger, 1);
      for (int i = 0; i < 4; i++) {
        storeBlob(ledger, i);
      }
      awaitEpochDone(ledger, 2);
      ChallengeEpochView pending = ledger.challengeEpoch(OptionalInt.empty(), false);
      await().atMost(Duration.ofSeconds(30)).until(() -> ledger.status().timeMs() >= pending.tOpenMs());
      for (int i = 0; i < 4; i++) {
        ok(ledger.execute(operators.get(i), new Operation.ChallengeAck(caps.get(i), 2,
            keys.get(i).sign(new BeaconMessage(2, nodes.get(i)).toBcs()))));
      }
      ChallengeEpochView seeded = ledger.challengeEpoch(OptionalInt.of(2), false);
      assertThat(seeded.status()).isEqualTo("SEEDED");

      // Mid-epoch: one replica crashes.
      ReplicaProcess victim = processes.get(2);
      victim.kill();
      try (LedgerClient survivors = client(peers.subList(0, 2))) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
            .until(() -> survivors.status().timeMs() >= seeded.tCloseMs());
        CommitteeView c = survivors.committee();
        ObjectId dropper = nodes.get(2);
        for (int i = 0; i < 4; i++) {
          List<ReportEntry> entries = new ArrayList<>();
          for (CommitteeView.Member m : c.members().stream().sorted(java.util.Comparator.comparing(CommitteeView.Member::nodeId)).toList()) {
            if (m.nodeId().equals(nodes.get(i))) {
              continue;
            }
            List<Integer> failed = m.nodeId().equals(dropper) ? m.shards().stream().sorted().toList() : List.of();
            int items = seeded.tau() * m.weight();
            entries.add(new ReportEntry(m.nodeId(), ReportEntry.ISSUED | ReportEntry.RECEIVED, items,
                items - failed.size(), 0, 0, failed));
          }
          SignedChallenge signed = SignedChallenge.sign(keys.get(i), new ChallengeReport(2, nodes.get(i), seeded.seed(),
              seeded.setDigest(), entries));
          ok(survivors.execute(client, new Operation.ChallengeSubmitReport(2, signed.message(), signed.signature())));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
            .until(() -> survivors.challengeEpoch(OptionalInt.of(2), false).status().equals("FINAL"));
        ChallengeEpochView judged = survivors.challengeEpoch(OptionalInt.of(2), false);
        assertThat(judged.results().stream().filter(r -> r.nodeId().equals(dropper)).findFirst().orElseThrow()
            .dataFail()).isTrue();
      }
      victim.start();
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(this::agreeAtEqualHeight);
      try (LedgerClient restarted = client(List.of(peers.get(2)))) {
        ChallengeEpochView replayed = restarted.challengeEpoch(OptionalInt.of(2), true);
        assertThat(replayed.status()).isEqualTo("FINAL");
        assertThat(replayed.results()).isEqualTo(ledger.challengeEpoch(OptionalInt.of(2), true).results());
      }
    }
  }

  private void register(LedgerClient ledger, int i) {
    Ed25519KeyPair op = operators.get(i);
    byte[] networkKey = new byte[33];
    networkKey[0] = 2;
    TransactionEffects e = ok(ledger.execute(op, new Operation.RegisterCandidate("n" + i, "127.0.0.1:" + (9100 + i),
        keys.get(i).publicKey(), networkKey, ProofOfPossession.create(keys.get(i), 0, op.publicKey().toAddress()), 1000,
        10, 1, 1L << 40)));
    nodes.add(e.created().get(0));
    caps.add(e.created().get(1));
    ok(ledger.execute(op, new Operation.StakeWithPool(nodes.get(i), 1000 * WAL)));
  }

  /** Waits for epoch {@code e} to start and reports every member's sync, completing its change. */
  private void awaitEpochDone(LedgerClient ledger, int e) {
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
        .until(() -> ledger.system().epochInfo().currentEpoch() == e);
    for (CommitteeView.Member m : ledger.committee().members()) {
      int i = nodes.indexOf(m.nodeId());
      ok(ledger.execute(operators.get(i), new Operation.EpochSyncDone(caps.get(i), e)));
    }
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
        .until(() -> ledger.system().epochInfo().epochState().equals("EpochChangeDone"));
  }

  private void storeBlob(LedgerClient ledger, int seed) {
    long size = 1_000 + seed;
    byte[] root = Blake2b256.digest(ByteBuffer.allocate(4).putInt(seed).array());
    BlobId id = BlobMetadata.deriveBlobId(EncodingType.RS2, size, Node.digest(root));
    ObjectId storage = ok(ledger.execute(client, new Operation.ReserveSpace(
        EncodingConfig.forShards(16).encodedLength(size), 5))).created().get(0);
    ObjectId blob = ok(ledger.execute(client, new Operation.RegisterBlob(storage, id, root, size, 1, false))).created().get(0);
    CommitteeView c = ledger.committee();
    byte[] message = new StorageConfirmation(c.epoch(), id, BlobPersistence.PERMANENT).toBcs();
    List<BlsSignature> sigs = new ArrayList<>();
    for (CommitteeView.Member m : c.members()) {
      sigs.add(keys.get(nodes.indexOf(m.nodeId())).sign(message));
    }
    int n = c.members().size();
    ok(ledger.execute(client, new Operation.CertifyBlob(blob, BlsSignature.aggregate(sigs),
        ProtocolMessageCertificate.signersBitmap(IntStream.range(0, n).toArray(), n), message)));
  }

  private static TransactionEffects ok(TransactionEffects e) {
    assertThat(e.status()).as("%s %s", e.abort(), e.rejection()).isEqualTo(TransactionEffects.Status.SUCCESS);
    return e;
  }

  private void startReplicas(GenesisConfig genesis) throws Exception {
    ConfigFiles.write(dir.resolve("genesis.yaml"), genesis);
    peers = ReplicaFixtures.peers(3);
    ReplicaConfig.RaftConfig raft = new ReplicaConfig.RaftConfig(800, 1600, 0, 0, 0);
    for (ReplicaConfig.Peer p : peers) {
      ReplicaConfig c = new ReplicaConfig(p.id(), "data/" + p.id(), "genesis.yaml", peers, null, raft,
          new ProposerConfig(1000, 0, 0, 0, 0, 0), new EventLogConfig(0, 4096));
      ConfigFiles.write(dir.resolve(p.id() + ".yaml"), c);
      ReplicaProcess process = new ReplicaProcess(p.id(), dir.resolve(p.id() + ".yaml"), dir.resolve(p.id() + ".log"));
      processes.add(process);
      process.start();
    }
  }

  private LedgerClient client(List<ReplicaConfig.Peer> among) {
    return LedgerClient.builder(among.stream().map(p -> URI.create(p.apiUrl())).toList())
        .connectTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(5)).submitTimeout(Duration.ofSeconds(20))
        .build();
  }

  /** All replicas at one height with one state digest and block root (fails on a divergence). */
  private boolean agreeAtEqualHeight() {
    Map<Long, StatusView> byHeight = new HashMap<>();
    for (ReplicaConfig.Peer p : peers) {
      Optional<StatusView> s;
      try (LedgerClient c = client(List.of(p))) {
        s = Optional.of(c.status());
      } catch (LedgerClientException e) {
        return false;
      }
      StatusView other = byHeight.putIfAbsent(s.get().height(), s.get());
      if (other != null) {
        assertThat(s.get().stateDigest()).as("digest at height %d", s.get().height()).isEqualTo(other.stateDigest());
        assertThat(s.get().blockRoot()).isEqualTo(other.blockRoot());
      }
    }
    return byHeight.size() == 1;
  }
}
