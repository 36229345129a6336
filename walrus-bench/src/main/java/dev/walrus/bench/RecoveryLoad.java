package dev.walrus.bench;

import dev.walrus.local.LocalNetwork;
import dev.walrus.local.ProcessNodes;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.BlobId;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.client.StorageNodeClients;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Self-healing speed of one node: it is stopped, {@code count} blobs are stored and certified by
 * the others, and it is restarted. It then follows the events it missed and its blob syncer
 * rebuilds both slivers of every shard it owns for each blob (by rebuilding the blob from a few
 * primary slivers, or from the other nodes' recovery symbols). Progress is read from the node's
 * own metrics ({@code walrus_node_blob_syncs_completed_total}); at the end a few blobs are checked
 * sliver by sliver. Prints blobs per second, MB per second of the node's own sliver bytes, and the
 * node's CPU time (which includes its start-up).
 */
final class RecoveryLoad {
  private static final String COMPLETED = "walrus_node_blob_syncs_completed_total";
  private static final String RECOVERED = "walrus_node_slivers_recovered_total";

  private final NodeBenchmark.Load load;
  private final LocalNetwork network;

  RecoveryLoad(NodeBenchmark.Load load) {
    this.load = load;
    this.network = load.network();
  }

  void run() throws Exception {
    int index = 1;
    try (LedgerClient ledger = network.ledgerClient(); StorageNodeClients clients = StorageNodeClients.create()) {
      Member member = NodeBenchmark.member(ledger, network, index);
      network.stopNode(index, false);
      System.out.printf(Locale.ROOT, "stopped %s (%d shards); storing %d blobs without it%n", member.name(),
          member.shards().size(), load.count());
      List<BlobId> blobs = BulkStore.store(network, load.count(), load.blobSize(), load.concurrency(), 7_000_000);

      long restart = System.nanoTime();
      network.restartNode(index);
      double up = (System.nanoTime() - restart) / 1e9;
      Optional<ProcessHandle> process = network.runningNode(index)
          .filter(r -> r instanceof ProcessNodes.Running).map(r -> ((ProcessNodes.Running) r).process().toHandle());
      long firstDone = 0;
      double completed = 0;
      String exposition = "";
      try (NodeMetrics metrics = NodeMetrics.ofNode(member)) {
        while (completed < load.count()) {
          if (System.nanoTime() - restart > NodeBenchmark.LIMIT.toNanos()) {
            throw new IllegalStateException(
                "only " + (long) completed + " of " + load.count() + " blobs recovered in " + NodeBenchmark.LIMIT);
          }
          Thread.sleep(100);
          exposition = metrics.scrape();
          completed = NodeMetrics.value(exposition, COMPLETED);
          if (completed > 0 && firstDone == 0) {
            firstDone = System.nanoTime();
          }
        }
      }
      long done = System.nanoTime();
      double total = (done - restart) / 1e9;
      double syncing = (done - firstDone) / 1e9;
      double slivers = NodeMetrics.value(exposition, RECOVERED);
      EncodingConfig config = EncodingConfig.forShards(network.nShards());
      int ss = config.symbolSize(load.blobSize());
      long ownBytes = (long) member.shards().size() * (config.secondarySymbols() + config.primarySymbols()) * ss;
      System.out.printf(Locale.ROOT, "restarted %s: serving after %.1f s, first blob recovered after %.1f s,"
          + " all %d after %.1f s%n", member.name(), up, (firstDone - restart) / 1e9, load.count(), total);
      System.out.printf(Locale.ROOT, "recovery: %.1f blobs/s from restart, %.1f blobs/s from the first recovered blob;"
          + " %.0f slivers rebuilt (%.0f per blob, %.0f slivers/s); %.1f MB/s of recovered sliver bytes from the first"
          + " recovered blob (%.2f MB per blob)%n", load.count() / total, load.count() / syncing, slivers,
          slivers / load.count(), slivers / total, NodeBenchmark.mb(ownBytes * load.count()) / syncing,
          NodeBenchmark.mb(ownBytes));
      System.out.printf(Locale.ROOT, "recovering node: %.0f blobs rebuilt whole, recovery paused %.0f times (%.1f s) for API"
          + " requests%s%n", NodeMetrics.value(exposition, "walrus_node_blob_syncs_whole_total"),
          NodeMetrics.value(exposition, "walrus_node_recovery_pauses_total"),
          NodeMetrics.value(exposition, "walrus_node_recovery_paused_seconds_total"),
          process.flatMap(h -> h.info().totalCpuDuration())
              .map(cpu -> String.format(Locale.ROOT, "; %.1f CPU-seconds since its start, %.1f ms per blob",
                  cpu.toMillis() / 1e3, cpu.toMillis() / (double) load.count())).orElse(""));
      NodeBenchmark.requireStored(clients.forNode(member.networkAddress(), member.networkPublicKey()), network.nShards(), member.shards(),
          blobs.subList(0, Math.min(NodeBenchmark.CHECKED_BLOBS, load.count())));
    }
  }
}
