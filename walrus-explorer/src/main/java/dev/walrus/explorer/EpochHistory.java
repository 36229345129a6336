package dev.walrus.explorer;

import dev.walrus.ledger.api.LedgerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-epoch figures gathered from the event stream (the ledger API keeps no history): blobs
 * certified, rewards paid to pools, WAL burned, and the storage price set. The last {@code
 * maxEpochs} epochs are kept. Not thread-safe: the event feed calls it under its lock.
 */
final class EpochHistory {
  /** One epoch's figures; {@code storagePrice} is null until a PricesUpdated event names it. */
  record Epoch(int epoch, long blobsCertified, long rewards, long burned, Long storagePrice) {}

  private final int maxEpochs;
  private final TreeMap<Integer, long[]> byEpoch = new TreeMap<>();
  private final TreeMap<Integer, Long> prices = new TreeMap<>();
  private long burnedTotal;

  EpochHistory(int maxEpochs) {
    this.maxEpochs = maxEpochs;
  }

  void accept(LedgerEvent event) {
    switch (event) {
      case LedgerEvent.BlobCertified c when !c.isExtension() -> counters(c.epoch())[0]++;
      case LedgerEvent.PoolRewarded r -> counters(r.epoch())[1] += r.reward();
      case LedgerEvent.WalBurned b -> {
        counters(b.epoch())[2] += b.amount();
        burnedTotal += b.amount();
      }
      case LedgerEvent.PricesUpdated p -> {
        counters(p.epoch());
        prices.put(p.epoch(), p.storagePrice());
        trim(prices);
      }
      case LedgerEvent.EpochChangeStart s -> counters(s.epoch());
      default -> { }
    }
  }

  private long[] counters(int epoch) {
    long[] c = byEpoch.computeIfAbsent(epoch, e -> new long[3]);
    trim(byEpoch);
    return c;
  }

  private <V> void trim(TreeMap<Integer, V> map) {
    while (map.size() > maxEpochs) {
      map.pollFirstEntry();
    }
  }

  /** All WAL burned since genesis (every WalBurned event seen). */
  long burnedTotal() {
    return burnedTotal;
  }

  /** Oldest first. */
  List<Epoch> epochs() {
    List<Epoch> out = new ArrayList<>(byEpoch.size());
    for (Map.Entry<Integer, long[]> e : byEpoch.entrySet()) {
      Map.Entry<Integer, Long> price = prices.floorEntry(e.getKey());
      out.add(new Epoch(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2],
          price == null ? null : price.getValue()));
    }
    return out;
  }
}
