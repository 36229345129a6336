package dev.walrus.ledger.state.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.messages.BlobPersistence;
import dev.walrus.core.messages.InvalidBlobIdMessage;
import dev.walrus.core.messages.StorageConfirmation;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.SystemHarness;
import dev.walrus.ledger.state.TestCommittee;
import dev.walrus.ledger.state.objects.BlobObject;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Certificates with real BLS keys (§3.4–3.6): every check of {@code certify_blob} and {@code
 * invalidate_blob_id} in the contract's order, each failure with its abort code and the state
 * left exactly as before.
 */
class CertificateTest {
  static final long CAPACITY = 10L << 30;
  static final long SIZE = 1000;

  final SystemHarness h = new SystemHarness();
  BlobFixture f;

  @BeforeEach
  void enterEpochOne() {
    TestCommittee c = TestCommittee.uniform(1, 3, 10, 100);
    h.advanceEpoch(c.committee, CAPACITY);
    f = new BlobFixture(h, c);
  }

  Operation.CertifyBlob cert(BlobObject blob, byte[] message, int... signers) {
    return new Operation.CertifyBlob(blob.id(), f.committee.sign(message, signers), f.committee.bitmap(signers), message);
  }

  static byte[] confirmation(long epoch, BlobId id, BlobPersistence p) {
    return new StorageConfirmation(epoch, id, p).toBcs();
  }

  @Nested
  class CertifyBlob {
    BlobObject permanent;
    BlobObject deletable;

    @BeforeEach
    void register() {
      permanent = f.register(h.alice, 1, SIZE, 3, false);
      deletable = f.register(h.alice, 2, SIZE, 3, true);
    }

    @Test
    void aQuorumCertifiesThePermanentBlob() {
      TransactionEffects e = h.ok(h.alice, cert(permanent, f.confirmation(permanent), TestCommittee.first(7)));
      assertThat(SystemHarness.events(e)).containsExactly(
          new LedgerEvent.BlobCertified(1, permanent.blobId(), 4, false, permanent.id(), false));
      assertThat(h.object(permanent.id(), BlobObject.class).certifiedEpoch()).isEqualTo(Optional.of(1));
    }

    @Test
    void aQuorumCertifiesTheDeletableObjectItNames() {
      TransactionEffects e = h.ok(h.alice, cert(deletable, f.confirmation(deletable), 3, 4, 5, 6, 7, 8, 9));
      assertThat(SystemHarness.events(e)).containsExactly(
          new LedgerEvent.BlobCertified(1, deletable.blobId(), 4, true, deletable.id(), false));
    }

    @Test
    void belowQuorumIsNotEnoughStake() {
      h.aborts(h.alice, cert(permanent, f.confirmation(permanent), TestCommittee.first(6)), "bls_aggregate", 2);
    }

    @Test
    void weightIsShardsNotMembers() {
      TestCommittee weighted = TestCommittee.of(2, 9, 400, 300, 200, 100);
      f.committee = weighted;
      h.advanceEpoch(weighted.committee, CAPACITY);
      BlobObject blob = f.register(h.alice, 3, SIZE, 2, false);
      h.aborts(h.alice, cert(blob, f.confirmation(blob), 1, 2, 3), "bls_aggregate", 2);
      h.ok(h.alice, cert(blob, f.confirmation(blob), 0, 1));
    }

    @Test
    void theMessageMustBeOfThisEpoch() {
      byte[] old = confirmation(0, permanent.blobId(), BlobPersistence.PERMANENT);
      h.aborts(h.alice, cert(permanent, old, TestCommittee.first(10)), "messages", 1);
      byte[] later = confirmation(2, permanent.blobId(), BlobPersistence.PERMANENT);
      h.aborts(h.alice, cert(permanent, later, TestCommittee.first(10)), "messages", 1);
    }

    @Test
    void aCertificateOfTheLastEpochIsStale() {
      Operation.CertifyBlob lastEpochs = cert(permanent, f.confirmation(permanent), TestCommittee.first(10));
      f.nextEpoch(CAPACITY);
      h.aborts(h.alice, lastEpochs, "messages", 1);
      h.ok(h.alice, cert(permanent, f.confirmation(permanent), TestCommittee.first(10)));
    }

    @Test
    void theMessageMustBeAStorageConfirmation() {
      byte[] invalid = new InvalidBlobIdMessage(1, permanent.blobId()).toBcs();
      h.aborts(h.alice, cert(permanent, invalid, TestCommittee.first(10)), "messages", 2);
    }

    @Test
    void theMessageMustNameThisBlob() {
      h.aborts(h.alice, cert(permanent, f.confirmation(deletable), TestCommittee.first(10)), "blob", 6);
    }

