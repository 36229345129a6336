package dev.walrus.local;

import static org.awaitility.Awaitility.await;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.ChallengeConfig;
import dev.walrus.ledger.api.ChallengeEpochView;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.ledger.client.LedgerClientException;
import dev.walrus.node.client.StorageNodeClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A local network that runs storage challenges, for the end-to-end tests of spec/challenges.md
 * §12: {@code n} nodes, {@code N} shards, short epochs, the test-net constants (K ≥ 16, τ = 4),
 * blobs stored in epoch 1, and helpers to wait for an epoch's verdicts and read the events.
 */
final class ChallengeNet implements AutoCloseable {
  final LocalNetwork network;
  final LedgerClient ledger;
  final StorageNodeClients clients = StorageNodeClients.create();
  final Ed25519KeyPair wallet;
  final List<BlobId> blobs = new ArrayList<>();

  private ChallengeNet(LocalNetwork network) {
    this.network = network;
    this.ledger = network.ledgerClient();
    this.wallet = network.fundedWallet(1_000_000);
  }

  static ChallengeNet start(Path dir, int nodes, int shards, Duration epoch, LocalNetwork.NodeLauncher launcher)
      throws Exception {
    return new ChallengeNet(LocalNetwork.start(dir, nodes, shards, epoch, launcher, Optional.of(ChallengeConfig.testNet())));
  }

  /** Stores {@code count} random blobs of a few KiB for {@code epochs} epochs. */
  void storeBlobs(int count, int epochs) {
    for (int i = 0; i < count; i++) {
      byte[] data = TestBlobs.random(2_000 + 97 * i, 1_000 + i + blobs.size() * 7919L);
      blobs.add(TestBlobs.store(ledger, clients, wallet, data, false, epochs).blobId());
    }
  }

  int epoch() {
    return ledger.committee().epoch();
  }

  /** Waits until epoch {@code e}'s challenge reaches {@code status} (verdicts: FINAL, in epoch e+1). */
  ChallengeEpochView awaitStatus(int e, String status, Duration atMost) {
    ChallengeEpochView[] seen = new ChallengeEpochView[1];
    await().atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreException(LedgerClientException.class)
        .until(() -> {
          seen[0] = ledger.challengeEpoch(OptionalInt.of(e), false);
          return seen[0].status().equals(status);
        });
    return seen[0];
  }

  /** Waits for epoch {@code e}'s verdicts and returns them. */
  ChallengeEpochView verdicts(int e) {
    return awaitStatus(e, "FINAL", Duration.ofSeconds(Math.max(90, 3 * network.epochDuration().toSeconds())));
  }

  /** Every event so far. */
  List<LedgerEvent> events() {
    List<LedgerEvent> out = new ArrayList<>();
    long cursor = 0;
    while (true) {
      var page = ledger.events(cursor, 1000, Duration.ZERO);
      page.events().stream().map(EventEnvelope::event).forEach(out::add);
      if (page.events().isEmpty()) {
        return out;
      }
      cursor = page.nextCursor();
    }
  }

  /** The committee member run by node process {@code i}. */
  CommitteeView.Member member(int i) {
    var key = network.nodes().get(i).protocolKey().publicKey();
    return ledger.committee().members().stream().filter(m -> m.publicKey().equals(key)).findFirst().orElseThrow();
  }

  ObjectId nodeId(int i) {
    return member(i).nodeId();
  }

  static ChallengeEpochView.NodeResult result(ChallengeEpochView v, ObjectId node) {
    return v.results().stream().filter(r -> r.nodeId().equals(node)).findFirst().orElseThrow();
  }

  @Override
  public void close() {
    clients.close();
    ledger.close();
    network.close();
  }
}
