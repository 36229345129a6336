package dev.walrus.ledger.replication;

import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.ProposerChecks;
import dev.walrus.ledger.state.TransactionSignatures;
import dev.walrus.ledger.state.system.CertificateVerifier;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The checks the leader makes on a block before proposing it, which its replicas then trust
 * ({@link ProposerChecks}): each transaction's signature (usually already checked when the
 * transaction was admitted here, so this is a lookup), and each committee certificate's BLS
 * signature under the signers' aggregate key in the committee of the moment — in parallel
 * batches. Verifying here instead of on every replica is what lets a block of certificates cost
 * the group one verification per certificate instead of one per replica.
 *
 * <p>Used by the block proposer's thread only.
 */
final class LeaderChecks implements Function<List<SignedTransaction>, ProposerChecks> {
  private final Supplier<Committee> committee;
  private final CertificateVerifier verifier = new CertificateVerifier();

  /** @param committee the current committee, which the next block's certificates are checked against */
  LeaderChecks(Supplier<Committee> committee) {
    this.committee = committee;
  }

  @Override
  public ProposerChecks apply(List<SignedTransaction> transactions) {
    boolean[] valid = new boolean[transactions.size()];
    IntStream.range(0, valid.length).parallel()
        .forEach(i -> valid[i] = TransactionSignatures.validForProposal(transactions.get(i)));
    BitSet signatures = new BitSet(valid.length);
    record Position(int transaction, int certificate) {}
    List<Position> positions = new ArrayList<>();
    List<CertificateVerifier.Certificate> certificates = new ArrayList<>();
    for (int i = 0; i < valid.length; i++) {
      if (valid[i]) {
        signatures.set(i);
        List<CertificateVerifier.Certificate> carried =
            CertificateVerifier.certificatesOf(transactions.get(i).transaction().operation());
        for (int c = 0; c < carried.size(); c++) {
          positions.add(new Position(i, c));
          certificates.add(carried.get(c));
        }
      }
    }
    List<ProposerChecks.Certificate> verified = new ArrayList<>();
    if (!certificates.isEmpty()) {
      List<BlsPublicKey> keys = verifier.verifiedKeys(committee.get(), certificates);
      for (int k = 0; k < keys.size(); k++) {
        if (keys.get(k) != null) {
          verified.add(new ProposerChecks.Certificate(positions.get(k).transaction(), positions.get(k).certificate(),
              keys.get(k).bytes()));
        }
      }
    }
    return new ProposerChecks(signatures, verified);
  }
}
