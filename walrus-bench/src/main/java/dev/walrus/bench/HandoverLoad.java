package dev.walrus.bench;

import dev.walrus.local.LocalNetwork;
import dev.walrus.core.BlobId;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.client.EventSubscription;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.client.StorageNodeClients;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shard hand-over: with {@code count} blobs stored, a node joins. The local network's committee
 * has room for {@code max(nodes, 4)} members, so the joiner is staked a little above the others
 * ({@link #STAKE_WAL} against 5 000) and takes the place, and about the shards, of one of them. At
 * the next epoch change it pulls every gained shard from the previous owner with {@code sync_shard}
 * and reports {@code epoch_sync_done}. Timed on the ledger's event stream: from
 * {@code EpochChangeStart} of the epoch it joins to its {@code ShardsReceived}. Each gained shard
 * holds a sliver pair of every blob. Meanwhile clients keep reading stored blobs and storing new
 * ones ({@link BackgroundTraffic}); a failed read of a certified blob fails the run.
 */
final class HandoverLoad {
  static final long STAKE_WAL = 6_000;
  /** Stored blobs the background readers read. */
  private static final int READ_SAMPLE = 200;

  private final NodeBenchmark.Load load;
  private final LocalNetwork network;
  private final Map<Integer, Long> changeStarted = new ConcurrentHashMap<>();
  private final Map<Integer, Long> changeDone = new ConcurrentHashMap<>();
  private final Map<List<Integer>, Long> shardsReceived = new ConcurrentHashMap<>();

  HandoverLoad(NodeBenchmark.Load load) {
    this.load = load;
    this.network = load.network();
  }

  private void onEvent(EventEnvelope e) {
    long now = System.nanoTime();
    switch (e.event()) {
      case LedgerEvent.EpochChangeStart s -> changeStarted.put(s.epoch(), now);
      case LedgerEvent.EpochChangeDone d -> changeDone.put(d.epoch(), now);
      case LedgerEvent.ShardsReceived r -> shardsReceived.put(List.copyOf(r.shards()), now);
      default -> { }
    }
  }

  void run() throws Exception {
    try (LedgerClient ledger = network.ledgerClient(); StorageNodeClients clients = StorageNodeClients.create()) {
      List<BlobId> blobs = BulkStore.store(network, load.count(), load.blobSize(), load.concurrency(), 9_000_000);
      // Readers read (and check) a sample of the stored blobs, and new blobs are stored, all through
      // the epoch change.
      Map<BlobId, byte[]> sample = new java.util.HashMap<>();
      for (int i = 0; i < Math.min(READ_SAMPLE, blobs.size()); i++) {
        sample.put(blobs.get(i), BulkStore.content(load.blobSize(), 9_000_000, i));
      }
      try (EventSubscription events = ledger.subscribe(ledger.status().nextEventSequence(), this::onEvent);
          BackgroundTraffic traffic = new BackgroundTraffic(network, sample, 2)) {
        int startEpoch = ledger.committee().epoch();
        LocalNetwork.NodeSpec joined = network.addNode(STAKE_WAL);
        System.out.printf(Locale.ROOT, "%s joined in epoch %d; waiting for the committee that includes it%n",
            joined.name(), startEpoch);
        long deadline = System.nanoTime() + NodeBenchmark.LIMIT.toNanos();
        Member newcomer = null;
        int epoch = startEpoch;
        while (newcomer == null) {
          waitUntil(deadline, "the joining node was not selected");
          CommitteeView c = ledger.committee();
          epoch = c.epoch();
          newcomer = c.members().stream().filter(m -> m.publicKey().equals(joined.protocolKey().publicKey()))
              .findFirst().orElse(null);
        }
        List<Integer> gained = List.copyOf(newcomer.shards());
        while (!shardsReceived.containsKey(gained)) {
          waitUntil(deadline, "the joining node did not report its shards synced");
        }
        Long start = changeStarted.get(epoch);
        if (start == null) {
          throw new IllegalStateException("missed the EpochChangeStart event of epoch " + epoch);
        }
        double seconds = (shardsReceived.get(gained) - start) / 1e9;
        System.out.printf(Locale.ROOT, "epoch %d: %s gained %d of %d shards, %d blobs each;"
            + " epoch_sync_done %.1f s after the epoch change started (%.0f ms per shard, %.0f slivers/s)%n",
            epoch, newcomer.name(), gained.size(), network.nShards(), blobs.size(), seconds,
            seconds * 1000 / gained.size(), 2.0 * gained.size() * blobs.size() / seconds);
        Optional.ofNullable(changeDone.get(epoch)).ifPresent(t -> System.out.printf(Locale.ROOT,
            "(the epoch change itself was done after %.1f s: the other nodes' shards already make a quorum)%n",
            (t - start) / 1e9));
        NodeBenchmark.requireStored(clients.forNode(newcomer.networkAddress(), newcomer.networkPublicKey()), network.nShards(), gained,
            blobs.subList(0, Math.min(NodeBenchmark.CHECKED_BLOBS, load.count())));
        traffic.close();
        System.out.println("during the hand-over: " + traffic);
        if (traffic.failedReads() > 0) {
          throw new IllegalStateException(traffic.failedReads() + " reads of certified blobs failed during the hand-over");
        }
      }
    }
  }

  private static void waitUntil(long deadline, String failure) throws InterruptedException {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException(failure + " within " + NodeBenchmark.LIMIT);
    }
    Thread.sleep(200);
  }
}
