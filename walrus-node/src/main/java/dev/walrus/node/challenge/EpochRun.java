package dev.walrus.node.challenge;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.SignedTransaction;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** This node's progress through one epoch's challenge; replaced when the epoch changes. */
final class EpochRun {
  final int epoch;
  final Set<ObjectId> received = ConcurrentHashMap.newKeySet();
  /**
   * Whether this process followed the epoch from before its seed, so {@link #received} holds every
   * challenger that reached it. A node that restarted mid-window forgot who challenged it; its
   * report then vouches for every challenger rather than deny honest ones (spec §7.2 leaves this
   * open; denying would let f + 1 weight of restarted nodes fail honest challengers).
   */
  final boolean sawWholeWindow;
  /** Filled by the challenger as it goes, so the status endpoint shows progress during the window. */
  final Map<ObjectId, TargetTally> tallies = new ConcurrentHashMap<>();
  volatile boolean acked;
  volatile long lastAckAttempt;
  volatile long lastForceSeed;
  volatile boolean challengeStarted;
  volatile boolean challengeDone;
  volatile boolean reported;
  volatile long lastReportAttempt;
  volatile boolean fetched;
  /** Whether this epoch's loss report is settled: sent, not needed at the ack, refused, or too late. */
  volatile boolean lossSettled;
  /** The shards decided to be reported, once decided. */
  volatile List<Integer> lossShards;
  /** The report, signed once and sent again as is after an unclear failure (so it runs at most once). */
  volatile SignedTransaction lossTx;
  volatile long lastLossAttempt;
  /** The shards the ledger accepted as lost this epoch. */
  volatile List<Integer> lossReported = List.of();

  EpochRun(int epoch, boolean sawWholeWindow) {
    this.epoch = epoch;
    this.sawWholeWindow = sawWholeWindow;
  }
}
