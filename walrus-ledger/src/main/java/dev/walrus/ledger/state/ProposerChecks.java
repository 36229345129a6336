package dev.walrus.ledger.state;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * What the leader checked before proposing a block, carried in the block so that no replica
 * repeats it: which transactions' Ed25519 signatures it verified, and which committee
 * certificates it verified under which aggregate key.
 *
 * <p>Why this is sound: Raft (and so this ledger) assumes crash faults only — replicas may stop
 * but never lie — and only the leader's own block proposer writes log entries, after checking
 * every transaction it received. A check the leader made is therefore as good as one made here.
 * It is also deterministic: the checks are part of the log entry, so every replica, and a replica
 * replaying its log, applies the block with the same checks and reaches the same state. With an
 * honest leader that state is the one re-checking would give, since the checks are pure
 * functions; a certificate is trusted only if the key the leader checked equals the key the
 * replica computes from the committee at execution (an epoch change in between means it is
 * verified again).
 *
 * @param signaturesChecked bit {@code i}: transaction {@code i}'s signature verified
 * @param certificates the certificates verified, by position
 */
public record ProposerChecks(BitSet signaturesChecked, List<Certificate> certificates) {
  /** A block without checks (written before checks were carried, or by a test): check everything. */
  public static final ProposerChecks NONE = new ProposerChecks(new BitSet(), List.of());

  /**
   * Certificate {@code certificate} (in the order {@code CertificateVerifier.certificatesOf}
   * lists them) of transaction {@code transaction} verifies under the compressed aggregate key
   * {@code key}.
   */
  public record Certificate(int transaction, int certificate, byte[] key) {
    public Certificate {
      key = key.clone();
    }

    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Certificate c && c.transaction == transaction && c.certificate == certificate
          && Arrays.equals(c.key, key);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * transaction + certificate) + Arrays.hashCode(key);
    }

    @Override
    public String toString() {
      return "Certificate[transaction=" + transaction + ", certificate=" + certificate + "]";
    }
  }

  public ProposerChecks {
    signaturesChecked = (BitSet) signaturesChecked.clone();
    certificates = List.copyOf(certificates);
  }

  @Override
  public BitSet signaturesChecked() {
    return (BitSet) signaturesChecked.clone();
  }

  public boolean signatureChecked(int transaction) {
    return signaturesChecked.get(transaction);
  }
}
