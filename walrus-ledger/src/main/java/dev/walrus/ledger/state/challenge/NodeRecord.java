package dev.walrus.ledger.state.challenge;

/**
 * A node's standing across epochs (spec/challenges.md §7.1, §8): consecutive epochs of
 * supermajority failure, the epoch its jail term ends (0: never jailed), unpaid penalties, stake
 * slashed but not yet burned (burned as its stakers withdraw), and recovery-helper rewards owed
 * to it at the next epoch change.
 */
public record NodeRecord(int consecutiveFails, int jailedUntil, long debt, long slashedUnburned, long helperCredit) {
  static final NodeRecord EMPTY = new NodeRecord(0, 0, 0, 0, 0);

  NodeRecord withFails(int fails) {
    return new NodeRecord(fails, jailedUntil, debt, slashedUnburned, helperCredit);
  }

  NodeRecord jailedUntil(int epoch) {
    return new NodeRecord(0, epoch, debt, slashedUnburned, helperCredit);
  }

  NodeRecord withDebt(long d) {
    return new NodeRecord(consecutiveFails, jailedUntil, d, slashedUnburned, helperCredit);
  }

  NodeRecord withSlashedUnburned(long s) {
    return new NodeRecord(consecutiveFails, jailedUntil, debt, s, helperCredit);
  }

  NodeRecord withHelperCredit(long c) {
    return new NodeRecord(consecutiveFails, jailedUntil, debt, slashedUnburned, c);
  }

  boolean isEmpty() {
    return equals(EMPTY);
  }
}
