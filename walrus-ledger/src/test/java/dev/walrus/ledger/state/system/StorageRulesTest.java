package dev.walrus.ledger.state.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.LedgerTestNetwork;
import dev.walrus.ledger.state.SystemHarness;
import dev.walrus.ledger.state.TestCommittee;
import dev.walrus.ledger.state.objects.StorageResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Storage reservations, payments into the ring, capacity, split/fuse/destroy and subsidies (§2.3–2.6, §5.9). */
class StorageRulesTest {
  static final long MIB = 1L << 20;
  static final long STORAGE_PRICE = 100_000;
  static final long WRITE_PRICE = 20_000;

  final SystemHarness h = new SystemHarness();

  @BeforeEach
  void enterEpochOne() {
    h.advanceEpoch(TestCommittee.uniform(1, 1, 10, 100).committee, 100 * MIB);
    h.setPrices(STORAGE_PRICE, WRITE_PRICE);
  }

  StorageResource reserve(Ed25519KeyPair who, long size, int epochs) {
    return h.created(h.ok(who, new Operation.ReserveSpace(size, epochs)), StorageResource.class);
  }

  StorageResource reserveFor(Ed25519KeyPair who, long size, int start, int end) {
    return h.created(h.ok(who, new Operation.ReserveSpaceForEpochs(size, start, end)), StorageResource.class);
  }

  @Nested
  class Reserving {
    @Test
    void paysEachCoveredEpochsPotAndReservesItsCapacity() {
      long before = h.balance(h.alice);
      StorageResource s = reserve(h.alice, 5 * MIB + 1, 3);
      long perEpoch = 6 * STORAGE_PRICE;
      assertThat(h.balance(h.alice)).isEqualTo(before - 3 * perEpoch);
      assertThat(h.system.storageCost(5 * MIB + 1, 3)).isEqualTo(3 * perEpoch);
      for (int i = 0; i < 3; i++) {
        assertThat(h.system.futureAccounting(i)).isEqualTo(new FutureAccounting(1 + i, 5 * MIB + 1, perEpoch));
      }
      assertThat(h.system.futureAccounting(3)).isEqualTo(new FutureAccounting(4, 0, 0));
      assertThat(h.system.usedCapacitySize()).isEqualTo(5 * MIB + 1);
      assertThat(s.startEpoch()).isEqualTo(1);
      assertThat(s.endEpoch()).isEqualTo(4);
      assertThat(s.size()).isEqualTo(5 * MIB + 1);
      assertThat(s.ownerAddress()).isEqualTo(h.address(h.alice));
    }

    @Test
    void epochsAheadMustBeOneToMax() {
      h.aborts(h.alice, new Operation.ReserveSpace(MIB, 0), "system_state_inner", 2);
      h.aborts(h.alice, new Operation.ReserveSpace(MIB, 54), "system_state_inner", 2);
      h.aborts(h.alice, new Operation.ReserveSpace(MIB, Integer.MAX_VALUE), "system_state_inner", 2);
      assertThat(reserve(h.alice, MIB, 53).endEpoch()).isEqualTo(54);
      assertThat(h.system.maxEpochsAhead()).isEqualTo(53);
    }

    @Test
    void sizeMustBePositive() {
      h.aborts(h.alice, new Operation.ReserveSpace(0, 1), "system_state_inner", 11);
    }

    @Test
    void everyCoveredEpochIsCheckedAgainstTheCurrentTotalCapacity() {
      reserveFor(h.alice, 60 * MIB, 3, 5);
      reserve(h.alice, 60 * MIB, 2);
      h.aborts(h.bob, new Operation.ReserveSpaceForEpochs(41 * MIB, 4, 6), "system_state_inner", 1);
      h.aborts(h.bob, new Operation.ReserveSpace(41 * MIB, 1), "system_state_inner", 1);
      reserveFor(h.bob, 40 * MIB, 1, 6);
      assertThat(h.system.futureAccounting(3).usedCapacity()).isEqualTo(100 * MIB);
      h.aborts(h.bob, new Operation.ReserveSpace(1, 1), "system_state_inner", 1);
      assertThat(h.system.usedCapacitySize()).isEqualTo(100 * MIB);
      assertThat(h.system.totalCapacitySize()).isEqualTo(100 * MIB);
    }

    @Test
    void aStartInThePastBeginsNowAndAFutureStartPaysOnlyItsEpochs() {
      StorageResource s = reserveFor(h.alice, MIB, 0, 3);
      assertThat(s.startEpoch()).isEqualTo(1);
      assertThat(s.endEpoch()).isEqualTo(3);
      StorageResource later = reserveFor(h.bob, MIB, 10, 12);
      assertThat(later.startEpoch()).isEqualTo(10);
      assertThat(h.system.rewardPot(9)).isEqualTo(STORAGE_PRICE);
      assertThat(h.system.rewardPot(10)).isEqualTo(STORAGE_PRICE);
      assertThat(h.system.rewardPot(8)).isZero();
      assertThat(h.system.futureAccounting(8).usedCapacity()).isZero();
      assertThat(h.system.futureAccounting(9).usedCapacity()).isEqualTo(MIB);
    }

