package dev.walrus.ledger.state;

import dev.walrus.ledger.api.SignedTransaction;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks transaction signatures, remembering those admission found valid so that execution,
 * usually moments later on the same replica, need not check them again. Only valid signatures
 * are remembered, each until its one reuse, and the memory is bounded: an entry it dropped is
 * simply checked again. Checking a signature is a pure function, so the memory cannot change an
 * outcome.
 */
public final class TransactionSignatures {
  private static final int CAPACITY = 1 << 16;
  private static final Set<Key> ADMITTED = ConcurrentHashMap.newKeySet();

  private TransactionSignatures() {}

  /** At admission: whether the signature is valid, remembered for {@link #validForExecution}. */
  public static boolean validForAdmission(SignedTransaction stx) {
    if (!stx.signatureValid()) {
      return false;
    }
    if (ADMITTED.size() >= CAPACITY) {
      ADMITTED.clear();
    }
    ADMITTED.add(Key.of(stx));
    return true;
  }

  /**
   * When the leader proposes the transaction: whether the signature is valid, forgetting it if
   * admission had checked it (the block then tells every replica it was checked).
   */
  public static boolean validForProposal(SignedTransaction stx) {
    return validForExecution(stx);
  }

  /** At execution: whether the signature is valid, forgetting it if admission had checked it. */
  public static boolean validForExecution(SignedTransaction stx) {
    return ADMITTED.remove(Key.of(stx)) || stx.signatureValid();
  }

  /** The digest covers the sender's key, so digest and signature identify the check. */
  private record Key(ByteBuffer digest, ByteBuffer signature) {
    static Key of(SignedTransaction stx) {
      return new Key(ByteBuffer.wrap(stx.transaction().digest()), ByteBuffer.wrap(stx.signature().bytes()));
    }
  }
}
