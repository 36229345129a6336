package dev.walrus.core.messages;

import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.core.crypto.BlsSignature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Signatures of many committee members on the same message bytes, aggregated into one
 * (protocol.md §3 step 7). BCS: {@code signers: Vec<u16> ‖ serialized_message: Vec<u8> ‖
 * signature: [u8; 96]}; signers are positions in the committee's {@code members} vector.
 *
 * <p>On chain the signers travel as a bitmap instead ({@link #signersBitmap(int)}); the ledger
 * turns it back with {@link #signersFromBitmap(byte[], int)}. Quorum and weights are the caller's
 * business: this class only carries and encodes.
 */
public final class ProtocolMessageCertificate {
  private final int[] signers;
  private final byte[] serializedMessage;
  private final BlsSignature signature;

  /**
   * @param signers member indices, each a u16; kept in the given order
   * @param signature the aggregate of the signers' signatures on {@code serializedMessage}
   */
  public ProtocolMessageCertificate(
      int[] signers, byte[] serializedMessage, BlsSignature signature) {
    for (int s : signers) {
      checkU16(s);
    }
    this.signers = signers.clone();
    this.serializedMessage = serializedMessage.clone();
    this.signature = Objects.requireNonNull(signature, "signature");
  }

  /**
   * Aggregates signed messages into a certificate. {@code signers[i]} is the member index of
   * whoever signed {@code messages.get(i)}. The messages must all carry the same bytes; they are
   * not verified here (verify each on receipt, or the certificate as a whole).
   *
   * @throws IllegalArgumentException for differing messages, no messages, or a count mismatch
   */
  public static ProtocolMessageCertificate fromSignedMessages(
      int[] signers, List<? extends SignedMessage<?>> messages) {
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a certificate needs at least one signed message");
    }
    if (signers.length != messages.size()) {
      throw new IllegalArgumentException(
          signers.length + " signer indices for " + messages.size() + " signed messages");
    }
    byte[] bytes = messages.get(0).serializedMessage();
    List<BlsSignature> signatures = new ArrayList<>(messages.size());
    for (SignedMessage<?> m : messages) {
      if (!Arrays.equals(bytes, m.serializedMessage())) {
        throw new IllegalArgumentException("the signed messages differ");
      }
      signatures.add(m.signature());
    }
    return new ProtocolMessageCertificate(signers, bytes, BlsSignature.aggregate(signatures));
  }

  public byte[] toBcs() {
    BcsWriter w =
        new BcsWriter(5 + 2 * signers.length + 5 + serializedMessage.length + BlsSignature.LENGTH);
    w.uleb128(signers.length);
    for (int s : signers) {
      w.u16(s);
    }
    w.bytes(serializedMessage);
    w.fixedBytes(signature.bytes());
    return w.toByteArray();
  }

  /**
   * Decodes the BCS form; {@link dev.walrus.core.bcs.BcsException} for truncation, trailing
   * bytes or a signature that is not a valid G2 point.
   */
  public static ProtocolMessageCertificate fromBcs(byte[] bcs) {
    BcsReader r = new BcsReader(bcs);
    int[] signers = new int[r.length(2)];
    for (int i = 0; i < signers.length; i++) {
      signers[i] = r.u16();
    }
    byte[] message = r.bytes();
    BlsSignature signature = SignedMessage.readSignature(r, "certificate signature");
    r.finish();
    return new ProtocolMessageCertificate(signers, message, signature);
  }

  /**
   * Whether the signature is the aggregate of signatures on the message by exactly the holders of
   * {@code signerKeys} (the keys of {@link #signers()}, looked up by the caller).
   */
  public boolean verifySignature(Collection<BlsPublicKey> signerKeys) {
    return BlsPublicKey.verifyAggregate(signerKeys, serializedMessage, signature);
  }

  /**
   * The certified message, decoded with {@code decoder} (e.g. {@code
   * StorageConfirmation::fromBcs}); {@link dev.walrus.core.bcs.BcsException} if it is not one.
   */
  public <T extends ProtocolMessage> T message(MessageDecoder<T> decoder) {
    return decoder.fromBcs(serializedMessage);
  }

  /**
   * The on-chain signers bitmap for a committee of {@code nMembers}: {@code ceil(nMembers / 8)}
   * bytes, member {@code i} at byte {@code i / 8}, bit {@code i % 8} (least significant first).
   *
   * @throws InvalidSignersException if a signer index is not below {@code nMembers}
   */
  public byte[] signersBitmap(int nMembers) {
    return signersBitmap(signers, nMembers);
  }

  /** As {@link #signersBitmap(int)} for any list of member indices. */
  public static byte[] signersBitmap(int[] signers, int nMembers) {
    checkMembers(nMembers);
    byte[] bitmap = new byte[(nMembers + 7) / 8];
    for (int s : signers) {
      if (s < 0 || s >= nMembers) {
        throw new InvalidSignersException(
            "signer index " + s + " is not below the committee size " + nMembers);
      }
      bitmap[s >>> 3] |= (byte) (1 << (s & 7));
    }
    return bitmap;
  }

  /**
   * The member indices set in an on-chain bitmap, ascending. Shorter bitmaps are allowed (the
   * missing bytes are non-signers), as the contract allows them.
   *
   * @throws InvalidSignersException if the bitmap is longer than {@code ceil(nMembers / 8)} bytes
   *     or has a bit set at an index {@code >= nMembers}
   */
  public static int[] signersFromBitmap(byte[] bitmap, int nMembers) {
    checkMembers(nMembers);
    int maxLength = (nMembers + 7) / 8;
    if (bitmap.length > maxLength) {
      throw new InvalidSignersException(
          "signers bitmap of " + bitmap.length + " bytes is longer than the " + maxLength
              + " bytes of a " + nMembers + "-member committee");
    }
    int count = 0;
    for (byte b : bitmap) {
      count += Integer.bitCount(b & 0xFF);
    }
    int[] signers = new int[count];
    int k = 0;
    for (int i = 0; i < bitmap.length; i++) {
      int bits = bitmap[i] & 0xFF;
      while (bits != 0) {
        int index = 8 * i + Integer.numberOfTrailingZeros(bits);
        if (index >= nMembers) {
          throw new InvalidSignersException(
              "signers bitmap sets bit " + index + " of a " + nMembers + "-member committee");
        }
        signers[k++] = index;
        bits &= bits - 1;
      }
    }
    return signers;
  }

  /** The signer indices (a copy), in certificate order. */
  public int[] signers() {
    return signers.clone();
  }

  /** The certified bytes (a copy). */
  public byte[] serializedMessage() {
    return serializedMessage.clone();
  }

  public BlsSignature signature() {
    return signature;
  }

  private static void checkU16(int s) {
    if (s < 0 || s > 0xFFFF) {
      throw new IllegalArgumentException("signer index " + s + " is out of u16 range");
    }
  }

  private static void checkMembers(int nMembers) {
    if (nMembers < 0 || nMembers > 0x1_0000) {
      throw new IllegalArgumentException("committee size " + nMembers + " is out of range");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProtocolMessageCertificate other
        && Arrays.equals(signers, other.signers)
        && Arrays.equals(serializedMessage, other.serializedMessage)
        && signature.equals(other.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(signers), Arrays.hashCode(serializedMessage), signature);
  }

  @Override
  public String toString() {
    return "ProtocolMessageCertificate[" + signers.length + " signers, "
        + serializedMessage.length + " bytes, signature=" + signature + "]";
  }
}