    @Test
    void theRangeMustBeNonEmptyAndWithinMaxEpochsAhead() {
      h.aborts(h.alice, new Operation.ReserveSpaceForEpochs(MIB, 5, 5), "system_state_inner", 2);
      h.aborts(h.alice, new Operation.ReserveSpaceForEpochs(MIB, 0, 1), "system_state_inner", 2);
      h.aborts(h.alice, new Operation.ReserveSpaceForEpochs(MIB, 2, 55), "system_state_inner", 2);
      h.aborts(h.alice, new Operation.ReserveSpaceForEpochs(MIB, 2, Integer.MAX_VALUE), "system_state_inner", 2);
      assertThat(reserveFor(h.alice, MIB, 2, 54).endEpoch()).isEqualTo(54);
    }

    @Test
    void aShortBalanceAbortsWithNotEnough() {
      Ed25519KeyPair poor = LedgerTestNetwork.key(50);
      h.ok(h.alice, new Operation.Transfer(h.address(poor), 2 * STORAGE_PRICE));
      h.aborts(poor, new Operation.ReserveSpace(MIB, 3), "balance", 2);
      reserve(poor, MIB, 2);
      assertThat(h.balance(poor)).isZero();
    }

    @Test
    void freeStorageWhilePricesAreZero() {
      h.setPrices(0, 0);
      long before = h.balance(h.alice);
      reserve(h.alice, 50 * MIB, 53);
      assertThat(h.balance(h.alice)).isEqualTo(before);
      assertThat(h.system.heldFrost()).isZero();
    }
  }

  @Nested
  class SplittingAndFusing {
    StorageResource s;

    @BeforeEach
    void reserveOne() {
      s = reserve(h.alice, 10 * MIB, 3);
    }

    @Test
    void splitByEpochCutsThePeriod() {
      StorageResource later = h.created(h.ok(h.alice, new Operation.SplitStorageByEpoch(s.id(), 2)), StorageResource.class);
      StorageResource earlier = h.object(s.id(), StorageResource.class);
      assertThat(earlier.startEpoch()).isEqualTo(1);
      assertThat(earlier.endEpoch()).isEqualTo(2);
      assertThat(later.startEpoch()).isEqualTo(2);
      assertThat(later.endEpoch()).isEqualTo(4);
      assertThat(later.size()).isEqualTo(10 * MIB);
      assertThat(earlier.size()).isEqualTo(10 * MIB);
    }

    @Test
    void splitByEpochNeedsAnEpochStrictlyInside() {
      h.aborts(h.alice, new Operation.SplitStorageByEpoch(s.id(), 1), "storage_resource", 0);
      h.aborts(h.alice, new Operation.SplitStorageByEpoch(s.id(), 4), "storage_resource", 0);
      h.aborts(h.alice, new Operation.SplitStorageByEpoch(s.id(), Integer.MAX_VALUE), "storage_resource", 0);
    }

    @Test
    void splitBySizeKeepsTheAmountAndGivesTheRest() {
      StorageResource rest = h.created(h.ok(h.alice, new Operation.SplitStorageBySize(s.id(), 3 * MIB)), StorageResource.class);
      assertThat(h.object(s.id(), StorageResource.class).size()).isEqualTo(3 * MIB);
      assertThat(rest.size()).isEqualTo(7 * MIB);
      assertThat(rest.startEpoch()).isEqualTo(1);
      assertThat(rest.endEpoch()).isEqualTo(4);
    }

    @Test
    void splitBySizeAllowsZeroSizedPiecesButNotMoreThanTheSize() {
      StorageResource empty = h.created(h.ok(h.alice, new Operation.SplitStorageBySize(s.id(), 10 * MIB)), StorageResource.class);
      assertThat(empty.size()).isZero();
      h.aborts(h.alice, new Operation.SplitStorageBySize(s.id(), 10 * MIB + 1), "storage_resource", 2);
      h.aborts(h.alice, new Operation.SplitStorageBySize(s.id(), Long.MAX_VALUE), "storage_resource", 2);
      StorageResource all = h.created(h.ok(h.alice, new Operation.SplitStorageBySize(s.id(), 0)), StorageResource.class);
      assertThat(all.size()).isEqualTo(10 * MIB);
      assertThat(h.object(s.id(), StorageResource.class).size()).isZero();
    }

