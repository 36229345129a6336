package dev.walrus.ledger.state.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.LedgerTestNetwork;
import dev.walrus.ledger.state.SystemHarness;
import dev.walrus.ledger.state.TestCommittee;
import dev.walrus.ledger.state.objects.BlobObject;
import dev.walrus.ledger.state.objects.SharedBlobObject;
import dev.walrus.ledger.state.objects.StorageResource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Blob registration, extension, deletion, burning, attributes and shared blobs (§2.7–2.9, §3.3–3.7). */
class BlobRulesTest {
  static final long GIB = 1L << 30;
  static final long CAPACITY = 10 * GIB;
  static final long STORAGE_PRICE = 100_000;
  static final long WRITE_PRICE = 20_000;
  /** N = 1000: a blob of up to 222,778 × 2 bytes encodes to 66,034,000 B = 63 units. */
  static final long SMALL = 1000;
  static final long SMALL_ENCODED = 66_034_000;
  static final long SMALL_UNITS = 63;

  final SystemHarness h = new SystemHarness();
  BlobFixture f;

  @BeforeEach
  void enterEpochOne() {
    TestCommittee c = TestCommittee.uniform(1, 1, 10, 100);
    h.advanceEpoch(c.committee, CAPACITY);
    h.setPrices(STORAGE_PRICE, WRITE_PRICE);
    f = new BlobFixture(h, c);
  }

  @Nested
  class Registering {
    @Test
    void consumesTheStorageEmitsTheEventAndChargesTheWriteFee() {
      StorageResource s = f.reserveFor(h.alice, SMALL, 5);
      assertThat(s.size()).isEqualTo(SMALL_ENCODED);
      long balance = h.balance(h.alice);
      long pot = h.system.rewardPot(0);
      Operation.RegisterBlob op = BlobFixture.registerOp(s.id(), 7, SMALL, true);
      TransactionEffects e = h.ok(h.alice, op);
      BlobObject blob = h.created(e, BlobObject.class);

      assertThat(SystemHarness.events(e)).containsExactly(new LedgerEvent.BlobRegistered(
          1, op.blobId(), SMALL, 1, 6, true, blob.id()));
      assertThat(e.deleted()).containsExactly(s.id());
      assertThat(h.exists(s.id())).isFalse();
      long fee = WRITE_PRICE * SMALL_UNITS;
      assertThat(h.system.writeCost(SMALL)).isEqualTo(fee);
      assertThat(h.balance(h.alice)).isEqualTo(balance - fee);
      assertThat(h.system.rewardPot(0)).isEqualTo(pot + fee);
      assertThat(h.system.rewardPot(1)).isEqualTo(STORAGE_PRICE * SMALL_UNITS);

      assertThat(blob.blobId()).isEqualTo(op.blobId());
      assertThat(blob.registeredEpoch()).isEqualTo(1);
      assertThat(blob.certifiedEpoch()).isEmpty();
      assertThat(blob.storage()).isEqualTo(s);
      assertThat(blob.size()).isEqualTo(SMALL);
      assertThat(blob.deletable()).isTrue();
      assertThat(blob.ownerAddress()).isEqualTo(h.address(h.alice));
      assertThat(h.system.blobObjectIds(op.blobId())).isEqualTo(Map.of(blob.id(), BlobHolding.OWNED));
      assertThat(h.system.blobObjects(op.blobId())).containsExactly(blob);
    }

    @Test
    void manyObjectsMayCarryOneBlobId() {
      BlobObject a = f.register(h.alice, 7, SMALL, 2, false);
      BlobObject b = f.register(h.bob, 7, SMALL, 3, true);
      assertThat(a.blobId()).isEqualTo(b.blobId());
      assertThat(h.system.blobObjectIds(a.blobId())).containsOnlyKeys(a.id(), b.id());
    }

    @Test
    void anEmptyCommitteeCannotEncode() {
      h.advanceEpoch(TestCommittee.of(2, 1).committee, CAPACITY);
      assertThat(h.committee().nShards()).isZero();
      StorageResource s = h.created(h.ok(h.alice, new Operation.ReserveSpace(SMALL_ENCODED, 2)), StorageResource.class);
      h.aborts(h.alice, BlobFixture.registerOp(s.id(), 7, SMALL, false), "arithmetic", 1);
    }

