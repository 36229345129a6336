package dev.walrus.core.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.Pairing;

/**
 * Checks many signatures, each on its own message under its own key, in one product of
 * pairings: {@code ∏ e(pkᵢ, rᵢ·H(mᵢ)) = e(g₁, Σ rᵢ·σᵢ)} with fresh random 64-bit {@code rᵢ}. The
 * random weights stop invalid signatures from cancelling each other out (a batch with any invalid
 * signature passes with probability 2⁻⁶⁴).
 *
 * <p>Signatures under the same key share one Miller loop: {@code e(pk, Σ rᵢ·H(mᵢ))}. Committee
 * certificates are mostly signed by the same signers (often the whole committee), so a block's
 * certificates cost a hash to G2 and two short scalar multiplications each plus one pairing per
 * distinct signer set — about a third less than a Miller loop per signature. A signature alone
 * under its key is weighted on the G1 side instead, where multiplying is cheaper. Each signature
 * is checked to lie in G2 first; the keys are valid G1 points by construction.
 *
 * <p>A failed batch says only that some signature is invalid; callers that need to know which
 * verify those individually.
 */
public final class BlsBatch {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final P1_Affine NEGATED_GENERATOR = new P1(P1_Affine.generator()).neg().to_affine();

  /** One signature to check: {@code signature} on {@code message} under {@code key}. */
  public record Item(BlsPublicKey key, byte[] message, BlsSignature signature) {}

  private BlsBatch() {}

  /** Whether every item's signature verifies; {@code true} for no items. */
  public static boolean verifyAll(List<Item> items) {
    if (items.isEmpty()) {
      return true;
    }
    if (items.size() == 1) {
      Item only = items.get(0);
      return only.key().verify(only.message(), only.signature());
    }
    Map<BlsPublicKey, List<Item>> byKey = new LinkedHashMap<>();
    for (Item item : items) {
      byKey.computeIfAbsent(item.key(), k -> new ArrayList<>()).add(item);
    }
    Pairing pairing = new Pairing(true, Bls.DST);
    P2 weightedSignatures = new P2();
    byte[] weight = new byte[8];
    for (Map.Entry<BlsPublicKey, List<Item>> group : byKey.entrySet()) {
      P2 weightedHashes = new P2();
      BigInteger r = null;
      for (Item item : group.getValue()) {
        try {
          item.signature().requireInGroup();
        } catch (CryptoException outsideG2) {
          return false;
        }
        RANDOM.nextBytes(weight);
        weight[0] |= (byte) 0x80; // never zero, so no signature drops out of the check
        r = new BigInteger(1, weight);
        weightedSignatures.add(new P2(item.signature().point()).mult(r));
        P2 hash = new P2().hash_to(item.message(), Bls.DST);
        weightedHashes.add(group.getValue().size() == 1 ? hash : hash.mult(r));
      }
      if (weightedHashes.is_inf()) {
        return false;
      }
      P1_Affine key = group.getValue().size() == 1
          ? new P1(group.getKey().point()).mult(r).to_affine()
          : group.getKey().point();
      pairing.raw_aggregate(weightedHashes.to_affine(), key);
    }
    if (weightedSignatures.is_inf()) {
      return false;
    }
    pairing.raw_aggregate(weightedSignatures.to_affine(), NEGATED_GENERATOR);
    pairing.commit();
    return pairing.finalverify();
  }
}
