package dev.walrus.node.challenge;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClientException;
import dev.walrus.node.ledger.NodeLedger;
import dev.walrus.node.service.NodeContext;
import dev.walrus.node.store.Batch;
import dev.walrus.node.store.NodeStore.Table;
import dev.walrus.node.sync.MissingSlivers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports this node's own lost shards with {@code shard_request_recovery} before the epoch's seed
 * (spec/challenges.md §8.5), when {@link LossReportRule} says recovery will not make them whole
 * before the challenge. Runs on the challenge poll, before the ack; the ack waits for the report
 * (see {@link #readyToAck}).
 *
 * <p>A report costs {@code p_send·r̄} per shard each time the ledger runs it, so it runs at most
 * once per epoch: it is signed once and sent again as the same bytes after an unclear failure, and
 * the epoch is written to the store before the first send, so a restarted node does not send
 * another.
 *
 * <p>What counts: slivers of blobs eligible in the epoch (only those are challenged, §5.1), of
 * shards the node owns now, except shards it gained this epoch and has not yet signalled in sync
 * (those count as syncing anyway, §7.4, and reporting them would only cost).
 */
final class LossReporter {
  private static final Logger LOG = LoggerFactory.getLogger(LossReporter.class);
  private static final long RETRY_MS = 2_000;
  private static final byte[] REPORTED_EPOCH_KEY = "loss-report-epoch".getBytes(StandardCharsets.UTF_8);

  private final NodeContext node;
  private final NodeLedger ledger;
  private final MissingSlivers missing;
  private final IntSupplier syncedEpoch;
  private final ChallengeSettings settings;
  private final Counter shardsReported;
  private final RepairPace pace = new RepairPace();

  /**
   * @param syncedEpoch the last epoch whose shard sync this node signalled done
   */
  LossReporter(NodeContext node, NodeLedger ledger, MissingSlivers missing, IntSupplier syncedEpoch,
      ChallengeSettings settings, MeterRegistry metrics) {
    this.node = node;
    this.ledger = ledger;
    this.missing = missing;
    this.syncedEpoch = syncedEpoch;
    this.settings = settings;
    this.shardsReported = Counter.builder("walrus.node.challenge.shards.reported")
        .description("own shards reported lost with shard_request_recovery").register(metrics);
  }

  /** Every poll: samples recovery's pace. */
  void sample(long now) {
    pace.sample(now, missing.repaired());
  }

  /**
   * Every poll until the ack is sent, from {@code t_open − guard − lead}: decides and sends the
   * report when due ({@code submit} runs it on the transaction thread). Returns whether the ack may
   * go: the report is settled, or it has held the ack for half the ack timeout (an ack is worth
   * more to the network than this node's report).
   */
  boolean readyToAck(Window w, CommitteeView.Member me, EpochRun r, long now, Consumer<Callable<?>> submit) {
    // A dropper (test fault) hides what it deleted: it would not pay to have it counted as syncing.
    if (!settings.reportLosses() || settings.faults().dropEpoch().isPresent() || r.lossSettled) {
      return true;
    }
    long open = w.tOpen().orElseThrow();
    long blackoutStart = open - settings.guardMs(w.epochMs());
    long lead = settings.lossLeadMs(w.epochMs());
    if (now < blackoutStart - lead) {
      return false;
    }
    if (!w.pending()) {
      r.lossSettled = true;
      if (r.lossShards != null && r.lossReported.isEmpty()) {
        LOG.warn("epoch {} was {} before this node's report of lost shards {} went through: they will be judged",
            w.epoch(), w.status(), r.lossShards);
      }
      return true;
    }
    boolean heldLongEnough = now >= open + (w.ackDeadline().orElse(open) - open) / 2;
    if (r.lossShards == null) {
      if (reportedEpoch().map(e -> e == w.epoch()).orElse(false)) {
        LOG.info("epoch {}: this node reported lost shards before it restarted; not again", w.epoch());
        r.lossSettled = true;
        return true;
      }
      LossReportRule.Decision d = LossReportRule.decide(missingOf(w, me), uncountedOf(w, me), now, blackoutStart, lead,
          pace.perMs());
      switch (d.action()) {
        case NOTHING_MISSING -> {
          if (now >= open) {
            r.lossSettled = true;
            return true;
          }
          return false;
        }
        case WAIT -> {
          LOG.info("epoch {}: shards {} miss slivers but are not reported yet: {}", w.epoch(), d.shards(), d.why());
          return heldLongEnough;
        }
        case REPORT -> {
          r.lossShards = d.shards();
          LOG.warn("epoch {}: reporting own shards {} as lost (shard_request_recovery) before the seed: {}",
              w.epoch(), d.shards(), d.why());
        }
      }
    }
    if (now - r.lastLossAttempt >= RETRY_MS) {
      r.lastLossAttempt = now;
      submit.accept(() -> send(w.epoch(), r));
    }
    return heldLongEnough;
  }

  /** One attempt; the same signed transaction each time unless it surely did not run. */
  private TransactionEffects send(int epoch, EpochRun r) {
    if (r.lossSettled) {
      return null;
    }
    Optional<ObjectId> cap = ledger.nodeCap();
    if (cap.isEmpty()) {
      LOG.warn("cannot report lost shards {}: the wallet owns no StorageNodeCap", r.lossShards);
      r.lossSettled = true;
      return null;
    }
    if (r.lossTx == null) {
      r.lossTx = ledger.sign(new Operation.ShardRequestRecovery(cap.get(), r.lossShards));
      markReported(epoch);
    }
    TransactionEffects e;
    try {
      e = ledger.submit(r.lossTx);
    } catch (LedgerClientException ex) {
      if ("STALE_SEQUENCE".equals(ex.reason())) {
        r.lossTx = null; // its sequence number went to another transaction: this one never ran
      }
      throw ex;
    }
    switch (e.status()) {
      case SUCCESS -> {
        r.lossReported = List.copyOf(r.lossShards);
        r.lossSettled = true;
        shardsReported.increment(r.lossShards.size());
        LOG.warn("reported own shards {} as lost in epoch {}: they count as syncing, recovery is paid to the helpers",
            r.lossShards, epoch);
      }
      case REJECTED -> r.lossTx = null; // not run, nothing charged: sign again next time
      case ABORTED -> {
        r.lossSettled = true;
        LOG.warn("the ledger refused the report of lost shards {} in epoch {}: {}", r.lossShards, epoch, e.abort());
      }
    }
    return e;
  }

  private Map<Integer, Integer> missingOf(Window w, CommitteeView.Member me) {
    Set<Integer> judged = judgedShards(w, me);
    Map<Integer, Integer> out = new TreeMap<>();
    if (missing.perShard().keySet().stream().noneMatch(judged::contains)) {
      return out;
    }
    missing.perShard(id -> Blackout.eligible(node.blobs(), id, w.epoch())).forEach((shard, count) -> {
      if (judged.contains(shard)) {
        out.put(shard, count);
      }
    });
    return out;
  }

  private Set<Integer> uncountedOf(Window w, CommitteeView.Member me) {
    Set<Integer> out = new TreeSet<>(missing.uncountedShards());
    out.retainAll(judgedShards(w, me));
    return out;
  }

  /** Own shards the challenge judges: all but those gained this epoch while their sync is not signalled. */
  private Set<Integer> judgedShards(Window w, CommitteeView.Member me) {
    Set<Integer> out = new TreeSet<>(me.shards());
    if (syncedEpoch.getAsInt() < w.epoch()) {
      var c = node.committee();
      if (c.epoch() == w.epoch()) {
        out.retainAll(c.previousShards());
      }
    }
    return out;
  }

  private Optional<Integer> reportedEpoch() {
    return node.store().get(Table.NODE_STATE, REPORTED_EPOCH_KEY).map(v -> ByteBuffer.wrap(v).getInt());
  }

  private void markReported(int epoch) {
    try (Batch batch = node.store().batch()) {
      batch.put(Table.NODE_STATE, REPORTED_EPOCH_KEY, ByteBuffer.allocate(4).putInt(epoch).array());
      batch.commit();
    }
  }
}
