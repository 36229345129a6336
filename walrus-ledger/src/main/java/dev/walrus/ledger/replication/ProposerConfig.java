package dev.walrus.ledger.replication;

/**
 * How the leader cuts blocks. A block is proposed as soon as a transaction is waiting and fewer
 * than {@code maxInflightBlocks} blocks await commitment, after lingering up to {@code lingerMs}
 * for more transactions; under load blocks therefore grow up to {@code maxBlockTransactions} /
 * {@code maxBlockBytes} while the Raft pipeline is busy. Without transactions an empty block
 * is proposed every {@code tickIntervalMs}, so the ledger clock (and with it epochs) advances.
 * Zero means "default".
 */
public record ProposerConfig(
    long tickIntervalMs, int maxBlockTransactions, int maxBlockBytes, long lingerMs, int maxInflightBlocks, int queueCapacity) {

  public static final ProposerConfig DEFAULT = new ProposerConfig(0, 0, 0, 0, 0, 0);

  public ProposerConfig {
    tickIntervalMs = tickIntervalMs > 0 ? tickIntervalMs : 500;
    maxBlockTransactions = maxBlockTransactions > 0 ? maxBlockTransactions : 4096;
    maxBlockBytes = maxBlockBytes > 0 ? maxBlockBytes : 4 << 20;
    lingerMs = lingerMs > 0 ? lingerMs : 2;
    maxInflightBlocks = maxInflightBlocks > 0 ? maxInflightBlocks : 4;
    queueCapacity = queueCapacity > 0 ? queueCapacity : 65_536;
  }
}
