package dev.walrus.ledger.state.system;

import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.crypto.CryptoException;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Checked;
import dev.walrus.ledger.state.Committee;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks committee certificates as Move's {@code bls_aggregate::verify_certificate_and_weight}
 * and {@code messages::new_certified_message} do (ledger.md §3.4): signers bitmap, signed shard
 * weight, BLS signature over the raw message bytes under the signers' aggregate key, then the
 * message header.
 *
 * <p>A certificate has typically hundreds of signers. The aggregate key is therefore computed
 * from whichever side is smaller: the committee's total key (computed once per committee and
 * cached) minus the non-signers, or the sum of the signers. The cache holds derived data only,
 * so it cannot make replicas disagree; it is not part of the state.
 */
public final class CertificateVerifier {

  /** The weight a certificate must carry: {@code is_quorum} or {@code includes_one_correct_node}. */
  public enum RequiredWeight {
    QUORUM,
    ONE_CORRECT_NODE
  }

  private Committee cachedCommittee;
  private BlsPublicKey cachedTotal;

  /**
   * Verifies a certificate of {@code committee} on {@code message} and returns the message with
   * its header checked; aborts with the {@code bls_aggregate}, {@code messages} or {@code bcs}
   * code of the first failed check.
   */
  public CertifiedMessage verify(
      Committee committee, BlsSignature signature, byte[] signersBitmap, byte[] message, RequiredWeight required) {
    List<Committee.Member> members = committee.members();
    int n = members.size();
    int maxBitmapLength = (n + 7) / 8;
    Abort.check(signersBitmap.length <= maxBitmapLength, AbortCodes.BLS, AbortCodes.BLS_INVALID_BITMAP,
        "signers bitmap of " + signersBitmap.length + " bytes for " + n + " members (at most "
            + maxBitmapLength + ")");
    List<BlsPublicKey> signers = new ArrayList<>(n);
    List<BlsPublicKey> nonSigners = new ArrayList<>();
    long nonSignerWeight = 0;
    for (int index = 0; index < maxBitmapLength * 8; index++) {
      int bytePos = index >>> 3;
      boolean signed = bytePos < signersBitmap.length && (signersBitmap[bytePos] >> (index & 7) & 1) == 1;
      if (index >= n) {
        Abort.check(!signed, AbortCodes.BLS, AbortCodes.BLS_INVALID_BITMAP,
            "signers bitmap sets bit " + index + " of a " + n + "-member committee");
      } else if (signed) {
        signers.add(members.get(index).publicKey());
      } else {
        nonSigners.add(members.get(index).publicKey());
        nonSignerWeight += members.get(index).weight();
      }
    }
    long signedWeight = Checked.sub(committee.nShards(), nonSignerWeight);
    boolean enough = required == RequiredWeight.QUORUM
        ? committee.isQuorum(signedWeight)
        : committee.includesOneCorrectNode(signedWeight);
    Abort.check(enough, AbortCodes.BLS, AbortCodes.BLS_NOT_ENOUGH_STAKE,
        "signers hold " + signedWeight + " of " + committee.nShards() + " shards, not enough for "
            + (required == RequiredWeight.QUORUM ? "a quorum" : "one correct node"));
    Abort.check(aggregateKeyVerifies(committee, signers, nonSigners, message, signature),
        AbortCodes.BLS, AbortCodes.BLS_SIG_VERIFICATION, "the aggregate signature does not verify");
    return CertifiedMessage.parse(message, committee.epoch());
  }

  private boolean aggregateKeyVerifies(
      Committee committee, List<BlsPublicKey> signers, List<BlsPublicKey> nonSigners, byte[] message,
      BlsSignature signature) {
    if (signers.isEmpty()) {
      return false;
    }
    BlsPublicKey key;
    try {
      BlsPublicKey total = nonSigners.size() < signers.size() ? totalKey(committee) : null;
      key = total != null ? total.subtract(nonSigners) : BlsPublicKey.aggregate(signers);
    } catch (CryptoException identity) {
      // The signers' keys sum to the identity: no signature verifies under it (as in Sui).
      return false;
    }
    return key.verify(message, signature);
  }

  /** The sum of all members' keys, or {@code null} if it is the identity (then signers are summed). */
  private BlsPublicKey totalKey(Committee committee) {
    if (committee != cachedCommittee && !committee.equals(cachedCommittee)) {
      BlsPublicKey total;
      try {
        total = BlsPublicKey.aggregate(committee.members().stream().map(Committee.Member::publicKey).toList());
      } catch (CryptoException identity) {
        total = null;
      }
      cachedTotal = total;
      cachedCommittee = committee;
    }
    return cachedTotal;
  }
}
