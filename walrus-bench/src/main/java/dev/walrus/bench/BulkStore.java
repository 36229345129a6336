package dev.walrus.bench;

import dev.walrus.local.LocalNetwork;
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
   * Stores {@code count} blobs of {@code size} bytes (blob {@code i} is {@link #content}{@code (size,
   * seed, i)}) and returns their IDs in that order.
   * A node that does not answer is given up on after a few quick retries: the benchmark may have
   * stopped it.
   */
  static List<BlobId> store(LocalNetwork network, int count, int size, int parallel, long seed) throws Exception {
    BlobId[] byIndex = new BlobId[count];
    ConcurrentLinkedQueue<BlobId> ids = new ConcurrentLinkedQueue<>();
    AtomicInteger next = new AtomicInteger();
    int workers = Math.min(parallel, count);
    long t0 = System.nanoTime();
    // Every wallet is funded before any store starts: stores keep the machine busy enough that the
    // ledger can then be slow to answer.
    List<WalrusClient> clients = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      clients.add(WalrusClient.builder().ledger(network.ledgerUrl()).wallet(fundedWallet(network))
          .nodeRetries(3, Duration.ofMillis(200), Duration.ofMillis(400)).build());
    }
    try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> done = new ArrayList<>();
      for (WalrusClient client : clients) {
        done.add(exec.submit(() -> {
          try (client) {
            for (int i; (i = next.getAndIncrement()) < count; ) {
              BlobId id = storeWithRetries(client, content(size, seed, i)).blobId();
              byIndex[i] = id;
              ids.add(id);
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
    List<BlobId> stored = List.of(byIndex);
    System.out.printf(Locale.ROOT, "stored %d blobs of %d B in %.1f s (%.1f blobs/s)%n", stored.size(), size,
        (System.nanoTime() - t0) / 1e9, stored.size() / ((System.nanoTime() - t0) / 1e9));
    return stored;
  }

  private static dev.walrus.core.crypto.Ed25519KeyPair fundedWallet(LocalNetwork network) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return network.fundedWallet(1_000_000);
      } catch (RuntimeException e) {
        if (attempt == STORE_ATTEMPTS) {
          throw e;
        }
        Thread.sleep(1000);
      }
    }
  }

  /** The content of blob {@code index} of a {@link #store} with this size and seed. */
  static byte[] content(int size, long seed, int index) {
    byte[] data = new byte[size];
    new Random(seed + index).nextBytes(data);
    return data;
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
