package dev.walrus.ledger.replication;

import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.state.ProposerChecks;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's block proposer: batches queued transactions into blocks and proposes them to Raft,
 * and proposes empty tick blocks when idle. Followers never propose: while this replica is not the
 * leader the queue is drained and every waiting transaction is failed with {@link NotLeader}, so
 * its submitter forwards it to the new leader.
 *
 * <p>Within a block transactions are sorted by sender and sequence number, so a client that sends
 * several transactions at once sees them executed in sequence order.
 */
public final class BlockProposer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BlockProposer.class);
  private static final Comparator<Queued> SENDER_ORDER = Comparator
      .<Queued, byte[]>comparing(q -> q.tx().transaction().sender().bytes(), Arrays::compareUnsigned)
      .thenComparingLong(q -> q.tx().transaction().sequence());

  /** A transaction waiting for a block: decoded (for ordering) and as received (for the log). */
  record Queued(SignedTransaction tx, byte[] bcs, byte[] digest) {}

  private final ProposerConfig config;
  private final BooleanSupplier isLeader;
  private final Function<Proposal, CompletableFuture<?>> propose;
  private final Function<List<SignedTransaction>, ProposerChecks> checks;
  private final DistributionSummary blockSizes;
  private final Timer checkTimes;
  private final Timer permitWaits;
  private final Timer commitTimes;
  private final TransactionTracker tracker;
  private final ArrayBlockingQueue<Queued> queue;
  private final Semaphore inflight;
  private final Thread thread;
  private volatile boolean running = true;
  private long lastProposalNanos = System.nanoTime();
  private long lastTimeMs;

  /**
   * @param isLeader whether this replica is the leader and may propose now
   * @param propose submits a block to Raft; completes once it is applied, or fails
   * @param checks checks a block's transactions (in block order) before it is proposed
   * @param metrics where block sizes and the time spent checking, waiting and committing go
   */
  public BlockProposer(ProposerConfig config, BooleanSupplier isLeader, Function<Proposal, CompletableFuture<?>> propose,
      Function<List<SignedTransaction>, ProposerChecks> checks, TransactionTracker tracker, MeterRegistry metrics) {
    this.blockSizes = DistributionSummary.builder("ledger.proposer.block.transactions")
        .description("Transactions per proposed block").register(metrics);
    this.checkTimes = Timer.builder("ledger.proposer.block.check")
        .description("Checking a block's signatures and certificates before proposing it").register(metrics);
    this.permitWaits = Timer.builder("ledger.proposer.block.wait")
        .description("Waiting for room in the Raft pipeline (maxInflightBlocks)").register(metrics);
    this.commitTimes = Timer.builder("ledger.proposer.block.commit")
        .description("From proposing a block to its execution on the leader").register(metrics);
    this.config = config;
    this.isLeader = isLeader;
    this.propose = propose;
    this.checks = checks;
    this.tracker = tracker;
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
    this.inflight = new Semaphore(config.maxInflightBlocks());
    this.thread = Thread.ofPlatform().daemon().name("block-proposer").start(this::loop);
  }

  /**
   * Queues a transaction for the next block. The caller awaits its effects through the tracker.
   * Throws {@link NotLeader} on a follower and {@link TransactionTracker.Overloaded} when full.
   */
  public void enqueue(SignedTransaction tx, byte[] bcs, byte[] digest) {
    if (!isLeader.getAsBoolean()) {
      throw new NotLeader("this replica is not the leader");
    }
    if (!queue.offer(new Queued(tx, bcs, digest))) {
      throw new TransactionTracker.Overloaded("the block proposer's queue is full (" + config.queueCapacity() + ")");
    }
  }

  public int queued() {
    return queue.size();
  }

  private void loop() {
    while (running) {
      try {
        step();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        LOG.error("block proposer failed; continuing", e);
      }
    }
  }

  private void step() throws InterruptedException {
    if (!isLeader.getAsBoolean()) {
      failQueued(new NotLeader("leadership moved before the transaction was proposed"));
      Thread.sleep(20);
      lastProposalNanos = System.nanoTime();
      return;
    }
    long sinceLast = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastProposalNanos);
    long untilTick = Math.max(1, config.tickIntervalMs() - sinceLast);
    Queued first = queue.poll(untilTick, TimeUnit.MILLISECONDS);
    if (first == null) {
      if (inflight.availablePermits() == config.maxInflightBlocks()
          && System.nanoTime() - lastProposalNanos >= TimeUnit.MILLISECONDS.toNanos(config.tickIntervalMs())
          && inflight.tryAcquire()) {
        submit(List.of(), ProposerChecks.NONE);
      }
      return;
    }
    List<Queued> batch = new ArrayList<>();
    batch.add(first);
    int bytes = first.bcs().length;
    long lingerUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.lingerMs());
    while (batch.size() < config.maxBlockTransactions()) {
      Queued q = queue.peek();
      if (q == null) {
        long left = lingerUntil - System.nanoTime();
        if (left <= 0 || (q = queue.poll(left, TimeUnit.NANOSECONDS)) == null) {
          break;
        }
      } else if (bytes + q.bcs().length > config.maxBlockBytes()) {
        break;
      } else {
        queue.poll();
      }
      batch.add(q);
      bytes += q.bcs().length;
    }
    batch.sort(SENDER_ORDER);
    // Checked while earlier blocks are still being replicated: the check overlaps with them.
    long t0 = System.nanoTime();
    ProposerChecks checked = check(batch);
    long t1 = System.nanoTime();
    // Under load this wait is what grows blocks: transactions keep queueing meanwhile.
    while (!inflight.tryAcquire(50, TimeUnit.MILLISECONDS)) {
      if (!running || !isLeader.getAsBoolean()) {
        fail(batch, new NotLeader("leadership moved before the transaction was proposed"));
        return;
      }
    }
    checkTimes.record(t1 - t0, TimeUnit.NANOSECONDS);
    permitWaits.record(System.nanoTime() - t1, TimeUnit.NANOSECONDS);
    blockSizes.record(batch.size());
    submit(batch, checked);
  }

  /** The checks the replicas will trust; none (each replica checks for itself) if they fail. */
  private ProposerChecks check(List<Queued> batch) {
    try {
      return checks.apply(batch.stream().map(Queued::tx).toList());
    } catch (RuntimeException e) {
      LOG.warn("checking a block of {} transactions failed; its replicas will check it: {}", batch.size(), e.toString());
      return ProposerChecks.NONE;
    }
  }

  private void submit(List<Queued> batch, ProposerChecks checked) {
    lastTimeMs = Math.max(lastTimeMs, System.currentTimeMillis());
    lastProposalNanos = System.nanoTime();
    Block block = new Block(lastTimeMs, batch.stream().map(Queued::bcs).toList(), checked);
    CompletableFuture<?> done;
    long proposed = System.nanoTime();
    try {
      List<SignedTransaction> txs = batch.stream().map(Queued::tx).toList();
      done = propose.apply(new Proposal(block.encode(), new Block.Decoded(txs, checked)));
    } catch (RuntimeException e) {
      done = CompletableFuture.failedFuture(e);
    }
    done.whenComplete((reply, error) -> {
      inflight.release();
      if (!batch.isEmpty()) {
        commitTimes.record(System.nanoTime() - proposed, TimeUnit.NANOSECONDS);
      }
      if (error != null) {
        LOG.debug("block of {} transactions was not committed: {}", batch.size(), error.toString());
        fail(batch, new NotCommitted("the block was not committed under this leader: " + error.getMessage(), error));
      }
    });
  }

  private void fail(List<Queued> batch, RuntimeException cause) {
    for (Queued q : batch) {
      tracker.failed(q.digest(), cause);
    }
  }

  private void failQueued(RuntimeException cause) {
    List<Queued> drained = new ArrayList<>();
    queue.drainTo(drained);
    fail(drained, cause);
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failQueued(new NotLeader("the replica is shutting down"));
  }

  /**
   * A block as proposed: its log entry, and its transactions as this replica already decoded
   * them, so that applying the block here need not decode them again.
   */
  public record Proposal(byte[] entry, Block.Decoded decoded) {}

  /** This replica cannot propose: the transaction must go to the leader. */
  public static final class NotLeader extends RuntimeException {
    public NotLeader(String message) {
      super(message, null, false, false);
    }
  }

  /** The block holding the transaction was not committed by this leader; it may be by the next. */
  public static final class NotCommitted extends RuntimeException {
    public NotCommitted(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }
}