    @Test
    void theStorageMustCoverTheCurrentEpoch() {
      StorageResource future = h.created(h.ok(h.alice, new Operation.ReserveSpaceForEpochs(SMALL_ENCODED, 2, 4)),
          StorageResource.class);
      h.aborts(h.alice, BlobFixture.registerOp(future.id(), 7, SMALL, false), "blob", 2);
      StorageResource now = f.reserveFor(h.alice, SMALL, 1);
      f.nextEpoch(CAPACITY);
      h.aborts(h.alice, BlobFixture.registerOp(now.id(), 7, SMALL, false), "blob", 2);
      f.nextEpoch(CAPACITY);
      h.ok(h.alice, BlobFixture.registerOp(future.id(), 7, SMALL, false));
    }

    @Test
    void theStorageMustHoldTheEncodedSize() {
      StorageResource s = f.reserveFor(h.alice, SMALL, 2);
      StorageResource rest = h.created(h.ok(h.alice, new Operation.SplitStorageBySize(s.id(), SMALL_ENCODED - 1)),
          StorageResource.class);
      h.aborts(h.alice, BlobFixture.registerOp(s.id(), 7, SMALL, false), "blob", 3);
      h.ok(h.alice, new Operation.FuseStorage(s.id(), rest.id()));
      h.ok(h.alice, BlobFixture.registerOp(s.id(), 7, SMALL, false));
    }

    @Test
    void theBlobIdMustDeriveFromRootSizeAndEncoding() {
      StorageResource s = f.reserveFor(h.alice, SMALL, 2);
      Operation.RegisterBlob good = BlobFixture.registerOp(s.id(), 7, SMALL, false);
      h.aborts(h.alice, new Operation.RegisterBlob(s.id(), good.blobId(), BlobFixture.root(8), SMALL, 1, false),
          "blob", 6);
      h.aborts(h.alice, new Operation.RegisterBlob(s.id(), good.blobId(), good.rootHash(), SMALL + 1, 1, false),
          "blob", 6);
      h.aborts(h.alice, new Operation.RegisterBlob(s.id(), good.blobId(), new byte[31], SMALL, 1, false), "blob", 6);
      h.aborts(h.alice, new Operation.RegisterBlob(s.id(), good.blobId(), good.rootHash(), SMALL, 0, false),
          "encoding", 0);
      h.aborts(h.bob, good, "object", 2);
    }

    @Test
    void theWriteFeeMustBePayable() {
      Ed25519KeyPair poor = LedgerTestNetwork.key(60);
      h.ok(h.alice, new Operation.Transfer(h.address(poor), STORAGE_PRICE * SMALL_UNITS + WRITE_PRICE * SMALL_UNITS - 1));
      StorageResource s = f.reserveFor(poor, SMALL, 1);
      h.aborts(poor, BlobFixture.registerOp(s.id(), 7, SMALL, false), "balance", 2);
    }
  }

  @Nested
  class Extending {
    BlobObject blob;

    @BeforeEach
    void certifiedBlob() {
      blob = f.registerCertified(h.alice, 7, SMALL, 3, false);
    }

    @Test
    void paysTheNewEpochsAndKeepsTheFirstCertifiedEpochInTheEvent() {
      f.nextEpoch(CAPACITY);
      long balance = h.balance(h.bob);
      h.ok(h.alice, new Operation.TransferObject(blob.id(), h.address(h.bob)));
      TransactionEffects e = h.ok(h.bob, new Operation.ExtendBlob(blob.id(), 4));
      long perEpoch = STORAGE_PRICE * SMALL_UNITS;
      assertThat(h.balance(h.bob)).isEqualTo(balance - 4 * perEpoch);
      assertThat(SystemHarness.events(e)).containsExactly(
          new LedgerEvent.BlobCertified(1, blob.blobId(), 8, false, blob.id(), true));
      BlobObject extended = h.object(blob.id(), BlobObject.class);
      assertThat(extended.endEpoch()).isEqualTo(8);
      assertThat(extended.storage().startEpoch()).isEqualTo(1);
      // Now epoch 2: offsets 0, 1 were paid at reservation, 2..5 by the extension.
      for (int i = 0; i < 6; i++) {
        assertThat(h.system.futureAccounting(i).usedCapacity()).as("offset %d", i).isEqualTo(SMALL_ENCODED);
      }
      assertThat(h.system.rewardPot(5)).isEqualTo(perEpoch);
      assertThat(h.system.futureAccounting(6).usedCapacity()).isZero();
    }

