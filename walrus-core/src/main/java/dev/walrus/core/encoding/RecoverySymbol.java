package dev.walrus.core.encoding;

import dev.walrus.core.SliverType;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.hash.MerkleBatchVerifier;
import dev.walrus.core.hash.MerkleProof;
import dev.walrus.core.hash.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * A symbol a node computes from one of its slivers so another can rebuild a lost sliver, with a
 * Merkle proof that ties it to the blob's metadata (Walrus's {@code GeneralRecoverySymbol}).
 *
 * <p>The symbol is the cell shared by a source sliver and a target sliver of the other axis.
 * {@code decodingAxis} is the target's axis; {@code symbol.index()} is the source sliver's index
 * (the symbol's position in the target's codeword); {@code targetIndex} is the target sliver's
 * index and also the symbol's leaf index in the Merkle tree over the expanded source sliver, whose
 * root is the source's hash in the metadata.
 *
 * <p>BCS: {@code variant(decodingAxis) ‖ DecodingSymbol ‖ u16 targetIndex ‖ MerkleProof}.
 */
public record RecoverySymbol(SliverType decodingAxis, DecodingSymbol symbol, int targetIndex, MerkleProof proof) {

  public RecoverySymbol {
    if (targetIndex < 0 || targetIndex > 0xFFFF) {
      throw new IllegalArgumentException("target index " + targetIndex + " is not a u16");
    }
  }

  /** The axis of the sliver the symbol and its proof come from. */
  public SliverType sourceAxis() {
    return decodingAxis.orthogonal();
  }

  /** The cell this symbol is. */
  public SymbolId id() {
    return decodingAxis == SliverType.PRIMARY
        ? new SymbolId(targetIndex, symbol.index())
        : new SymbolId(symbol.index(), targetIndex);
  }

  /**
   * Checks that this symbol is the cell it claims to be, under the blob's metadata.
   *
   * @throws InvalidSymbolException naming the failed check
   */
  public void verify(EncodingConfig config, BlobMetadata metadata) {
    if (!proof.verifies(expectedRoot(config, metadata), symbol.data(), targetIndex, config.nShards())) {
      throw new InvalidSymbolException("Merkle proof of symbol " + id() + " does not match the metadata");
    }
  }

  /**
   * Verifies many symbols at once (their proofs are checked in batches of the vector hasher);
   * {@code result[i]} is whether {@link #verify} would accept {@code symbols[i]}.
   */
  public static boolean[] verifyAll(List<RecoverySymbol> symbols, EncodingConfig config, BlobMetadata metadata) {
    boolean[] ok = new boolean[symbols.size()];
    List<Integer> candidates = new ArrayList<>();
    List<Node> roots = new ArrayList<>();
    for (int i = 0; i < symbols.size(); i++) {
      try {
        roots.add(symbols.get(i).expectedRoot(config, metadata));
        candidates.add(i);
      } catch (InvalidSymbolException e) {
        ok[i] = false;
      }
    }
    List<MerkleProof> proofs = new ArrayList<>(candidates.size());
    List<byte[]> leaves = new ArrayList<>(candidates.size());
    int[] indices = new int[candidates.size()];
    for (int c = 0; c < candidates.size(); c++) {
      RecoverySymbol r = symbols.get(candidates.get(c));
      proofs.add(r.proof());
      leaves.add(r.symbol().data());
      indices[c] = r.targetIndex();
    }
    boolean[] proven = MerkleBatchVerifier.verifyAll(proofs, leaves, indices, config.nShards(), roots);
    for (int c = 0; c < candidates.size(); c++) {
      ok[candidates.get(c)] = proven[c];
    }
    return ok;
  }

  /** Checks everything but the proof and returns the root the proof must reach. */
  private Node expectedRoot(EncodingConfig config, BlobMetadata metadata) {
    int n = config.nShards();
    if (symbol.index() >= n || targetIndex >= n) {
      throw new InvalidSymbolException("symbol " + id() + " is out of range for " + n + " shards");
    }
    if (metadata.nShards() != n) {
      throw new InvalidSymbolException("metadata has " + metadata.nShards() + " sliver pairs, not " + n);
    }
    int ss = config.symbolSize(metadata.unencodedLength());
    if (symbol.length() != ss) {
      throw new InvalidSymbolException("symbol " + id() + " has " + symbol.length() + " bytes, expected " + ss);
    }
    SliverType source = sourceAxis();
    int sourcePair = source == SliverType.PRIMARY ? symbol.index() : n - 1 - symbol.index();
    return metadata.hashes().get(sourcePair).hash(source);
  }

  /** Whether this symbol can help recover sliver {@code targetIndex} of axis {@code targetType}. */
  public boolean canRecover(SliverType targetType, int targetIndex) {
    return targetType == decodingAxis ? this.targetIndex == targetIndex : symbol.index() == targetIndex;
  }

  /** This symbol as a codeword symbol of the given target sliver (the same cell, seen from it). */
  DecodingSymbol asDecodingSymbolFor(SliverType targetType) {
    return targetType == decodingAxis ? symbol : new DecodingSymbol(targetIndex, symbol.data());
  }

  public void writeBcs(BcsWriter w) {
    w.variant(decodingAxis.bcsIndex());
    symbol.writeBcs(w);
    w.u16(targetIndex);
    proof.writeBcs(w);
  }

  public static RecoverySymbol readBcs(BcsReader r) {
    SliverType axis = SliverType.fromBcsIndex(r.variant("EitherDecodingSymbol", 2));
    DecodingSymbol symbol = DecodingSymbol.readBcs(r);
    int target = r.u16();
    return new RecoverySymbol(axis, symbol, target, MerkleProof.readBcs(r));
  }

  public byte[] toBcs() {
    BcsWriter w = new BcsWriter(symbol.length() + 64);
    writeBcs(w);
    return w.toByteArray();
  }
}
