package dev.walrus.bench;

import dev.walrus.cli.local.LocalNetwork;
import dev.walrus.client.StoreOptions;
import dev.walrus.client.StoreResult;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.BlobId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores many random blobs through the SDK, {@code parallel} at a time: one {@link WalrusClient}
 * and wallet per worker, since one wallet's ledger transactions go one after the other. Blobs are
 * permanent and live for {@link #EPOCHS} epochs, so short benchmark epochs do not expire them.
 */
final class BulkStore {
  static final int EPOCHS = 50;
  private static final int STORE_ATTEMPTS = 3;

  private BulkStore() {}

  /**
   * Stores {@code count} blobs of {@code size} bytes (seeded by {@code seed}) and returns their IDs.
   * A node that does not answer is given up on after a few quick retries: the benchmark may have
   * stopped it.
   */
  static List<BlobId> store(LocalNetwork network, int count, int size, int parallel, long seed) throws Exception {
    List<BlobId> stored = new ArrayList<>(count);
    ConcurrentLinkedQueue<BlobId> ids = new ConcurrentLinkedQueue<>();
    AtomicInteger next = new AtomicInteger();
    int workers = Math.min(parallel, count);
    long t0 = System.nanoTime();
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        WalrusClient client = WalrusClient.builder().ledger(network.ledgerUrl()).wallet(network.fundedWallet(1_000_000))
            .nodeRetries(3, Duration.ofMillis(200), Duration.ofMillis(400)).build();
        done.add(exec.submit(() -> {
          try (client) {
            for (int i; (i = next.getAndIncrement()) < count; ) {
              byte[] data = new byte[size];
              new Random(seed + i).nextBytes(data);
              ids.add(storeWithRetries(client, data).blobId());
              int n = ids.size();
              if (n % 100 == 0) {
                System.out.printf(Locale.ROOT, "  stored %d blobs (%.1f s)%n", n, (System.nanoTime() - t0) / 1e9);
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    }
    stored.addAll(ids);
    System.out.printf(Locale.ROOT, "stored %d blobs of %d B in %.1f s (%.1f blobs/s)%n", stored.size(), size,
        (System.nanoTime() - t0) / 1e9, stored.size() / ((System.nanoTime() - t0) / 1e9));
    return stored;
  }

  /** A store can fail when an epoch change races it (short benchmark epochs): try it again. */
  private static StoreResult storeWithRetries(WalrusClient client, byte[] data) {
    for (int attempt = 1; ; attempt++) {
      try {
        return client.store(data, StoreOptions.defaults().permanent().withEpochs(EPOCHS).withForce(true));
      } catch (RuntimeException e) {
        if (attempt == STORE_ATTEMPTS) {
          throw e;
        }
        System.out.println("  store failed, trying again: " + e.getMessage());
      }
    }
  }
}
