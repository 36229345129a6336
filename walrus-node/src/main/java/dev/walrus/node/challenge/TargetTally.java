package dev.walrus.node.challenge;

import dev.walrus.core.ObjectId;
import dev.walrus.core.challenge.ItemOutcome;
import dev.walrus.core.challenge.ReportEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** What this node saw of one target in one window: the counts and failed shards of its report entry. */
final class TargetTally {
  final ObjectId target;
  final int itemsOwed;
  private boolean issued;
  private boolean complete;
  private int ok;
  private int voided;
  private int excused;
  private int failed;
  private final TreeSet<Integer> failedShards = new TreeSet<>();

  TargetTally(ObjectId target, int itemsOwed) {
    this.target = target;
    this.itemsOwed = itemsOwed;
  }

  synchronized void issued() {
    issued = true;
  }

  synchronized boolean isIssued() {
    return issued;
  }

  synchronized void count(int shard, ItemOutcome outcome) {
    switch (outcome) {
      case OK -> ok++;
      case VOID -> voided++;
      case EXCUSED -> excused++;
      case FAILED -> {
        failed++;
        failedShards.add(shard);
      }
    }
  }

  synchronized void complete() {
    complete = true;
  }

  synchronized boolean isComplete() {
    return complete;
  }

  synchronized int failedItems() {
    return failed;
  }

  /**
   * The report entry: ISSUED if a request went out, UNREACHABLE if no complete answer came
   * (all the target's shards then count as failed), RECEIVED if the target's request reached us.
   * {@code invert} flips the verdict for the fault-injection tests.
   */
  synchronized ReportEntry entry(boolean received, List<Integer> targetShards, boolean invert) {
    int flags = (issued ? ReportEntry.ISSUED : 0) | (received ? ReportEntry.RECEIVED : 0)
        | (issued && !complete ? ReportEntry.UNREACHABLE : 0);
    List<Integer> shards = new ArrayList<>(failedShards);
    int okCount = ok;
    if (invert) {
      boolean passed = complete && failedShards.isEmpty();
      shards = passed ? targetShards.stream().sorted().toList() : List.of();
      flags = (flags & ~ReportEntry.UNREACHABLE) | (issued ? ReportEntry.ISSUED : 0);
      okCount = passed ? 0 : itemsOwed;
    }
    int items = issued ? itemsOwed : 0;
    return new ReportEntry(target, flags, items, Math.min(okCount, items), Math.min(voided, items - Math.min(okCount, items)),
        0, shards);
  }
}
