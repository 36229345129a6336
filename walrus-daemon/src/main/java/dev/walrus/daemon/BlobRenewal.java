package dev.walrus.daemon;

import dev.walrus.client.BlobExtension;
import dev.walrus.client.BlobObject;
import dev.walrus.client.ExtensionSummary;
import dev.walrus.client.WalrusClient;
import dev.walrus.ledger.client.LedgerClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the publisher wallet's blobs alive ({@link RenewalSettings}): one scheduler thread runs a
 * round every interval; a round extends the blobs due (soonest first) that the remaining budget
 * pays for, through {@link WalrusClient#extendAll} (batches of 64 per transaction). When a due
 * blob cannot be paid for any more, the renewal logs so and stops for good. A failed round is
 * logged and counted; the next round tries again.
 */
final class BlobRenewal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlobRenewal.class);
  /** At most this many blobs are extended in one round, so a round's work is bounded. */
  static final int MAX_BLOBS_PER_ROUND = 1024;

  private final RenewalSettings settings;
  private final WalrusClient walrus;
  private final LedgerClient ledger;
  private final ScheduledExecutorService scheduler;
  private final Counter renewedBlobs;
  private final Counter spentFrost;
  private final Counter failedRounds;
  private long spent;
  private volatile boolean budgetSpent;

  private BlobRenewal(RenewalSettings settings, WalrusClient walrus, LedgerClient ledger, MeterRegistry metrics) {
    this.settings = settings;
    this.walrus = walrus;
    this.ledger = ledger;
    this.renewedBlobs = Counter.builder("walrus.daemon.renewal.blobs")
        .description("Blob objects the background renewal extended").register(metrics);
    this.spentFrost = Counter.builder("walrus.daemon.renewal.spent")
        .description("FROST the background renewal spent (storage and fees)").baseUnit("frost").register(metrics);
    this.failedRounds = Counter.builder("walrus.daemon.renewal.failures")
        .description("Renewal rounds that failed (retried at the next interval)").register(metrics);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "walrus-blob-renewal");
      t.setDaemon(true);
      return t;
    });
  }

  static BlobRenewal start(RenewalSettings settings, WalrusClient walrus, LedgerClient ledger, MeterRegistry metrics) {
    BlobRenewal renewal = new BlobRenewal(settings, walrus, ledger, metrics);
    long every = settings.interval().toMillis();
    renewal.scheduler.scheduleWithFixedDelay(renewal::safeRound, every, every, TimeUnit.MILLISECONDS);
    LOG.info("renewing the wallet's blobs that expire within {} epochs by {} epochs, every {}, budget {} FROST",
        settings.within(), settings.epochs(), settings.interval(), settings.budgetFrost());
    return renewal;
  }

  /** Whether the budget ran out and the renewal stopped. */
  boolean budgetSpent() {
    return budgetSpent;
  }

  private void safeRound() {
    try {
      round();
    } catch (RuntimeException e) {
      failedRounds.increment();
      LOG.warn("blob renewal round failed (retrying in {}): {}", settings.interval(), e.toString());
    }
  }

  /** One round, on the scheduler thread only (so {@code spent} needs no lock). */
  private void round() {
    List<BlobObject> due = walrus.listBlobsExpiringWithin(settings.within()).stream()
        .filter(BlobObject::isCertified)
        .sorted(Comparator.comparingInt(BlobObject::endEpoch).thenComparing(BlobObject::id))
        .limit(MAX_BLOBS_PER_ROUND).toList();
    if (due.isEmpty()) {
      return;
    }
    List<BlobObject> affordable = new ArrayList<>();
    Map<Long, Long> costBySize = new HashMap<>();
    long planned = spent;
    for (BlobObject b : due) {
      long cost = costBySize.computeIfAbsent(b.size(), size -> ledger.cost(size, settings.epochs()).storageCost());
      if (planned + cost > settings.budgetFrost()) {
        break;
      }
      planned += cost;
      affordable.add(b);
    }
    if (!affordable.isEmpty()) {
      ExtensionSummary done = walrus.extendAll(affordable, settings.epochs());
      long paid = Math.addExact(done.storageCost(), done.fees());
      spent = Math.addExact(spent, paid);
      renewedBlobs.increment(done.blobs().size());
      spentFrost.increment(paid);
      for (BlobExtension e : done.blobs()) {
        LOG.info("renewed blob {} (object {}) until epoch {}", e.blobId(), e.objectId(), e.endEpoch());
      }
      LOG.info("renewed {} blobs by {} epochs in {} transactions for {} FROST; {} of {} FROST spent",
          done.blobs().size(), settings.epochs(), done.transactions(), paid, spent, settings.budgetFrost());
    }
    if (affordable.size() < due.size()) {
      budgetSpent = true;
      LOG.warn("blob renewal stops: its budget of {} FROST is spent ({} spent) and {} blobs due are not renewed",
          settings.budgetFrost(), spent, due.size() - affordable.size());
      scheduler.shutdown();
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
