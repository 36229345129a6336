package dev.walrus.ledger.api;

import dev.walrus.core.bcs.BcsRecords;
import dev.walrus.core.crypto.Ed25519Signature;

/** A transaction with the sender's Ed25519 signature over its digest. BCS: transaction ‖ signature. */
public record SignedTransaction(Transaction transaction, Ed25519Signature signature) {

  public boolean signatureValid() {
    return transaction.sender().verify(transaction.digest(), signature);
  }

  public byte[] toBcs() {
    return BcsRecords.encode(SignedTransaction.class, this);
  }

  public static SignedTransaction fromBcs(byte[] bytes) {
    return BcsRecords.decode(SignedTransaction.class, bytes);
  }
}
