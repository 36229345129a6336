package dev.walrus.core.encoding;

import dev.walrus.core.rs.StripedCoder;

import dev.walrus.core.SliverType;
import dev.walrus.core.hash.Node;
import dev.walrus.core.rs.ReedSolomonCode;
import dev.walrus.core.rs.SymbolLayout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds one sliver from symbols other nodes computed from their slivers of the other axis
 * (spec §10): {@code s} symbols for a primary sliver, {@code p} for a secondary one.
 *
 * <p>With proven {@link RecoverySymbol}s, symbols whose proofs fail are dropped, so lying nodes
 * cannot corrupt the result; and if correctly proven symbols decode to a sliver the metadata does
 * not commit to, the blob was encoded inconsistently and the failure carries an {@link
 * InconsistencyProof}.
 */
public final class SliverRecovery {
  private final EncodingConfig config;

  public SliverRecovery(EncodingConfig config) {
    this.config = config;
  }

  /** Symbols needed to recover a sliver of {@code targetType}. */
  public int symbolsNeeded(SliverType targetType) {
    return config.sourceSymbols(targetType);
  }

  /**
   * Recovers sliver {@code targetIndex} of {@code targetType} from proven symbols.
   *
   * @throws NotEnoughSliversException if fewer than the needed distinct valid symbols remain
   * @throws InconsistentBlobException with a proof, if the blob was encoded inconsistently
   */
  public SliverData recover(
      BlobMetadata metadata, SliverType targetType, int targetIndex, Collection<RecoverySymbol> symbols) {
    checkTarget(targetIndex);
    int k = symbolsNeeded(targetType);
    // Only symbols proven against their source sliver can go into an inconsistency proof. All are
    // checked (in batches) before choosing, so a liar's symbol cannot shadow an honest one for the
    // same source sliver.
    List<RecoverySymbol> list = new ArrayList<>();
    for (RecoverySymbol symbol : symbols) {
      if (symbol.decodingAxis() == targetType && symbol.targetIndex() == targetIndex) {
        list.add(symbol);
      }
    }
    boolean[] proven = RecoverySymbol.verifyAll(list, config, metadata);
    Map<Integer, RecoverySymbol> valid = new LinkedHashMap<>();
    for (int i = 0; i < list.size() && valid.size() < k; i++) {
      if (proven[i]) {
        valid.putIfAbsent(list.get(i).symbol().index(), list.get(i));
      }
    }
    if (valid.size() < k) {
      throw new NotEnoughSliversException(
          "recovering " + targetType.urlName() + " sliver " + targetIndex + " needs " + k
              + " valid symbols, got " + valid.size());
    }
    List<RecoverySymbol> used = new ArrayList<>(valid.values());
    SliverData sliver = decode(metadata, targetType, targetIndex, used.stream().map(RecoverySymbol::symbol).toList());
    if (!hashMatches(metadata, sliver)) {
      throw new InconsistentBlobException(
          "recovered " + targetType.urlName() + " sliver " + targetIndex + " does not match the metadata:"
              + " the blob is inconsistent",
          new InconsistencyProof(targetType, targetIndex, used));
    }
    return sliver;
  }

  /**
   * Recovers a sliver from unproven symbols (a reader's path: it verifies the result instead).
   *
   * @throws NotEnoughSliversException if fewer than the needed distinct symbols were given
   * @throws InvalidSliverException if the result does not match the metadata
   */
  public SliverData recoverFromDecodingSymbols(
      BlobMetadata metadata, SliverType targetType, int targetIndex, Collection<DecodingSymbol> symbols) {
    checkTarget(targetIndex);
    int k = symbolsNeeded(targetType);
    Map<Integer, DecodingSymbol> distinct = new LinkedHashMap<>();
    for (DecodingSymbol d : symbols) {
      if (d.index() < config.nShards()) {
        distinct.putIfAbsent(d.index(), d);
      }
      if (distinct.size() == k) {
        break;
      }
    }
    if (distinct.size() < k) {
      throw new NotEnoughSliversException(
          "recovering " + targetType.urlName() + " sliver " + targetIndex + " needs " + k + " symbols, got "
              + distinct.size());
    }
    SliverData sliver = decode(metadata, targetType, targetIndex, List.copyOf(distinct.values()));
    if (!hashMatches(metadata, sliver)) {
      throw new InvalidSliverException(
          "symbols for " + targetType.urlName() + " sliver " + targetIndex + " decode to data the metadata does not commit to");
    }
    return sliver;
  }

  /**
   * Decodes the target's source symbols from exactly {@code k} distinct decoding symbols; no
   * verification.
   */
  SliverData decode(BlobMetadata metadata, SliverType targetType, int targetIndex, List<DecodingSymbol> symbols) {
    int ss = config.symbolSize(metadata.unencodedLength());
    ReedSolomonCode code = targetType == SliverType.PRIMARY ? config.secondaryCode() : config.primaryCode();
    int k = code.originals();
    int n = config.nShards();
    if (symbols.size() != k) {
      throw new NotEnoughSliversException("decoding needs exactly " + k + " symbols, got " + symbols.size());
    }
    byte[] out = new byte[k * ss];
    boolean[] present = new boolean[n];
    byte[][] src = new byte[n][];
    for (DecodingSymbol d : symbols) {
      if (d.length() != ss) {
        throw new InvalidSymbolException("symbol " + d.index() + " has " + d.length() + " bytes, expected " + ss);
      }
      if (d.index() >= n || present[d.index()]) {
        throw new InvalidSymbolException("symbol index " + d.index() + " is out of range or repeated");
      }
      present[d.index()] = true;
      src[d.index()] = d.data();
      if (d.index() < k) {
        d.copyTo(out, d.index() * ss);
      }
    }
    byte[][] dst = new byte[n][];
    int[] dstBases = new int[n];
    boolean missing = false;
    for (int i = 0; i < k; i++) {
      if (!present[i]) {
        dst[i] = out;
        dstBases[i] = i * ss;
        missing = true;
      }
    }
    if (missing) {
      new StripedCoder().decode(
          code, code.planDecode(present), new SymbolLayout(ss, 1), src, new int[n], ss, dst, dstBases, ss);
    }
    return SliverData.wrap(targetType, targetIndex, ss, out);
  }

  private boolean hashMatches(BlobMetadata metadata, SliverData sliver) {
    Node expected = metadata.hashes().get(sliver.pairIndex(config.nShards())).hash(sliver.type());
    return ExpandedSliver.of(config, sliver).hash().equals(expected);
  }

  private void checkTarget(int targetIndex) {
    if (targetIndex < 0 || targetIndex >= config.nShards()) {
      throw new InvalidSliverException(
          "target sliver " + targetIndex + " is out of range for " + config.nShards() + " shards");
    }
  }
}