    @Test
    void onlyCertifiedUnexpiredBlobsWithinMaxEpochsAheadAndCapacity() {
      BlobObject uncertified = f.register(h.alice, 8, SMALL, 3, false);
      h.aborts(h.alice, new Operation.ExtendBlob(uncertified.id(), 1), "blob", 0);
      h.aborts(h.alice, new Operation.ExtendBlob(blob.id(), 0), "system_state_inner", 2);
      h.aborts(h.alice, new Operation.ExtendBlob(blob.id(), 51), "system_state_inner", 2);
      h.ok(h.alice, new Operation.ExtendBlob(blob.id(), 50));
      assertThat(h.object(blob.id(), BlobObject.class).endEpoch()).isEqualTo(54);

      BlobObject big = f.registerCertified(h.bob, 9, SMALL, 2, false);
      // Epoch 3 (offset 2) holds `blob` and `uncertified`; this leaves one byte less than `big` needs.
      h.ok(h.bob, new Operation.ReserveSpaceForEpochs(CAPACITY - 3 * SMALL_ENCODED + 1, 3, 4));
      h.aborts(h.bob, new Operation.ExtendBlob(big.id(), 1), "system_state_inner", 1);
      assertThat(h.system.futureAccounting(2).usedCapacity()).isEqualTo(CAPACITY - SMALL_ENCODED + 1);
    }

    @Test
    void expiredBlobsCannotBeExtended() {
      f.nextEpoch(CAPACITY);
      f.nextEpoch(CAPACITY);
      f.nextEpoch(CAPACITY);
      assertThat(h.epoch()).isEqualTo(4);
      h.aborts(h.alice, new Operation.ExtendBlob(blob.id(), 1), "blob", 2);
      StorageResource more = h.created(h.ok(h.alice, new Operation.ReserveSpace(SMALL_ENCODED, 2)), StorageResource.class);
      h.aborts(h.alice, new Operation.ExtendBlobWithResource(blob.id(), more.id()), "blob", 2);
    }

    @Test
    void withAResourceThatContinuesIt() {
      StorageResource ext = h.created(h.ok(h.alice, new Operation.ReserveSpaceForEpochs(SMALL_ENCODED, 4, 9)),
          StorageResource.class);
      long balance = h.balance(h.alice);
      TransactionEffects e = h.ok(h.alice, new Operation.ExtendBlobWithResource(blob.id(), ext.id()));
      assertThat(h.balance(h.alice)).isEqualTo(balance);
      assertThat(h.exists(ext.id())).isFalse();
      assertThat(h.object(blob.id(), BlobObject.class).endEpoch()).isEqualTo(9);
      assertThat(SystemHarness.events(e)).containsExactly(
          new LedgerEvent.BlobCertified(1, blob.blobId(), 9, false, blob.id(), true));
    }

    @Test
    void withAResourceThatDoesNotFit() {
      StorageResource gap = h.created(h.ok(h.alice, new Operation.ReserveSpaceForEpochs(SMALL_ENCODED, 5, 9)),
          StorageResource.class);
      h.aborts(h.alice, new Operation.ExtendBlobWithResource(blob.id(), gap.id()), "storage_resource", 1);
      StorageResource bigger = h.created(h.ok(h.alice, new Operation.ReserveSpaceForEpochs(SMALL_ENCODED + 1, 4, 9)),
          StorageResource.class);
      h.aborts(h.alice, new Operation.ExtendBlobWithResource(blob.id(), bigger.id()), "storage_resource", 2);
      StorageResource within = h.created(h.ok(h.alice, new Operation.ReserveSpaceForEpochs(SMALL_ENCODED, 2, 4)),
          StorageResource.class);
      h.aborts(h.alice, new Operation.ExtendBlobWithResource(blob.id(), within.id()), "blob", 2);
      BlobObject uncertified = f.register(h.alice, 8, SMALL, 3, false);
      StorageResource ext = h.created(h.ok(h.alice, new Operation.ReserveSpaceForEpochs(SMALL_ENCODED, 4, 9)),
          StorageResource.class);
      h.aborts(h.alice, new Operation.ExtendBlobWithResource(uncertified.id(), ext.id()), "blob", 0);
    }
  }

