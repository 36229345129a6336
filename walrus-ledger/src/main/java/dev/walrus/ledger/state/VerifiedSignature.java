package dev.walrus.ledger.state;

import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.core.crypto.BlsSignature;
import java.nio.ByteBuffer;

/**
 * A BLS signature known to verify: {@code signature} on {@code message} under the (aggregate)
 * key whose compressed form is {@code key}. Equal by content, so that a certificate met later
 * finds it by recomputing its signers' key; a claim for another key, signature or message is
 * simply not found.
 */
public record VerifiedSignature(ByteBuffer key, BlsSignature signature, ByteBuffer message) {

  public static VerifiedSignature of(byte[] key, BlsSignature signature, byte[] message) {
    return new VerifiedSignature(ByteBuffer.wrap(key.clone()), signature, ByteBuffer.wrap(message.clone()));
  }

  public static VerifiedSignature of(BlsPublicKey key, BlsSignature signature, byte[] message) {
    return new VerifiedSignature(ByteBuffer.wrap(key.bytes()), signature, ByteBuffer.wrap(message.clone()));
  }
}
