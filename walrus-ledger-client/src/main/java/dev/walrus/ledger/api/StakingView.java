package dev.walrus.ledger.api;

import dev.walrus.core.ObjectId;
import java.util.List;

/**
 * {@code GET /v1/staking}: the epoch state machine and every staking pool, as wallets and node
 * operators need them to choose where to stake and to know when the next committee is selected.
 *
 * @param votingEndMs when the next committee will be selected, if still ahead
 * @param epochChangeMs when the next epoch starts, absent while an epoch change waits for sync
 * @param nextCapacity the capacity vote for the next epoch, once it is selected
 */
public record StakingView(
    int epoch,
    String epochState,
    Long votingEndMs,
    Long epochChangeMs,
    Long nextCapacity,
    long activeSetStake,
    List<Pool> pools) {

  /**
   * @param stake the stake counted in the current epoch; {@code nextStake} the stake the next
   *     committee selection counts
   * @param commissionRate basis points
   * @param networkPublicKey the node's registered network key (compressed P-256), which clients pin
   *     for TLS
   * @param nodeCapacity the node's capacity vote, in bytes
   */
  public record Pool(
      ObjectId nodeId,
      String name,
      String networkAddress,
      byte[] networkPublicKey,
      int commissionRate,
      long stake,
      long nextStake,
      boolean inCommittee,
      boolean inActiveSet,
      long nodeCapacity) {}
}
