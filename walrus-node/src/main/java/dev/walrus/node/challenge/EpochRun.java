package dev.walrus.node.challenge;

import dev.walrus.core.ObjectId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** This node's progress through one epoch's challenge; replaced when the epoch changes. */
final class EpochRun {
  final int epoch;
  final Set<ObjectId> received = ConcurrentHashMap.newKeySet();
  volatile Map<ObjectId, TargetTally> tallies = Map.of();
  volatile boolean acked;
  volatile long lastAckAttempt;
  volatile long lastForceSeed;
  volatile boolean challengeStarted;
  volatile boolean challengeDone;
  volatile boolean reported;
  volatile long lastReportAttempt;
  volatile boolean dropped;
  volatile boolean fetched;

  EpochRun(int epoch) {
    this.epoch = epoch;
  }
}
