package dev.walrus.core.encoding;

import dev.walrus.core.rs.ReedSolomonCode;

/**
 * RS2 parameters for a number of shards {@code n} (spec §1).
 *
 * <ul>
 *   <li>{@code f = floor((n − 1) / 3)}, the Byzantine shards tolerated;
 *   <li>{@code p = n − 2f} primary source symbols: rows of the message matrix, symbols per
 *       secondary sliver, originals of the primary code;
 *   <li>{@code s = n − f} secondary source symbols: columns, symbols per primary sliver, originals
 *       of the secondary code.
 * </ul>
 *
 * <p>Configs are immutable and cached per {@code n}.
 */
public final class EncodingConfig {
  /** The largest symbol size: the largest even u16. */
  public static final int MAX_SYMBOL_SIZE = 65534;
  public static final int MIN_SHARDS = 4;
  public static final int MAX_SHARDS = 65535;

  private static final EncodingConfig[] CACHE = new EncodingConfig[MAX_SHARDS + 1];

  private final int nShards;
  private final int f;
  private final int primarySymbols;
  private final int secondarySymbols;
  private final ReedSolomonCode primaryCode;
  private final ReedSolomonCode secondaryCode;

  private EncodingConfig(int nShards) {
    this.nShards = nShards;
    this.f = (nShards - 1) / 3;
    this.primarySymbols = nShards - 2 * f;
    this.secondarySymbols = nShards - f;
    this.primaryCode = codeOrNull(primarySymbols, nShards - primarySymbols);
    this.secondaryCode = codeOrNull(secondarySymbols, nShards - secondarySymbols);
  }

  /**
   * The config for {@code nShards} shards.
   *
   * @throws InvalidEncodingConfigException unless {@code 4 ≤ nShards ≤ 65535}
   */
  public static EncodingConfig forShards(int nShards) {
    if (nShards < MIN_SHARDS || nShards > MAX_SHARDS) {
      throw new InvalidEncodingConfigException(
          "invalid number of shards " + nShards + ": RS2 needs 4 to 65535 shards");
    }
    EncodingConfig c = CACHE[nShards];
    if (c == null) {
      c = new EncodingConfig(nShards);
      CACHE[nShards] = c;
    }
    return c;
  }

  public int nShards() {
    return nShards;
  }

  /** Maximum number of faulty shards tolerated. */
  public int f() {
    return f;
  }

  /** {@code n − 2f}: symbols per secondary sliver; primary slivers needed to decode a blob. */
  public int primarySymbols() {
    return primarySymbols;
  }

  /** {@code n − f}: symbols per primary sliver; secondary slivers needed to decode a blob. */
  public int secondarySymbols() {
    return secondarySymbols;
  }

  /** Source symbols of a sliver of the given axis. */
  public int sourceSymbols(dev.walrus.core.SliverType type) {
    return type == dev.walrus.core.SliverType.PRIMARY ? secondarySymbols : primarySymbols;
  }

  /** Shard weight a write certificate needs: {@code n − f}. */
  public int quorumWeight() {
    return nShards - f;
  }

  /** Shard weight that includes at least one correct node: {@code f + 1}. */
  public int validityWeight() {
    return f + 1;
  }

  /** The code over columns (k = p): expands secondary slivers, produces rows p..n−1. */
  public ReedSolomonCode primaryCode() {
    return requireCode(primaryCode);
  }

  /** The code over rows (k = s): expands primary slivers, produces columns s..n−1. */
  public ReedSolomonCode secondaryCode() {
    return requireCode(secondaryCode);
  }

  /** The largest blob: {@code p · s · 65534} bytes. */
  public long maxBlobSize() {
    return (long) primarySymbols * secondarySymbols * MAX_SYMBOL_SIZE;
  }

  /**
   * The symbol size for a blob of {@code length} bytes: {@code ceil(max(length, 1) / (p·s))}
   * rounded up to even.
   *
   * @throws DataTooLargeException if it would exceed 65534
   */
  public int symbolSize(long length) {
    if (length < 0 || length > maxBlobSize()) {
      throw new DataTooLargeException(length, maxBlobSize(), nShards);
    }
    long perBlob = (long) primarySymbols * secondarySymbols;
    long t = (Math.max(length, 1) + perBlob - 1) / perBlob;
    return (int) (t + (t & 1));
  }

  /** Bytes of a primary sliver: {@code s · symbolSize}. */
  public int primarySliverSize(int symbolSize) {
    return secondarySymbols * symbolSize;
  }

  /** Bytes of a secondary sliver: {@code p · symbolSize}. */
  public int secondarySliverSize(int symbolSize) {
    return primarySymbols * symbolSize;
  }

  /** Bytes of a sliver of the given axis. */
  public int sliverSize(dev.walrus.core.SliverType type, int symbolSize) {
    return sourceSymbols(type) * symbolSize;
  }

  /**
   * The encoded length the ledger bills: {@code n·(64n + 32) + n·(p + s)·symbolSize} (metadata
   * stored on every node plus all slivers).
   */
  public long encodedLength(long length) {
    int ss = symbolSize(length);
    return (long) nShards * metadataLength() + (long) nShards * (primarySymbols + secondarySymbols) * ss;
  }

  /** Bytes of metadata each node stores: {@code 64n + 32}. */
  public long metadataLength() {
    return 64L * nShards + 32;
  }

  private ReedSolomonCode requireCode(ReedSolomonCode code) {
    if (code == null) {
      throw new InvalidEncodingConfigException(
          "RS2 cannot encode with " + nShards + " shards: its Reed-Solomon codes do not fit"
              + " GF(2^16) (at most 49155 shards)");
    }
    return code;
  }

  private static ReedSolomonCode codeOrNull(int k, int r) {
    try {
      return new ReedSolomonCode(k, r);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "EncodingConfig[n=" + nShards + ", f=" + f + ", p=" + primarySymbols + ", s=" + secondarySymbols + "]";
  }
}