    @Test
    void persistenceMustMatch() {
      byte[] asDeletable = confirmation(1, permanent.blobId(), BlobPersistence.deletable(permanent.id()));
      h.aborts(h.alice, cert(permanent, asDeletable, TestCommittee.first(10)), "blob", 9);
      byte[] asPermanent = confirmation(1, deletable.blobId(), BlobPersistence.PERMANENT);
      h.aborts(h.alice, cert(deletable, asPermanent, TestCommittee.first(10)), "blob", 9);
    }

    @Test
    void aDeletableCertificateNamesOneObject() {
      BlobObject twin = f.register(h.alice, 2, SIZE, 3, true);
      assertThat(twin.blobId()).isEqualTo(deletable.blobId());
      h.aborts(h.alice, cert(twin, f.confirmation(deletable), TestCommittee.first(10)), "blob", 10);
    }

    @Test
    void theBitmapMayNotBeLongerThanTheCommitteeOrSetBitsBeyondIt() {
      byte[] msg = f.confirmation(permanent);
      int[] all = TestCommittee.first(10);
      byte[] tooLong = Arrays.copyOf(f.committee.bitmap(all), 3);
      h.aborts(h.alice, new Operation.CertifyBlob(permanent.id(), f.committee.sign(msg, all), tooLong, msg),
          "bls_aggregate", 0);
      byte[] beyond = f.committee.bitmap(all);
      beyond[1] |= 1 << 2;
      h.aborts(h.alice, new Operation.CertifyBlob(permanent.id(), f.committee.sign(msg, all), beyond, msg),
          "bls_aggregate", 0);
    }

    @Test
    void aShortBitmapLeavesTheLastMembersOut() {
      byte[] msg = f.confirmation(permanent);
      int[] signers = TestCommittee.first(7);
      byte[] oneByte = Arrays.copyOf(f.committee.bitmap(signers), 1);
      h.ok(h.alice, new Operation.CertifyBlob(permanent.id(), f.committee.sign(msg, signers), oneByte, msg));
    }

    @Test
    void theSignatureMustBeTheSignersOnTheseBytes() {
      byte[] msg = f.confirmation(permanent);
      byte[] other = f.confirmation(deletable);
      int[] signers = TestCommittee.first(8);
      h.aborts(h.alice, new Operation.CertifyBlob(permanent.id(), f.committee.sign(other, signers),
          f.committee.bitmap(signers), msg), "bls_aggregate", 1);
      h.aborts(h.alice, new Operation.CertifyBlob(permanent.id(), f.committee.sign(msg, signers),
          f.committee.bitmap(TestCommittee.first(9)), msg), "bls_aggregate", 1);
      h.aborts(h.alice, new Operation.CertifyBlob(permanent.id(), f.committee.sign(msg, 1, 2, 3, 4, 5, 6, 7, 8),
          f.committee.bitmap(signers), msg), "bls_aggregate", 1);
    }

    @Test
    void aBlobIsCertifiedOnce() {
      h.ok(h.alice, cert(permanent, f.confirmation(permanent), TestCommittee.first(10)));
      h.aborts(h.alice, cert(permanent, f.confirmation(permanent), TestCommittee.first(10)), "blob", 5);
    }

    @Test
    void anExpiredBlobCannotBeCertified() {
      BlobObject shortLived = f.register(h.alice, 4, SIZE, 1, false);
      f.nextEpoch(CAPACITY);
      h.aborts(h.alice, cert(shortLived, f.confirmation(shortLived), TestCommittee.first(10)), "blob", 2);
    }

    @Test
    void onlyTheHolderCertifies() {
      h.aborts(h.bob, cert(permanent, f.confirmation(permanent), TestCommittee.first(10)), "object", 2);
    }

    @Test
    void headerFieldsAreCheckedInMovesOrder() {
      byte[] version = f.confirmation(permanent);
      version[1] = 1;
      version[2] = 9;
      h.aborts(h.alice, cert(permanent, version, TestCommittee.first(10)), "messages", 3);
      byte[] app = f.confirmation(permanent);
      app[2] = 9;
      h.aborts(h.alice, cert(permanent, app, TestCommittee.first(10)), "messages", 0);
      byte[] shortHeader = Arrays.copyOf(f.confirmation(permanent), 5);
      h.aborts(h.alice, cert(permanent, shortHeader, TestCommittee.first(10)), "bcs", 0);
    }

    @Test
    void bodyIsPeeledAsMoveDoesAndTrailingBytesAreIgnored() {
      byte[] truncated = Arrays.copyOf(f.confirmation(permanent), 7 + 31);
      h.aborts(h.alice, cert(permanent, truncated, TestCommittee.first(10)), "bcs", 0);
      byte[] noObject = Arrays.copyOf(f.confirmation(deletable), 7 + 32 + 1 + 10);
      h.aborts(h.alice, cert(deletable, noObject, TestCommittee.first(10)), "bcs", 0);
      byte[] unknown = f.confirmation(permanent);
      unknown[7 + 32] = 2;
      h.aborts(h.alice, cert(permanent, unknown, TestCommittee.first(10)), "messages", 4);
      byte[] trailing = Arrays.copyOf(f.confirmation(permanent), 7 + 33 + 5);
      h.ok(h.alice, cert(permanent, trailing, TestCommittee.first(10)));
    }

