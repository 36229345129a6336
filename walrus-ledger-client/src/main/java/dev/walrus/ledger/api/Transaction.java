package dev.walrus.ledger.api;

import dev.walrus.core.Address;
import dev.walrus.core.bcs.BcsRecords;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.crypto.Ed25519PublicKey;
import dev.walrus.core.hash.Blake2b256;

/**
 * What an account asks the ledger to do. {@code network} is the genesis digest, so a transaction
 * signed for one network is invalid on every other; {@code sequence} is the sender's next
 * sequence number (each is used exactly once, in order); {@code fee} is in FROST and paid even
 * when the operation aborts.
 */
public record Transaction(byte[] network, Ed25519PublicKey sender, long sequence, long fee, Operation operation) {

  public Transaction {
    if (network.length != 32) {
      throw new IllegalArgumentException("network must be the 32-byte genesis digest");
    }
    if (sequence < 0 || fee < 0) {
      throw new IllegalArgumentException("sequence and fee must not be negative");
    }
    network = network.clone();
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  public Address senderAddress() {
    return sender.toAddress();
  }

  public byte[] toBcs() {
    return BcsRecords.encode(Transaction.class, this);
  }

  /** BLAKE2b-256 of the BCS bytes: what is signed, and the transaction's identity. */
  public byte[] digest() {
    return Blake2b256.digest(toBcs());
  }

  public SignedTransaction sign(Ed25519KeyPair key) {
    if (!key.publicKey().equals(sender)) {
      throw new IllegalArgumentException("signing key is not the sender's");
    }
    return new SignedTransaction(this, key.sign(digest()));
  }
}
