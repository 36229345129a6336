package dev.walrus.core.challenge;

import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.crypto.CryptoException;
import dev.walrus.core.crypto.SignatureVerificationException;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/**
 * A challenge message with its signer's BLS signature over the exact bytes, in the same BCS as
 * Walrus's {@code SignedMessage}: {@code serialized_message Vec<u8> ‖ signature [u8; 96]}. The
 * bytes are kept as received, because the signature covers them.
 */
public final class SignedChallenge {
  /** Longest signed message accepted: a report of 65 535 entries of 4 096 failed shards stays far below. */
  public static final int MAX_MESSAGE_BYTES = 16 << 20;

  private final byte[] message;
  private final BlsSignature signature;

  private SignedChallenge(byte[] message, BlsSignature signature) {
    this.message = message;
    this.signature = Objects.requireNonNull(signature, "signature");
  }

  public static SignedChallenge sign(BlsKeyPair key, ChallengeMessage message) {
    byte[] bytes = message.toBcs();
    return new SignedChallenge(bytes, key.sign(bytes));
  }

  /** From parts (e.g. a ledger operation's fields); nothing is verified yet. */
  public static SignedChallenge of(byte[] message, BlsSignature signature) {
    return new SignedChallenge(message.clone(), signature);
  }

  /** Decodes the envelope; {@link BcsException} for truncation, trailing bytes or a bad G2 point. */
  public static SignedChallenge fromBcs(byte[] bcs) {
    BcsReader r = new BcsReader(bcs);
    byte[] message = r.bytes();
    if (message.length > MAX_MESSAGE_BYTES) {
      throw new BcsException("signed challenge message of " + message.length + " bytes is too large");
    }
    BlsSignature signature;
    try {
      signature = BlsSignature.fromBytes(r.fixedBytes(BlsSignature.LENGTH));
    } catch (CryptoException e) {
      throw new BcsException("invalid signature: " + e.getMessage());
    }
    r.finish();
    return new SignedChallenge(message, signature);
  }

  public byte[] toBcs() {
    BcsWriter w = new BcsWriter(message.length + 5 + BlsSignature.LENGTH);
    w.bytes(message).fixedBytes(signature.bytes());
    return w.toByteArray();
  }

  /**
   * The message decoded with {@code decoder}, once the signature verifies under {@code key}.
   * Decoding runs first: it is cheap and rejects garbage before the pairing check.
   *
   * @throws BcsException if the bytes are not such a message
   * @throws SignatureVerificationException if the signature does not verify
   */
  public <T extends ChallengeMessage> T verify(BlsPublicKey key, Function<byte[], T> decoder) {
    T decoded = decoder.apply(message);
    if (!key.verify(message, signature)) {
      throw new SignatureVerificationException("signature on " + decoded.intent() + " does not verify under " + key);
    }
    return decoded;
  }

  /** The message without checking the signature (to learn whose key to check it with). */
  public <T extends ChallengeMessage> T unverified(Function<byte[], T> decoder) {
    return decoder.apply(message);
  }

  public byte[] message() {
    return message.clone();
  }

  public BlsSignature signature() {
    return signature;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedChallenge s && Arrays.equals(s.message, message) && s.signature.equals(signature);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(message) * 31 + signature.hashCode();
  }
}