    @Test
    void anEmptyCommitteeCertifiesNothing() {
      h.advanceEpoch(TestCommittee.of(2, 1).committee, CAPACITY);
      byte[] msg = confirmation(2, permanent.blobId(), BlobPersistence.PERMANENT);
      h.aborts(h.alice, new Operation.CertifyBlob(permanent.id(), f.committee.sign(msg, 0), new byte[0], msg),
          "bls_aggregate", 2);
      h.aborts(h.alice, new Operation.CertifyBlob(permanent.id(), f.committee.sign(msg, 0), new byte[1], msg),
          "bls_aggregate", 0);
    }
  }

  @Nested
  class InvalidateBlobId {
    final BlobId id = BlobFixture.blobId(BlobFixture.root(77), 5);

    Operation.InvalidateBlobId invalidate(byte[] message, int... signers) {
      return new Operation.InvalidateBlobId(f.committee.sign(message, signers), f.committee.bitmap(signers), message);
    }

    @Test
    void oneCorrectNodeSuffices() {
      byte[] msg = new InvalidBlobIdMessage(1, id).toBcs();
      TransactionEffects e = h.ok(h.carol, invalidate(msg, 2, 5, 7, 9));
      assertThat(SystemHarness.events(e)).containsExactly(new LedgerEvent.InvalidBlobId(1, id));
      h.aborts(h.carol, invalidate(msg, 2, 5, 7), "bls_aggregate", 2);
    }

    @Test
    void theMessageMustBeAnInvalidBlobIdOfThisEpoch() {
      h.aborts(h.carol, invalidate(new InvalidBlobIdMessage(2, id).toBcs(), TestCommittee.first(10)), "messages", 1);
      h.aborts(h.carol, invalidate(confirmation(1, id, BlobPersistence.PERMANENT), TestCommittee.first(10)),
          "messages", 2);
      byte[] truncated = Arrays.copyOf(new InvalidBlobIdMessage(1, id).toBcs(), 30);
      h.aborts(h.carol, invalidate(truncated, TestCommittee.first(10)), "bcs", 0);
    }
  }

  @Nested
  class AThousandMembers {
    final TestCommittee big = TestCommittee.uniform(2, 11, 1000, 1);

    @BeforeEach
    void switchCommittee() {
      f.committee = big;
      h.advanceEpoch(big.committee, CAPACITY);
    }

    @Test
    void quorumAndOneCorrectNodeCertificates() {
      BlobObject blob = f.register(h.alice, 5, SIZE, 2, false);
      byte[] msg = f.confirmation(blob);
      int[] quorum = IntStream.range(0, 1000).filter(i -> i % 3 != 1).toArray();
      assertThat(quorum).hasSize(667);
      int[] almost = Arrays.copyOf(quorum, 666);
      h.aborts(h.alice, new Operation.CertifyBlob(blob.id(), big.sign(msg, almost), big.bitmap(almost), msg),
          "bls_aggregate", 2);
      h.ok(h.alice, new Operation.CertifyBlob(blob.id(), big.sign(msg, quorum), big.bitmap(quorum), msg));

      BlobId bad = BlobFixture.blobId(BlobFixture.root(78), 5);
      byte[] invalid = new InvalidBlobIdMessage(2, bad).toBcs();
      int[] third = IntStream.range(600, 934).toArray();
      h.ok(h.carol, new Operation.InvalidateBlobId(big.sign(invalid, third), big.bitmap(third), invalid));
      int[] tooFew = Arrays.copyOf(third, 333);
      h.aborts(h.carol, new Operation.InvalidateBlobId(big.sign(invalid, tooFew), big.bitmap(tooFew), invalid),
          "bls_aggregate", 2);
    }
  }

  @Test
  void certifiedMessageParsesLikeMove() {
    ObjectId object = ObjectId.of(new byte[32]);
    BlobId id = BlobFixture.blobId(BlobFixture.root(1), 1);
    CertifiedMessage m = CertifiedMessage.parse(
        new StorageConfirmation(5, id, BlobPersistence.deletable(object)).toBcs(), 5);
    assertThat(m.intentType()).isEqualTo(1);
    assertThat(m.certEpoch()).isEqualTo(5);
    assertThat(m.blobCertification()).isEqualTo(new CertifiedMessage.CertifiedBlob(id, Optional.of(object)));
  }
}