  @Nested
  class DeletingAndBurning {
    @Test
    void deleteReturnsTheOriginalStorageForReuse() {
      BlobObject blob = f.registerCertified(h.alice, 7, SMALL, 4, true);
      long used = h.system.usedCapacitySize();
      TransactionEffects e = h.ok(h.alice, new Operation.DeleteBlob(blob.id()));
      assertThat(SystemHarness.events(e)).containsExactly(
          new LedgerEvent.BlobDeleted(1, blob.blobId(), 5, blob.id(), true));
      assertThat(h.exists(blob.id())).isFalse();
      assertThat(h.system.blobObjectIds(blob.blobId())).isEmpty();
      StorageResource back = h.object(blob.storage().id(), StorageResource.class);
      assertThat(back).isEqualTo(blob.storage());
      assertThat(h.system.usedCapacitySize()).isEqualTo(used);

      BlobObject again = h.created(h.ok(h.alice, BlobFixture.registerOp(back.id(), 8, SMALL, false)), BlobObject.class);
      assertThat(again.storage()).isEqualTo(back);
    }

    @Test
    void deleteNeedsADeletableUnexpiredBlob() {
      BlobObject permanent = f.register(h.alice, 7, SMALL, 4, false);
      h.aborts(h.alice, new Operation.DeleteBlob(permanent.id()), "blob", 1);
      BlobObject deletable = f.register(h.alice, 8, SMALL, 1, true);
      h.aborts(h.bob, new Operation.DeleteBlob(deletable.id()), "object", 2);
      f.nextEpoch(CAPACITY);
      h.aborts(h.alice, new Operation.DeleteBlob(deletable.id()), "blob", 2);
      TransactionEffects burnt = h.ok(h.alice, new Operation.BurnBlob(deletable.id()));
      assertThat(burnt.events()).isEmpty();
    }

    @Test
    void burnDropsAnyBlobWithoutEvent() {
      BlobObject uncertified = f.register(h.alice, 7, SMALL, 4, false);
      BlobObject certified = f.registerCertified(h.alice, 8, SMALL, 4, false);
      for (BlobObject b : new BlobObject[] {uncertified, certified}) {
        TransactionEffects e = h.ok(h.alice, new Operation.BurnBlob(b.id()));
        assertThat(e.events()).isEmpty();
        assertThat(e.deleted()).containsExactly(b.id());
        assertThat(h.exists(b.id())).isFalse();
        assertThat(h.exists(b.storage().id())).isFalse();
        assertThat(h.system.blobObjectIds(b.blobId())).isEmpty();
      }
    }
  }

