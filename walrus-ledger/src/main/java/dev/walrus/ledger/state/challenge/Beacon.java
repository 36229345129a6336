package dev.walrus.ledger.state.challenge;

import dev.walrus.core.BlobId;
import dev.walrus.core.challenge.BeaconAck;
import dev.walrus.core.challenge.BeaconMessage;
import dev.walrus.core.challenge.ChallengeSeed;
import dev.walrus.core.challenge.ChallengeSet;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.TxContext;
import dev.walrus.ledger.state.objects.StorageNodeCap;
import dev.walrus.ledger.state.staking.StakingState;
import java.util.ArrayList;
import java.util.List;

/**
 * The randomness beacon (spec/challenges.md §4) and the selection of the challenged set (§5.2).
 *
 * <p>Each member's share is its BLS signature on {@code BEACON{e, node_id}}: unique, so it cannot
 * be ground, and unknown until published. The transaction that first brings the acked weight to
 * a quorum fixes the seed over the acks applied so far and the parent block's root; later acks
 * are stored but change nothing. If no quorum acks within the timeout, anyone may force the seed
 * from at least f+1 shards of acks (so at least one correct member contributed) or skip the
 * epoch.
 *
 * <p>Choice left open by the spec: the eligible blobs are listed at the seed, not frozen at the
 * change to the epoch. The set is the same except for blobs that stopped being eligible in
 * between, which the spec's draw rejects anyway; nothing derived has to be rebuilt on replay.
 */
final class Beacon {
  private final ChallengeTables t;
  private final ChallengeIndex index;
  private final Epochs epochs;
  private byte[] parentRoot = new byte[32];

  Beacon(ChallengeTables t, ChallengeIndex index, Epochs epochs) {
    this.t = t;
    this.index = index;
    this.epochs = epochs;
  }

  /** The root of the block before the one executing (set by the ledger before each block). */
  void beginBlock(byte[] previousBlockRoot) {
    this.parentRoot = previousBlockRoot.clone();
  }

  void ack(TxContext ctx, Operation.ChallengeAck op) {
    StorageNodeCap cap = t.ledger.objects().requireOwned(ctx, op.nodeCap(), StorageNodeCap.class);
    StakingState s = t.staking.state();
    int e = s.epoch();
    Abort.check(op.epoch() == e, ChallengeErrors.MODULE, ChallengeErrors.WRONG_EPOCH,
        "ack for epoch " + op.epoch() + " in epoch " + e);
    ChallengeTiming timing = epochs.timing(s).orElseThrow(() -> new Abort(ChallengeErrors.MODULE,
        ChallengeErrors.WRONG_TIME, "epoch " + e + " is still changing; acks open once it is done"));
    Abort.check(ctx.now() >= timing.tOpen(), ChallengeErrors.MODULE, ChallengeErrors.WRONG_TIME,
        "the challenge window of epoch " + e + " opens at " + timing.tOpen() + " ms, it is " + ctx.now());
    Committee c = s.committee();
    int index = c.indexOf(cap.nodeId());
    Abort.check(index >= 0, ChallengeErrors.MODULE, ChallengeErrors.NOT_MEMBER,
        "node " + cap.nodeId() + " is not in the committee of epoch " + e);
    EpochKey key = new EpochKey(e, cap.nodeId());
    Abort.check(!t.acks.contains(key), ChallengeErrors.MODULE, ChallengeErrors.DUPLICATE_ACK,
        "node " + cap.nodeId() + " acked epoch " + e + " already");
    Committee.Member member = c.members().get(index);
    Abort.check(member.publicKey().verify(new BeaconMessage(e, cap.nodeId()).toBcs(), op.beaconSignature()),
        ChallengeErrors.MODULE, ChallengeErrors.BAD_SIGNATURE, "the beacon signature does not verify under the node's key");
    t.acks.put(key, op.beaconSignature());
    ChallengeEpoch rec = epochs.current(e).withAcked(epochs.current(e).ackedWeight() + member.weight());
    t.epochs.put(e, rec);
    ctx.emit(new LedgerEvent.ChallengeAcked(e, cap.nodeId(), rec.ackedWeight()));
    if (rec.status() == ChallengeStatus.PENDING && c.isQuorum(rec.ackedWeight())) {
      seed(ctx, rec);
    }
  }

  void forceSeed(TxContext ctx, Operation.ChallengeForceSeed op) {
    StakingState s = t.staking.state();
    int e = s.epoch();
    Abort.check(op.epoch() == e, ChallengeErrors.MODULE, ChallengeErrors.WRONG_EPOCH,
        "force_seed for epoch " + op.epoch() + " in epoch " + e);
    ChallengeEpoch rec = epochs.current(e);
    Abort.check(rec.status() == ChallengeStatus.PENDING, ChallengeErrors.MODULE, ChallengeErrors.WRONG_TIME,
        "epoch " + e + " is " + rec.status() + ", not waiting for acks");
    ChallengeTiming timing = epochs.timing(s).orElse(null);
    Abort.check(timing != null && ctx.now() >= timing.ackDeadline(), ChallengeErrors.MODULE,
        ChallengeErrors.WRONG_TIME, "acks are awaited until " + (timing == null ? "the epoch change is done" : timing.ackDeadline() + " ms"));
    if (s.committee().includesOneCorrectNode(rec.ackedWeight())) {
      seed(ctx, rec);
    } else {
      skip(ctx, rec, "acks from " + rec.ackedWeight() + " shards, fewer than f+1");
    }
  }

  private void seed(TxContext ctx, ChallengeEpoch rec) {
    int e = rec.epoch();
    List<BeaconAck> acks = new ArrayList<>();
    for (var entry : ChallengeTables.ofEpoch(t.acks, e).entrySet()) {
      acks.add(new BeaconAck(entry.getKey().nodeId(), entry.getValue()));
    }
    byte[] seed = ChallengeSeed.compute(e, parentRoot, acks);
    List<BlobId> set = ChallengeSet.select(seed, index.eligible(e), rec.k());
    if (set.isEmpty()) {
      skip(ctx, rec, "no blob is eligible");
      return;
    }
    byte[] digest = ChallengeSet.digest(set);
    t.epochs.put(e, rec.seeded(seed, set, digest, ctx.now()));
    ctx.emit(new LedgerEvent.ChallengeSeeded(e, seed, digest, set));
  }

  private void skip(TxContext ctx, ChallengeEpoch rec, String why) {
    t.epochs.put(rec.epoch(), rec.skipped(why));
    ctx.emit(new LedgerEvent.ChallengeSkipped(rec.epoch(), why));
  }
}