    @Test
    void fuseAddsAmountsOfTheSamePeriod() {
      StorageResource rest = h.created(h.ok(h.alice, new Operation.SplitStorageBySize(s.id(), 4 * MIB)), StorageResource.class);
      h.ok(h.alice, new Operation.FuseStorage(rest.id(), s.id()));
      assertThat(h.exists(s.id())).isFalse();
      assertThat(h.object(rest.id(), StorageResource.class).size()).isEqualTo(10 * MIB);
    }

    @Test
    void fuseJoinsAdjacentPeriodsInEitherOrder() {
      StorageResource later = h.created(h.ok(h.alice, new Operation.SplitStorageByEpoch(s.id(), 2)), StorageResource.class);
      h.ok(h.alice, new Operation.FuseStorage(s.id(), later.id()));
      StorageResource whole = h.object(s.id(), StorageResource.class);
      assertThat(whole.startEpoch()).isEqualTo(1);
      assertThat(whole.endEpoch()).isEqualTo(4);

      StorageResource tail = h.created(h.ok(h.alice, new Operation.SplitStorageByEpoch(s.id(), 3)), StorageResource.class);
      h.ok(h.alice, new Operation.FuseStorage(tail.id(), s.id()));
      StorageResource fused = h.object(tail.id(), StorageResource.class);
      assertThat(fused.startEpoch()).isEqualTo(1);
      assertThat(fused.endEpoch()).isEqualTo(4);
      assertThat(h.exists(s.id())).isFalse();
    }

    @Test
    void incompatiblePiecesDoNotFuse() {
      StorageResource other = reserveFor(h.alice, 10 * MIB, 5, 7);
      h.aborts(h.alice, new Operation.FuseStorage(s.id(), other.id()), "storage_resource", 1);
      StorageResource smaller = reserveFor(h.alice, 9 * MIB, 4, 6);
      h.aborts(h.alice, new Operation.FuseStorage(s.id(), smaller.id()), "storage_resource", 2);
      StorageResource shorter = reserve(h.alice, 10 * MIB, 2);
      h.aborts(h.alice, new Operation.FuseStorage(s.id(), shorter.id()), "storage_resource", 1);
    }

    @Test
    void aStorageCannotBeFusedWithItself() {
      h.aborts(h.alice, new Operation.FuseStorage(s.id(), s.id()), "object", 3);
    }

    @Test
    void onlyTheOwnerMayUseIt() {
      StorageResource bobs = reserve(h.bob, 10 * MIB, 3);
      h.aborts(h.alice, new Operation.FuseStorage(s.id(), bobs.id()), "object", 2);
      h.aborts(h.alice, new Operation.SplitStorageBySize(bobs.id(), 1), "object", 2);
      h.aborts(h.alice, new Operation.DestroyStorage(bobs.id()), "object", 2);
      h.ok(h.bob, new Operation.TransferObject(bobs.id(), h.address(h.alice)));
      h.ok(h.alice, new Operation.FuseStorage(s.id(), bobs.id()));
      assertThat(h.object(s.id(), StorageResource.class).size()).isEqualTo(20 * MIB);
    }

    @Test
    void destroyDropsTheObjectButNotTheReservedCapacity() {
      h.ok(h.alice, new Operation.DestroyStorage(s.id()));
      assertThat(h.exists(s.id())).isFalse();
      assertThat(h.system.usedCapacitySize()).isEqualTo(10 * MIB);
      assertThat(h.system.rewardPot(0)).isEqualTo(10 * STORAGE_PRICE);
    }
  }

  @Nested
  class Subsidies {
    @Test
    void spreadEvenlyWithTheRemainderNow() {
      long before = h.balance(h.carol);
      h.ok(h.carol, new Operation.AddSubsidy(1000, 3));
      assertThat(h.balance(h.carol)).isEqualTo(before - 1000);
      assertThat(h.system.rewardPot(0)).isEqualTo(334);
      assertThat(h.system.rewardPot(1)).isEqualTo(333);
      assertThat(h.system.rewardPot(2)).isEqualTo(333);
      assertThat(h.system.rewardPot(3)).isZero();
      h.ok(h.carol, new Operation.AddSubsidy(53 * 7 + 5, 53));
      assertThat(h.system.rewardPot(52)).isEqualTo(7);
      assertThat(h.system.rewardPot(0)).isEqualTo(334 + 12);
    }

    @Test
    void coverOneToMaxEpochs() {
      h.aborts(h.carol, new Operation.AddSubsidy(1000, 0), "system_state_inner", 2);
      h.aborts(h.carol, new Operation.AddSubsidy(1000, 54), "system_state_inner", 2);
      h.aborts(h.carol, new Operation.AddSubsidy(h.balance(h.carol) + 1, 3), "balance", 2);
    }
  }
}
