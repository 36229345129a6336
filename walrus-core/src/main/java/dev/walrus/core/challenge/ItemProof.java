package dev.walrus.core.challenge;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.encoding.ExpandedSliver;
import dev.walrus.core.encoding.InconsistencyProof;
import dev.walrus.core.hash.MerkleProof;
import java.util.Arrays;
import java.util.Objects;

/**
 * A target's answer to one challenge item (spec/challenges.md §6.3), BCS enum {@code ItemProof}:
 * {@code 0 Proven} (both cells with their Merkle paths), {@code 1 Excused} (the blob is on the
 * target's on-ledger deny list), {@code 2 Inconsistent} (the blob is provably badly encoded),
 * {@code 3 Unavailable} (an honest admission, counted as failed).
 */
public sealed interface ItemProof {
  BlobId blobId();

  int shard();

  int j();

  void writeBcs(BcsWriter w);

  /** Cells {@code A = X[pair][col]} and {@code B = X[row][N−1−pair]} with their paths. */
  record Proven(BlobId blobId, int shard, int j, int col, int row, byte[] symA, MerkleProof proofA, byte[] symB,
      MerkleProof proofB) implements ItemProof {
    public Proven {
      checkU16(shard, j);
      checkU16(col, row);
      symA = symA.clone();
      symB = symB.clone();
      Objects.requireNonNull(proofA, "proofA");
      Objects.requireNonNull(proofB, "proofB");
    }

    /** The proof of {@code item} from the target's expanded primary and secondary slivers of the pair. */
    public static Proven of(ItemSpec item, ExpandedSliver primary, ExpandedSliver secondary) {
      if (primary.type() != SliverType.PRIMARY || secondary.type() != SliverType.SECONDARY) {
        throw new IllegalArgumentException("expected the primary and the secondary sliver of one pair");
      }
      return new Proven(item.blobId(), item.shard(), item.j(), item.col(), item.row(),
          primary.symbol(item.col()), primary.recoverySymbol(item.col()).proof(),
          secondary.symbol(item.row()), secondary.recoverySymbol(item.row()).proof());
    }

    @Override
    public byte[] symA() {
      return symA.clone();
    }

    @Override
    public byte[] symB() {
      return symB.clone();
    }

    @Override
    public void writeBcs(BcsWriter w) {
      w.variant(0).fixedBytes(blobId.bytes()).u16(shard).u16(j).u16(col).u16(row).bytes(symA);
      proofA.writeBcs(w);
      w.bytes(symB);
      proofB.writeBcs(w);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Proven p && p.blobId.equals(blobId) && p.shard == shard && p.j == j && p.col == col
          && p.row == row && Arrays.equals(p.symA, symA) && p.proofA.equals(proofA) && Arrays.equals(p.symB, symB)
          && p.proofB.equals(proofB);
    }

    @Override
    public int hashCode() {
      return Objects.hash(blobId, shard, j, col, row, Arrays.hashCode(symA));
    }
  }

  /** The blob is on the target's deny list: leaf {@code denyIndex} of {@code denyCount} under its root. */
  record Excused(BlobId blobId, int shard, int j, long denyIndex, long denyCount, MerkleProof denyPath)
      implements ItemProof {
    public Excused {
      checkU16(shard, j);
      if (denyIndex < 0 || denyCount < 0) {
        throw new IllegalArgumentException("deny-list index out of range");
      }
    }

    @Override
    public void writeBcs(BcsWriter w) {
      w.variant(1).fixedBytes(blobId.bytes()).u16(shard).u16(j).u64(denyIndex).u64(denyCount);
      denyPath.writeBcs(w);
    }
  }

  /** The blob is inconsistently encoded: {@code proof} targets a sliver of {@code axis}. */
  record Inconsistent(BlobId blobId, int shard, int j, SliverType axis, InconsistencyProof proof) implements ItemProof {
    public Inconsistent {
      checkU16(shard, j);
      if (proof.targetType() != axis) {
        throw new IllegalArgumentException("proof axis differs from the item's");
      }
    }

    @Override
    public void writeBcs(BcsWriter w) {
      w.variant(2).fixedBytes(blobId.bytes()).u16(shard).u16(j).u8(axis.bcsIndex());
      proof.writeBcs(w);
    }
  }

  /** The target admits it cannot prove the item. */
  record Unavailable(BlobId blobId, int shard, int j) implements ItemProof {
    public Unavailable {
      checkU16(shard, j);
    }

    @Override
    public void writeBcs(BcsWriter w) {
      w.variant(3).fixedBytes(blobId.bytes()).u16(shard).u16(j);
    }
  }

  /** Smallest encoding of any variant: tag, blob ID, shard and j. */
  int MIN_BCS_LENGTH = 1 + 32 + 4;

  static ItemProof readBcs(BcsReader r) {
    int variant = r.variant("ItemProof", 4);
    BlobId blobId = BlobId.of(r.fixedBytes(BlobId.LENGTH));
    int shard = r.u16();
    int j = r.u16();
    try {
      return switch (variant) {
        case 0 -> {
          int col = r.u16();
          int row = r.u16();
          byte[] a = r.bytes();
          MerkleProof pa = MerkleProof.readBcs(r);
          byte[] b = r.bytes();
          yield new Proven(blobId, shard, j, col, row, a, pa, b, MerkleProof.readBcs(r));
        }
        case 1 -> {
          long index = r.u64();
          long count = r.u64();
          if (index < 0 || count < 0) {
            throw new BcsException("deny-list index above 2^63");
          }
          yield new Excused(blobId, shard, j, index, count, MerkleProof.readBcs(r));
        }
        case 2 -> {
          int axis = r.u8();
          if (axis > 1) {
            throw new BcsException("unknown sliver axis " + axis);
          }
          SliverType type = SliverType.fromBcsIndex(axis);
          yield new Inconsistent(blobId, shard, j, type, InconsistencyProofs.read(type, r));
        }
        default -> new Unavailable(blobId, shard, j);
      };
    } catch (IllegalArgumentException e) {
      throw new BcsException("invalid item proof: " + e.getMessage());
    }
  }

  private static void checkU16(int a, int b) {
    if (a < 0 || a > 0xFFFF || b < 0 || b > 0xFFFF) {
      throw new IllegalArgumentException("value out of u16 range");
    }
  }
}
