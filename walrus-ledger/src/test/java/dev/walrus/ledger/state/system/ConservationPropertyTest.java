package dev.walrus.ledger.state.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.LedgerState;
import dev.walrus.ledger.state.SystemHarness;
import dev.walrus.ledger.state.TestCommittee;
import dev.walrus.ledger.state.objects.BlobObject;
import dev.walrus.ledger.state.objects.LedgerObject;
import dev.walrus.ledger.state.objects.SharedBlobObject;
import dev.walrus.ledger.state.objects.StorageResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WAL conservation over random sequences of the system operations, valid and invalid, across
 * epoch changes: after every transaction balances + system pots and funds + burnt (+ the node
 * accounts the harness pays rewards into) equal the supply. Along the way the incremental state
 * digest must match a full recomputation, the blob index must list exactly the live blob objects,
 * and the used capacity must mirror the ring. Seeded, so a failure replays.
 */
class ConservationPropertyTest {
  static final long MIB = 1L << 20;
  static final int STEPS = 250;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void everyFrostIsAccountedFor(long seed) {
    new Run(seed).run();
  }

  private static final class Run {
    final SplittableRandom random;
    final SystemHarness h = new SystemHarness();
    final List<Ed25519KeyPair> users = List.of(h.alice, h.bob, h.carol);
    final List<ObjectId> shared = new ArrayList<>();
    final Set<BlobId> blobIds = new HashSet<>();
    TestCommittee committee;
    int seq;

    Run(long seed) {
      this.random = new SplittableRandom(seed);
    }

    void run() {
      committee = TestCommittee.uniform(1, 21, 7, 1 + random.nextInt(150));
      h.advanceEpoch(committee.committee, 2_000 * MIB);
      h.setPrices(random.nextLong(1, 200_000), random.nextLong(0, 50_000));
      int aborted = 0;
      for (int step = 0; step < STEPS; step++) {
        if (random.nextInt(25) == 0) {
          nextEpoch();
        } else {
          Ed25519KeyPair sender = users.get(random.nextInt(users.size()));
          Operation op = operation(sender);
          TransactionEffects e = h.run(sender, op);
          assertThat(e.status()).as("%s", op).isNotEqualTo(TransactionEffects.Status.REJECTED);
          if (e.status() == TransactionEffects.Status.ABORTED) {
            assertThat(e.abort().module()).as(e.abort().message()).isNotEqualTo("internal");
            aborted++;
          }
          e.created().forEach(id -> {
            LedgerObject o = h.state().services().objects().find(id);
            if (o instanceof SharedBlobObject) {
              shared.add(id);
            }
          });
        }
        assertThat(h.state().totalFrost()).as("step %d", step).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
        assertThat(h.system.usedCapacitySize()).isEqualTo(h.system.futureAccounting(0).usedCapacity());
        if (step % 50 == 49) {
          checkDigestAndIndex();
        }
      }
      assertThat(aborted).isBetween(STEPS / 20, STEPS * 9 / 10);
      checkDigestAndIndex();
      LedgerState copy = LedgerState.fromSnapshot(h.net.genesis, h.state().snapshot());
      assertThat(copy.stateDigest()).isEqualTo(h.state().stateDigest());
    }

    void nextEpoch() {
      committee = committee.forEpoch(h.epoch() + 1);
      h.advanceEpoch(committee.committee, random.nextLong(500, 3_000) * MIB);
      if (random.nextBoolean()) {
        h.setPrices(random.nextLong(1, 200_000), random.nextLong(0, 50_000));
      }
    }

