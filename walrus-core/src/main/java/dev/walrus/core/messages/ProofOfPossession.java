package dev.walrus.core.messages;

import dev.walrus.core.Address;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.core.crypto.BlsSignature;

/**
 * Creating and checking proofs of possession: a BLS signature by the key itself over its {@link
 * ProofOfPossessionMessage}. The ledger checks one at node registration and at key rotation.
 *
 * <p>Lives with the messages rather than in {@code crypto} so that the message bytes have one
 * implementation and {@code crypto} does not depend on {@code messages}.
 */
public final class ProofOfPossession {
  private ProofOfPossession() {}

  /** The proof that {@code keyPair} is held by {@code address}, for {@code epoch} (u32). */
  public static BlsSignature create(BlsKeyPair keyPair, long epoch, Address address) {
    return keyPair.sign(new ProofOfPossessionMessage(epoch, address, keyPair.publicKey()).toBcs());
  }

  /**
   * Whether {@code proof} is {@code publicKey}'s signature of the proof-of-possession message for
   * {@code epoch} and {@code address}; {@code false}, never an exception, for a wrong proof.
   */
  public static boolean verify(
      BlsPublicKey publicKey, long epoch, Address address, BlsSignature proof) {
    return publicKey.verify(new ProofOfPossessionMessage(epoch, address, publicKey).toBcs(), proof);
  }
}
