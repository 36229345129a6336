package dev.walrus.core.encoding;

import dev.walrus.core.SliverType;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.hash.MerkleProof;
import dev.walrus.core.hash.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Evidence that a blob was encoded inconsistently: exactly the symbols needed to recover one
 * sliver, each proven against the metadata, which decode to a sliver whose hash is not the one
 * the metadata commits to (spec §10).
 *
 * <p>BCS ({@code InconsistencyProof<T>}): {@code u16 target_sliver_index ‖ ULEB128(count) ‖
 * (DecodingSymbol ‖ MerkleProof)*}; the axis is not encoded (it comes from the URL), and the
 * axis-tagged form prefixes a variant 0 (primary) or 1 (secondary).
 */
public record InconsistencyProof(SliverType targetType, int targetIndex, List<RecoverySymbol> symbols) {

  public InconsistencyProof {
    symbols = List.copyOf(symbols);
    for (RecoverySymbol r : symbols) {
      if (r.decodingAxis() != targetType || r.targetIndex() != targetIndex) {
        throw new IllegalArgumentException("symbol " + r.id() + " does not target " + targetType.urlName() + " sliver " + targetIndex);
      }
    }
  }

  /**
   * Whether this proves the blob inconsistent under {@code metadata}: the right number of
   * distinct symbols, every proof valid, and a decoded sliver that does not match. A proof against
   * a consistent blob, or with any invalid symbol, proves nothing.
   */
  public boolean verify(EncodingConfig config, BlobMetadata metadata) {
    if (metadata.nShards() != config.nShards() || targetIndex >= config.nShards()) {
      return false;
    }
    if (symbols.size() != config.sourceSymbols(targetType)) {
      return false;
    }
    Set<Integer> seen = new HashSet<>();
    for (RecoverySymbol r : symbols) {
      if (!seen.add(r.symbol().index())) {
        return false;
      }
    }
    for (boolean proven : RecoverySymbol.verifyAll(symbols, config, metadata)) {
      if (!proven) {
        return false;
      }
    }
    SliverData recovered = new SliverRecovery(config)
        .decode(metadata, targetType, targetIndex, symbols.stream().map(RecoverySymbol::symbol).toList());
    Node expected = metadata.hashes().get(recovered.pairIndex(config.nShards())).hash(targetType);
    return !ExpandedSliver.of(config, recovered).hash().equals(expected);
  }

  public void writeBcs(BcsWriter w) {
    w.u16(targetIndex).uleb128(symbols.size());
    for (RecoverySymbol r : symbols) {
      r.symbol().writeBcs(w);
      r.proof().writeBcs(w);
    }
  }

  public byte[] toBcs() {
    BcsWriter w = new BcsWriter(64 * symbols.size() + 8);
    writeBcs(w);
    return w.toByteArray();
  }

  /** The axis-tagged form: {@code variant(axis) ‖ proof}. */
  public byte[] toTaggedBcs() {
    BcsWriter w = new BcsWriter(64 * symbols.size() + 8);
    w.variant(targetType.bcsIndex());
    writeBcs(w);
    return w.toByteArray();
  }

  /** Parses the untagged form for a target of the given axis. */
  public static InconsistencyProof fromBcs(SliverType targetType, byte[] bytes) {
    BcsReader r = new BcsReader(bytes);
    InconsistencyProof proof = readBcs(targetType, r);
    r.finish();
    return proof;
  }

  public static InconsistencyProof fromTaggedBcs(byte[] bytes) {
    BcsReader r = new BcsReader(bytes);
    SliverType type = SliverType.fromBcsIndex(r.variant("InconsistencyProof", 2));
    InconsistencyProof proof = readBcs(type, r);
    r.finish();
    return proof;
  }

  static InconsistencyProof readBcs(SliverType targetType, BcsReader r) {
    int target = r.u16();
    int count = r.length(4);
    List<RecoverySymbol> symbols = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      DecodingSymbol d = DecodingSymbol.readBcs(r);
      MerkleProof proof = MerkleProof.readBcs(r);
      symbols.add(new RecoverySymbol(targetType, d, target, proof));
    }
    return new InconsistencyProof(targetType, target, symbols);
  }
}