    Operation operation(Ed25519KeyPair sender) {
      Address me = h.address(sender);
      int e = h.epoch();
      return switch (random.nextInt(20)) {
        case 0, 1 -> new Operation.ReserveSpace(size(), random.nextInt(56));
        case 2 -> new Operation.ReserveSpaceForEpochs(size(), e - 2 + random.nextInt(8), e + random.nextInt(58));
        case 3 -> new Operation.SplitStorageByEpoch(pick(me, StorageResource.class), e + random.nextInt(6));
        case 4 -> new Operation.SplitStorageBySize(pick(me, StorageResource.class), random.nextLong(200 * MIB));
        case 5 -> new Operation.FuseStorage(pick(me, StorageResource.class), pick(me, StorageResource.class));
        case 6 -> new Operation.DestroyStorage(pick(me, StorageResource.class));
        case 7 -> new Operation.AddSubsidy(random.nextLong(10_000_000), random.nextInt(56));
        case 8, 9 -> register(me);
        case 10, 11 -> certify(me);
        case 12 -> new Operation.ExtendBlob(pick(me, BlobObject.class), random.nextInt(8));
        case 13 -> new Operation.ExtendBlobWithResource(pick(me, BlobObject.class), pick(me, StorageResource.class));
        case 14 -> random.nextBoolean()
            ? new Operation.DeleteBlob(pick(me, BlobObject.class))
            : new Operation.BurnBlob(pick(me, BlobObject.class));
        case 15 -> random.nextBoolean()
            ? new Operation.SetBlobAttribute(pick(me, BlobObject.class), "k" + random.nextInt(3), "v")
            : new Operation.RemoveBlobAttribute(pick(me, BlobObject.class), "k" + random.nextInt(3));
        case 16 -> new Operation.ShareBlob(pick(me, BlobObject.class), random.nextLong(50_000_000));
        case 17 -> new Operation.FundSharedBlob(pickShared(), random.nextLong(20_000_000));
        case 18 -> new Operation.ExtendSharedBlob(pickShared(), random.nextInt(6));
        default -> new Operation.TransferObject(
            pick(me, LedgerObject.class), h.address(users.get(random.nextInt(users.size()))));
      };
    }

    long size() {
      return random.nextInt(10) == 0 ? 0 : random.nextLong(1, 300 * MIB);
    }

    Operation register(Address me) {
      ObjectId storage = pick(me, StorageResource.class);
      long size = random.nextInt(4) == 0 ? random.nextLong(1, 400_000_000) : random.nextLong(1, 100_000);
      int seed = random.nextInt(40);
      blobIds.add(BlobFixture.blobId(BlobFixture.root(seed), size));
      Operation.RegisterBlob op = BlobFixture.registerOp(storage, seed, size, random.nextBoolean());
      return random.nextInt(15) == 0
          ? new Operation.RegisterBlob(storage, op.blobId(), BlobFixture.root(seed + 1), size, 1, op.deletable())
          : op;
    }

    Operation certify(Address me) {
      ObjectId id = pick(me, BlobObject.class);
      LedgerObject o = h.state().services().objects().find(id);
      if (!(o instanceof BlobObject blob)) {
        return new Operation.BurnBlob(id);
      }
      byte[] message = new BlobFixture(h, committee).confirmation(blob);
      int[] signers = IntStream.range(0, committee.size()).filter(i -> random.nextInt(10) < 8).toArray();
      if (signers.length == 0) {
        signers = new int[] {0};
      }
      return new Operation.CertifyBlob(blob.id(), committee.sign(message, signers), committee.bitmap(signers), message);
    }

    /** One of {@code me}'s objects of {@code type}, else a random ID (which aborts). */
    ObjectId pick(Address me, Class<? extends LedgerObject> type) {
      List<LedgerObject> mine = h.state().services().objects().ownedBy(me).stream().filter(type::isInstance).toList();
      if (mine.isEmpty() || random.nextInt(30) == 0) {
        return ObjectId.of(BlobFixture.root(1_000_000 + seq++));
      }
      return mine.get(random.nextInt(mine.size())).id();
    }

    ObjectId pickShared() {
      return shared.isEmpty() ? ObjectId.of(BlobFixture.root(2_000_000 + seq++)) : shared.get(random.nextInt(shared.size()));
    }

    void checkDigestAndIndex() {
      assertThat(h.state().store().recomputeDigest()).isEqualTo(h.state().stateDigest());
      Map<BlobId, Map<ObjectId, BlobHolding>> live = new TreeMap<>();
      for (LedgerObject o : h.state().services().objects().table().view().values()) {
        if (o instanceof BlobObject b) {
          live.computeIfAbsent(b.blobId(), k -> new TreeMap<>()).put(b.id(), BlobHolding.OWNED);
        } else if (o instanceof SharedBlobObject s) {
          live.computeIfAbsent(s.blob().blobId(), k -> new TreeMap<>()).put(s.id(), BlobHolding.SHARED);
        }
      }
      for (BlobId id : blobIds) {
        assertThat(h.system.blobObjectIds(id)).isEqualTo(live.getOrDefault(id, Map.of()));
      }
      long funds = shared.stream()
          .map(id -> h.state().services().objects().find(id))
          .mapToLong(o -> ((SharedBlobObject) o).funds()).sum();
      assertThat(h.system.sharedBlobFunds()).isEqualTo(funds);
    }
  }
}
