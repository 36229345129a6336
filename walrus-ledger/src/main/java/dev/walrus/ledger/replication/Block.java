package dev.walrus.ledger.replication;

import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.state.ProposerChecks;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One Raft log entry: the leader's proposed time, the transactions it ordered, each as the BCS
 * bytes the client signed, and the checks the leader made on them ({@link ProposerChecks}).
 *
 * <p>BCS, version 2: {@code u8 version ‖ u64 time ‖ vec<vec<u8>> transactions ‖ vec<u8>
 * signatures-checked bitmap (bit i = transaction i, least significant bit first) ‖
 * vec<(uleb128 transaction, uleb128 certificate, [u8; 48] aggregate key)> verified certificates}.
 * Version 1 (written before checks were carried) ends after the transactions; such blocks are
 * applied with every check repeated.
 *
 * <p>Transactions stay bytes in the log so that what is replicated is exactly what was received;
 * every replica decodes them the same way when it applies the block, and drops the same
 * undecodable ones (the leader already refused those, so none should reach the log).
 */
public record Block(long proposedTimeMs, List<byte[]> transactions, ProposerChecks checks) {
  static final int VERSION_WITHOUT_CHECKS = 1;
  static final int VERSION = 2;

  public Block {
    transactions = List.copyOf(transactions);
  }

  /** A block whose replicas check everything themselves. */
  public Block(long proposedTimeMs, List<byte[]> transactions) {
    this(proposedTimeMs, transactions, ProposerChecks.NONE);
  }

  public byte[] encode() {
    int size = 24 + transactions.size() / 8 + checks.certificates().size() * (BlsPublicKey.LENGTH + 10);
    for (byte[] t : transactions) {
      size += t.length + 5;
    }
    BcsWriter w = new BcsWriter(size);
    w.u8(VERSION).u64(proposedTimeMs).uleb128(transactions.size());
    for (byte[] t : transactions) {
      w.bytes(t);
    }
    w.bytes(checks.signaturesChecked().toByteArray());
    w.uleb128(checks.certificates().size());
    for (ProposerChecks.Certificate c : checks.certificates()) {
      w.uleb128(c.transaction()).uleb128(c.certificate()).fixedBytes(c.key());
    }
    return w.toByteArray();
  }

  /** Parses a log entry; throws {@link BcsException} if it is not a block. */
  public static Block decode(byte[] bytes) {
    BcsReader r = new BcsReader(bytes);
    int version = r.u8();
    if (version != VERSION && version != VERSION_WITHOUT_CHECKS) {
      throw new BcsException("unknown block version " + version);
    }
    long time = r.u64();
    int n = r.length(1);
    List<byte[]> txs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      txs.add(r.bytes());
    }
    ProposerChecks checks = ProposerChecks.NONE;
    if (version == VERSION) {
      BitSet signatures = BitSet.valueOf(r.bytes());
      int certificates = r.length(2 + BlsPublicKey.LENGTH);
      List<ProposerChecks.Certificate> verified = new ArrayList<>(certificates);
      for (int i = 0; i < certificates; i++) {
        verified.add(new ProposerChecks.Certificate(index(r), index(r), r.fixedBytes(BlsPublicKey.LENGTH)));
      }
      checks = new ProposerChecks(signatures, verified);
    }
    r.finish();
    return new Block(time, txs, checks);
  }

  /** A position (ULEB128): above 2^31 - 1 it would turn negative as an int and not encode again. */
  private static int index(BcsReader r) {
    long v = r.uleb128();
    if (v > Integer.MAX_VALUE) {
      throw new BcsException("block check index " + v + " is out of range");
    }
    return (int) v;
  }

  /** The transactions that decode, with the checks renumbered to their positions among them. */
  public record Decoded(List<SignedTransaction> transactions, ProposerChecks checks) {}

  /**
   * The transactions that decode, in order; the rest are dropped (the same on every replica),
   * and so are the checks made on them.
   */
  public Decoded decode() {
    SignedTransaction[] parsed = new SignedTransaction[transactions.size()];
    // Decoding checks keys and signature points: worth spreading over the cores in a large block.
    IntStream.range(0, parsed.length).parallel().forEach(i -> {
      try {
        parsed[i] = SignedTransaction.fromBcs(transactions.get(i));
      } catch (RuntimeException e) {
        // Deterministic: the same bytes fail the same way everywhere.
      }
    });
    List<SignedTransaction> out = new ArrayList<>(transactions.size());
    int[] position = new int[transactions.size()];
    for (int i = 0; i < parsed.length; i++) {
      position[i] = -1;
      if (parsed[i] != null) {
        out.add(parsed[i]);
        position[i] = out.size() - 1;
      }
    }
    if (out.size() == transactions.size()) {
      return new Decoded(out, checks);
    }
    BitSet signatures = new BitSet();
    BitSet checked = checks.signaturesChecked();
    for (int i = checked.nextSetBit(0); i >= 0 && i < position.length; i = checked.nextSetBit(i + 1)) {
      if (position[i] >= 0) {
        signatures.set(position[i]);
      }
    }
    List<ProposerChecks.Certificate> certificates = new ArrayList<>();
    for (ProposerChecks.Certificate c : checks.certificates()) {
      if (c.transaction() >= 0 && c.transaction() < position.length && position[c.transaction()] >= 0) {
        certificates.add(new ProposerChecks.Certificate(position[c.transaction()], c.certificate(), c.key()));
      }
    }
    return new Decoded(out, new ProposerChecks(signatures, certificates));
  }

  /** The transactions that decode, in order (see {@link #decode()}). */
  public List<SignedTransaction> decodeTransactions() {
    return decode().transactions();
  }
}
