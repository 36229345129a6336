package dev.walrus.ledger.state.staking;

/**
 * A node's votes (ledger.md §6): storage price (FROST per MiB per epoch) and write price (FROST
 * per MiB), tallied with {@code quorum_below} over the current committee, and node capacity
 * (bytes), tallied with {@code quorum_above} over the next committee at {@code voting_end}.
 */
public record VotingParams(long storagePrice, long writePrice, long nodeCapacity) {

  public VotingParams withStoragePrice(long price) {
    return new VotingParams(price, writePrice, nodeCapacity);
  }

  public VotingParams withWritePrice(long price) {
    return new VotingParams(storagePrice, price, nodeCapacity);
  }

  public VotingParams withNodeCapacity(long capacity) {
    return new VotingParams(storagePrice, writePrice, capacity);
  }
}
