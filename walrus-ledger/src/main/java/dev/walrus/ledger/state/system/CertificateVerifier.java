package dev.walrus.ledger.state.system;

import dev.walrus.core.crypto.BlsBatch;
import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.crypto.CryptoException;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Checked;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.VerifiedSignature;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Checks committee certificates as Move's {@code bls_aggregate::verify_certificate_and_weight}
 * and {@code messages::new_certified_message} do (ledger.md §3.4): signers bitmap, signed shard
 * weight, BLS signature over the raw message bytes under the signers' aggregate key, then the
 * message header.
 *
 * <p>A certificate has typically hundreds of signers. The aggregate key is therefore computed
 * from whichever side is smaller: the committee's total key (computed once per committee and
 * cached) minus the non-signers, or the sum of the signers. The cache holds derived data only,
 * so it cannot make replicas disagree; it is not part of the state. The same holds for the
 * signatures {@link #precheck} found valid, or the block's proposer vouched for: verifying them
 * again would give the same answer.
 */
public final class CertificateVerifier {

  /** The weight a certificate must carry: {@code is_quorum} or {@code includes_one_correct_node}. */
  public enum RequiredWeight {
    QUORUM,
    ONE_CORRECT_NODE
  }

  /**
   * Largest batch: signatures under one key share a pairing in a batch ({@link BlsBatch}), so
   * batches should be large, but as many as there are cores, and one invalid signature makes a
   * whole batch be checked again one by one.
   */
  private static final int MAX_BATCH = 64;
  private static final int MIN_BATCH = 8;

  /** How many signatures each parallel batch gets, for {@code n} in all. */
  private static int batchSize(int n) {
    int cores = Runtime.getRuntime().availableProcessors();
    return Math.max(MIN_BATCH, Math.min(MAX_BATCH, (n + cores - 1) / cores));
  }

  private Committee cachedCommittee;
  private BlsPublicKey cachedTotal;
  private Set<VerifiedSignature> prechecked = Set.of();

  /**
   * Verifies a certificate of {@code committee} on {@code message} and returns the message with
   * its header checked; aborts with the {@code bls_aggregate}, {@code messages} or {@code bcs}
   * code of the first failed check.
   */
  public CertifiedMessage verify(
      Committee committee, BlsSignature signature, byte[] signersBitmap, byte[] message, RequiredWeight required) {
    Signers s = signers(committee, signersBitmap);
    Abort.check(s.problem() == null, AbortCodes.BLS, AbortCodes.BLS_INVALID_BITMAP, s.problem());
    long signedWeight = Checked.sub(committee.nShards(), s.nonSignerWeight());
    boolean enough = required == RequiredWeight.QUORUM
        ? committee.isQuorum(signedWeight)
        : committee.includesOneCorrectNode(signedWeight);
    Abort.check(enough, AbortCodes.BLS, AbortCodes.BLS_NOT_ENOUGH_STAKE,
        "signers hold " + signedWeight + " of " + committee.nShards() + " shards, not enough for "
            + (required == RequiredWeight.QUORUM ? "a quorum" : "one correct node"));
    BlsPublicKey key = aggregateKey(committee, s);
    boolean valid = key != null
        && (prechecked.contains(VerifiedSignature.of(key, signature, message)) || key.verify(message, signature));
    Abort.check(valid, AbortCodes.BLS, AbortCodes.BLS_SIG_VERIFICATION, "the aggregate signature does not verify");
    return CertifiedMessage.parse(message, committee.epoch());
  }

  /**
   * Checks the signatures of a block's certificates ahead of execution, so that {@link #verify}
   * finds them already checked. Those the block's proposer verified ({@code attested}) are taken
   * as they are; the rest are checked in parallel batches of up to {@value #MAX_BATCH} (faster
   * per signature than one by one, see {@link BlsBatch}). Certificates in a failed batch, or with a
   * malformed bitmap, are left to {@link #verify}, which reports exactly what is wrong. Replaces
   * what the previous block left: the memory holds one block's certificates at most.
   */
  public void precheck(Committee committee, List<Certificate> certificates, Set<VerifiedSignature> attested) {
    prechecked = Set.of();
    List<BlsBatch.Item> items = new ArrayList<>(certificates.size());
    for (Certificate c : certificates) {
      BlsPublicKey key = signersKey(committee, c.signersBitmap());
      if (key != null && !attested.contains(VerifiedSignature.of(key, c.signature(), c.message()))) {
        items.add(new BlsBatch.Item(key, c.message(), c.signature()));
      }
    }
    int size = batchSize(items.size());
    int batches = (items.size() + size - 1) / size;
    Set<VerifiedSignature> checked = new HashSet<>(attested);
    IntStream.range(0, batches).parallel()
        .mapToObj(b -> items.subList(b * size, Math.min(items.size(), (b + 1) * size)))
        .filter(BlsBatch::verifyAll)
        .flatMap(List::stream)
        .map(i -> VerifiedSignature.of(i.key(), i.signature(), i.message()))
        .toList()
        .forEach(checked::add);
    prechecked = Set.copyOf(checked);
  }

  /**
   * For a block proposer: the signers' aggregate key of each certificate whose signature verifies
   * under {@code committee}, or {@code null} where it does not (or the bitmap is malformed).
   * Checks in parallel batches; the members of a failed batch are checked one by one, so that one
   * bad certificate does not leave its batch to be checked again by every replica.
   */
  public List<BlsPublicKey> verifiedKeys(Committee committee, List<Certificate> certificates) {
    BlsPublicKey[] keys = new BlsPublicKey[certificates.size()];
    List<Integer> candidates = new ArrayList<>(certificates.size());
    for (int i = 0; i < keys.length; i++) {
      keys[i] = signersKey(committee, certificates.get(i).signersBitmap());
      if (keys[i] != null) {
        candidates.add(i);
      }
    }
    int size = batchSize(candidates.size());
    int batches = (candidates.size() + size - 1) / size;
    boolean[] valid = new boolean[keys.length];
    IntStream.range(0, batches).parallel().forEach(b -> {
      List<Integer> batch = candidates.subList(b * size, Math.min(candidates.size(), (b + 1) * size));
      List<BlsBatch.Item> items = batch.stream().map(i -> new BlsBatch.Item(keys[i], certificates.get(i).message(),
          certificates.get(i).signature())).toList();
      if (BlsBatch.verifyAll(items)) {
        batch.forEach(i -> valid[i] = true);
      } else {
        batch.forEach(i -> valid[i] = keys[i].verify(certificates.get(i).message(), certificates.get(i).signature()));
      }
    });
    List<BlsPublicKey> out = new ArrayList<>(keys.length);
    for (int i = 0; i < keys.length; i++) {
      out.add(valid[i] ? keys[i] : null);
    }
    return out;
  }

  /** A certificate as an operation carries it. */
  public record Certificate(BlsSignature signature, byte[] signersBitmap, byte[] message) {}

  /**
   * The certificates {@code operation} carries, in a fixed order (the positions {@link
   * dev.walrus.ledger.state.ProposerChecks} refer to).
   */
  public static List<Certificate> certificatesOf(Operation operation) {
    return switch (operation) {
      case Operation.CertifyBlob op -> List.of(new Certificate(op.signature(), op.signersBitmap(), op.message()));
      case Operation.InvalidateBlobId op -> List.of(new Certificate(op.signature(), op.signersBitmap(), op.message()));
      case Operation.Batch batch -> batch.operations().stream().flatMap(o -> certificatesOf(o).stream()).toList();
      default -> List.of();
    };
  }

  /**
   * The aggregate key of the signers the bitmap names in {@code committee}, or {@code null} if
   * the bitmap is malformed, names no one, or the keys sum to the identity.
   */
  public BlsPublicKey signersKey(Committee committee, byte[] signersBitmap) {
    Signers s = signers(committee, signersBitmap);
    return s.problem() == null ? aggregateKey(committee, s) : null;
  }

  /** Who signed per the bitmap; {@code problem} says why the bitmap is invalid, if it is. */
  private record Signers(List<BlsPublicKey> signers, List<BlsPublicKey> nonSigners, long nonSignerWeight, String problem) {
    static Signers invalid(String problem) {
      return new Signers(List.of(), List.of(), 0, problem);
    }
  }

  private static Signers signers(Committee committee, byte[] signersBitmap) {
    List<Committee.Member> members = committee.members();
    int n = members.size();
    int maxBitmapLength = (n + 7) / 8;
    if (signersBitmap.length > maxBitmapLength) {
      return Signers.invalid("signers bitmap of " + signersBitmap.length + " bytes for " + n + " members (at most "
          + maxBitmapLength + ")");
    }
    List<BlsPublicKey> signers = new ArrayList<>(n);
    List<BlsPublicKey> nonSigners = new ArrayList<>();
    long nonSignerWeight = 0;
    for (int index = 0; index < maxBitmapLength * 8; index++) {
      int bytePos = index >>> 3;
      boolean signed = bytePos < signersBitmap.length && (signersBitmap[bytePos] >> (index & 7) & 1) == 1;
      if (index >= n) {
        if (signed) {
          return Signers.invalid("signers bitmap sets bit " + index + " of a " + n + "-member committee");
        }
      } else if (signed) {
        signers.add(members.get(index).publicKey());
      } else {
        nonSigners.add(members.get(index).publicKey());
        nonSignerWeight += members.get(index).weight();
      }
    }
    return new Signers(signers, nonSigners, nonSignerWeight, null);
  }

  /** The signers' aggregate key, or {@code null} if there are none or they sum to the identity. */
  private BlsPublicKey aggregateKey(Committee committee, Signers s) {
    if (s.signers().isEmpty()) {
      return null;
    }
    try {
      BlsPublicKey total = s.nonSigners().size() < s.signers().size() ? totalKey(committee) : null;
      return total != null ? total.subtract(s.nonSigners()) : BlsPublicKey.aggregate(s.signers());
    } catch (CryptoException identity) {
      // The signers' keys sum to the identity: no signature verifies under it (as in Sui).
      return null;
    }
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