  @Nested
  class Attributes {
    @Test
    void setUpdateAndRemove() {
      BlobObject blob = f.register(h.alice, 7, SMALL, 2, false);
      h.aborts(h.alice, new Operation.RemoveBlobAttribute(blob.id(), "a"), "blob", 8);
      h.ok(h.alice, new Operation.SetBlobAttribute(blob.id(), "content-type", "text/plain"));
      h.ok(h.alice, new Operation.SetBlobAttribute(blob.id(), "a", "1"));
      h.ok(h.alice, new Operation.SetBlobAttribute(blob.id(), "a", "2"));
      assertThat(h.object(blob.id(), BlobObject.class).attributes())
          .containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("a", "2", "content-type", "text/plain")));
      h.aborts(h.alice, new Operation.RemoveBlobAttribute(blob.id(), "b"), "vec_map", 1);
      h.aborts(h.bob, new Operation.SetBlobAttribute(blob.id(), "x", "y"), "object", 2);
      h.ok(h.alice, new Operation.RemoveBlobAttribute(blob.id(), "a"));
      assertThat(h.object(blob.id(), BlobObject.class).attributes()).containsOnlyKeys("content-type");
    }
  }

  @Nested
  class SharedBlobs {
    static final long FUNDS = 50_000_000;
    BlobObject blob;
    SharedBlobObject shared;

    @BeforeEach
    void share() {
      blob = f.registerCertified(h.alice, 7, SMALL, 2, false);
      long balance = h.balance(h.alice);
      shared = h.created(h.ok(h.alice, new Operation.ShareBlob(blob.id(), FUNDS)), SharedBlobObject.class);
      assertThat(h.balance(h.alice)).isEqualTo(balance - FUNDS);
    }

    @Test
    void wrapsTheBlobWithItsFunds() {
      assertThat(shared.blob()).isEqualTo(blob);
      assertThat(shared.funds()).isEqualTo(FUNDS);
      assertThat(shared.owner()).isEmpty();
      assertThat(h.exists(blob.id())).isFalse();
      assertThat(h.system.blobObjectIds(blob.blobId())).isEqualTo(Map.of(shared.id(), BlobHolding.SHARED));
      assertThat(h.system.blobObjects(blob.blobId())).containsExactly(shared);
      assertThat(h.system.sharedBlobFunds()).isEqualTo(FUNDS);
      assertThat(h.system.heldFrost()).isEqualTo(h.system.sharedBlobFunds() + potTotal());
    }

    @Test
    void anyoneFundsAndExtendsFromTheFunds() {
      h.ok(h.bob, new Operation.FundSharedBlob(shared.id(), 2_000_000));
      long carol = h.balance(h.carol);
      TransactionEffects e = h.ok(h.carol, new Operation.ExtendSharedBlob(shared.id(), 3));
      long cost = 3 * STORAGE_PRICE * SMALL_UNITS;
      assertThat(h.balance(h.carol)).isEqualTo(carol);
      SharedBlobObject after = h.object(shared.id(), SharedBlobObject.class);
      assertThat(after.funds()).isEqualTo((FUNDS + 2_000_000) - cost);
      assertThat(after.blob().endEpoch()).isEqualTo(6);
      assertThat(SystemHarness.events(e)).containsExactly(
          new LedgerEvent.BlobCertified(1, blob.blobId(), 6, false, blob.id(), true));
      assertThat(h.system.sharedBlobFunds()).isEqualTo((FUNDS + 2_000_000) - cost);
    }

    @Test
    void extendingNeedsEnoughFundsAndACertifiedBlob() {
      h.aborts(h.carol, new Operation.ExtendSharedBlob(shared.id(), 53), "system_state_inner", 2);
      h.aborts(h.carol, new Operation.ExtendSharedBlob(shared.id(), (int) (1 + FUNDS / (STORAGE_PRICE * SMALL_UNITS))),
          "balance", 2);
      BlobObject uncertified = f.register(h.bob, 8, SMALL, 2, false);
      SharedBlobObject other = h.created(h.ok(h.bob, new Operation.ShareBlob(uncertified.id(), 0)),
          SharedBlobObject.class);
      h.aborts(h.carol, new Operation.ExtendSharedBlob(other.id(), 1), "blob", 0);
    }

    @Test
    void aSharedBlobIsNotAnOwnedBlob() {
      h.aborts(h.alice, new Operation.DeleteBlob(shared.id()), "object", 1);
      h.aborts(h.alice, new Operation.BurnBlob(shared.id()), "object", 1);
      h.aborts(h.alice, new Operation.FundSharedBlob(blob.storage().id(), 1), "object", 0);
    }

    private long potTotal() {
      long sum = 0;
      for (int i = 0; i < h.system.maxEpochsAhead(); i++) {
        sum += h.system.rewardPot(i);
      }
      return sum;
    }
  }

  @Test
  void uncertifiedBlobsHaveNoCertifiedEpoch() {
    assertThat(f.register(h.alice, 7, SMALL, 2, false).certifiedEpoch()).isEqualTo(Optional.empty());
  }
}
