package dev.walrus.ledger.replication;

import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.api.Transaction;
import dev.walrus.ledger.state.LedgerState;
import dev.walrus.ledger.state.TransactionSignatures;
import java.util.Arrays;

/**
 * Checks made before a transaction is ordered, so that transactions that could only be rejected
 * do not take log space. The state machine makes the same checks again when it executes the
 * transaction (a replica cannot trust another's checks, and the state may change in between);
 * these only save work.
 */
public final class Admission {
  private Admission() {}

  /** Why a transaction was refused before ordering; {@code reason} is the API's error reason. */
  public static final class Refused extends RuntimeException {
    private final String reason;
    private final boolean precondition;

    Refused(String reason, boolean precondition, String message) {
      super(message, null, false, false);
      this.reason = reason;
      this.precondition = precondition;
    }

    public String reason() {
      return reason;
    }

    /** A state-dependent refusal ({@code FAILED_PRECONDITION}) rather than a malformed transaction. */
    public boolean precondition() {
      return precondition;
    }
  }

  /** What needs no state: the network, the signature, the fee. */
  public static void checkStateless(SignedTransaction stx, byte[] network, GenesisConfig genesis) {
    Transaction tx = stx.transaction();
    if (!Arrays.equals(tx.network(), network)) {
      throw new Refused("WRONG_NETWORK", false, "the transaction is signed for another network (genesis digest differs)");
    }
    if (!TransactionSignatures.validForAdmission(stx)) {
      throw new Refused("INVALID_SIGNATURE", false, "the signature does not verify under the sender's key");
    }
    if (tx.fee() < genesis.transactionFee()) {
      throw new Refused("FEE_TOO_LOW", false,
          "fee " + tx.fee() + " FROST is below the network's " + genesis.transactionFee() + " FROST");
    }
  }

  /** A sequence number already used can never execute again. */
  public static void checkSequence(SignedTransaction stx, LedgerState state) {
    Transaction tx = stx.transaction();
    long next = state.services().accounts().get(tx.senderAddress()).nextSequence();
    if (tx.sequence() < next) {
      throw new Refused("STALE_SEQUENCE", true,
          "sequence number " + tx.sequence() + " of " + tx.senderAddress() + " was already used (the next is " + next + ")");
    }
  }
}
