package dev.walrus.bench;

import dev.walrus.local.LocalNetwork;
import dev.walrus.client.StoreOptions;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.BlobId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients using the network while a benchmark runs: {@code readers} loops reading random certified
 * blobs through the SDK (each checked byte for byte) and one writer storing new small blobs, which
 * then join the blobs read. Every failed read of a certified blob is counted; stores that fail (an
 * epoch change can race one) are counted apart. Reads use a copy of each blob's bytes held here,
 * so keep {@code known} small.
 */
final class BackgroundTraffic implements AutoCloseable {
  private static final int WRITE_SIZE = 4096;

  private final Map<BlobId, byte[]> blobs = new ConcurrentHashMap<>();
  private final AtomicBoolean done = new AtomicBoolean();
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicInteger failedReads = new AtomicInteger();
  private final AtomicInteger writes = new AtomicInteger();
  private final AtomicInteger failedWrites = new AtomicInteger();
  private final List<Long> readNanos = java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
  private final List<Thread> threads = new ArrayList<>();

  /** Starts the traffic over {@code known} blobs (ID to content). */
  BackgroundTraffic(LocalNetwork network, Map<BlobId, byte[]> known, int readers) {
    blobs.putAll(known);
    for (int r = 0; r < readers; r++) {
      WalrusClient client = WalrusClient.builder().ledger(network.ledgerUrl()).build();
      threads.add(Thread.ofVirtual().name("bench-reader").start(() -> {
        try (client) {
          while (!done.get()) {
            List<BlobId> ids = List.copyOf(blobs.keySet());
            BlobId id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
            long t0 = System.nanoTime();
            try {
              if (!Arrays.equals(client.read(id), blobs.get(id))) {
                throw new IllegalStateException("read back different bytes");
              }
              readNanos.add(System.nanoTime() - t0);
              reads.incrementAndGet();
            } catch (RuntimeException e) {
              failedReads.incrementAndGet();
              if (failures.size() < 5) {
                failures.add(id + ": " + e);
              }
            }
          }
        }
      }));
    }
    WalrusClient writer = WalrusClient.builder().ledger(network.ledgerUrl()).wallet(network.fundedWallet(1_000_000))
        .nodeRetries(3, Duration.ofMillis(200), Duration.ofMillis(400)).build();
    threads.add(Thread.ofVirtual().name("bench-writer").start(() -> {
      try (writer) {
        Random random = new Random(77);
        while (!done.get()) {
          byte[] data = new byte[WRITE_SIZE];
          random.nextBytes(data);
          try {
            BlobId id = writer.store(data, StoreOptions.defaults().permanent().withEpochs(BulkStore.EPOCHS).withForce(true))
                .blobId();
            blobs.put(id, data);
            writes.incrementAndGet();
          } catch (RuntimeException e) {
            failedWrites.incrementAndGet();
          }
        }
      }
    }));
  }

  @Override
  public void close() throws InterruptedException {
    done.set(true);
    for (Thread t : threads) {
      t.join();
    }
  }

  int failedReads() {
    return failedReads.get();
  }

  @Override
  public String toString() {
    List<Long> sorted;
    synchronized (readNanos) {
      sorted = new ArrayList<>(readNanos);
    }
    java.util.Collections.sort(sorted);
    double p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1e6;
    double p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1) / 1e6;
    return String.format(Locale.ROOT, "%d reads of certified blobs (p50 %.0f ms, p99 %.0f ms), %d failed%s; %d blobs stored"
        + " meanwhile, %d stores failed", reads.get(), p50, p99, failedReads.get(),
        failures.isEmpty() ? "" : " " + failures, writes.get(), failedWrites.get());
  }
}
