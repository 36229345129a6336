package dev.walrus.ledger.replication;

import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.ledger.api.SignedTransaction;
import java.util.ArrayList;
import java.util.List;

/**
 * One Raft log entry: the leader's proposed time and the transactions it ordered, each as the BCS
 * bytes the client signed. BCS: {@code u8 version (1) ‖ u64 time ‖ vec<vec<u8>> transactions}.
 *
 * <p>Transactions stay bytes in the log so that what is replicated is exactly what was received;
 * every replica decodes them the same way when it applies the block, and drops the same
 * undecodable ones (the leader already refused those, so none should reach the log).
 */
public record Block(long proposedTimeMs, List<byte[]> transactions) {
  static final int VERSION = 1;

  public Block {
    transactions = List.copyOf(transactions);
  }

  public byte[] encode() {
    int size = 16;
    for (byte[] t : transactions) {
      size += t.length + 5;
    }
    BcsWriter w = new BcsWriter(size);
    w.u8(VERSION).u64(proposedTimeMs).uleb128(transactions.size());
    for (byte[] t : transactions) {
      w.bytes(t);
    }
    return w.toByteArray();
  }

  /** Parses a log entry; throws {@link dev.walrus.core.bcs.BcsException} if it is not a block. */
  public static Block decode(byte[] bytes) {
    BcsReader r = new BcsReader(bytes);
    int version = r.u8();
    if (version != VERSION) {
      throw new dev.walrus.core.bcs.BcsException("unknown block version " + version);
    }
    long time = r.u64();
    int n = r.length(1);
    List<byte[]> txs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      txs.add(r.bytes());
    }
    r.finish();
    return new Block(time, txs);
  }

  /** The transactions that decode, in order; the rest are dropped (the same on every replica). */
  public List<SignedTransaction> decodeTransactions() {
    List<SignedTransaction> out = new ArrayList<>(transactions.size());
    for (byte[] t : transactions) {
      try {
        out.add(SignedTransaction.fromBcs(t));
      } catch (RuntimeException e) {
        // Deterministic: the same bytes fail the same way everywhere.
      }
    }
    return out;
  }
}
