package dev.walrus.ledger.state.system;

import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Checked;

/**
 * The billed size of a blob and storage units (ledger.md §2.1, §2.3): Move's {@code
 * encoding::encoded_blob_length} and {@code redstuff}, with its u16/u64 arithmetic and aborts.
 *
 * <p>walrus-core's {@code EncodingConfig} computes the same length for the shard counts it can
 * encode (4 and more), but the ledger must also price committees of 1 to 3 shards and must fail
 * exactly where Move fails: {@code N = 0} underflows in {@code (N − 1) / 3}, a symbol size above
 * u16 fails its cast, and 65535 overflows when rounded up to even. So the formula is kept here.
 */
public final class EncodedSize {
  /** {@code BYTES_PER_UNIT_SIZE}: one storage unit is a MiB. */
  public static final long BYTES_PER_UNIT = 1L << 20;
  /** The only encoding type ({@code RS2}). */
  public static final int RS2 = 1;

  private static final long U16_MAX = 0xFFFF;

  private EncodedSize() {}

  /**
   * {@code encoded_blob_length(size, encoding_type, n_shards)}: what a blob of {@code
   * unencodedLength} bytes occupies over all {@code nShards} shards, slivers plus metadata.
   * Aborts {@code encoding::EInvalidEncodingType} for any type but RS2, and with an arithmetic
   * abort for {@code nShards = 0} or a blob too large for a u16 symbol.
   */
  public static long encodedBlobLength(long unencodedLength, int encodingType, int nShards) {
    Abort.check(encodingType == RS2, AbortCodes.ENCODING, AbortCodes.ENCODING_INVALID_TYPE,
        "encoding type " + encodingType + " is not RS2 (" + RS2 + ")");
    int f = maxByzantine(nShards);
    long primary = nShards - 2L * f;
    long secondary = nShards - (long) f;
    long symbol = symbolSize(unencodedLength, primary * secondary);
    long slivers = (primary + secondary) * symbol;
    long metadata = nShards * 2L * 32 + 32;
    return Checked.mul(nShards, Checked.add(slivers, metadata));
  }

  /** {@code (N − 1) / 3} in u16: aborts (underflow) for an empty committee. */
  static int maxByzantine(int nShards) {
    if (nShards <= 0) {
      throw new Abort(Checked.MODULE, 1, "u16 underflow: n_shards 0 has no encoding (empty committee)");
    }
    return (nShards - 1) / 3;
  }

  /**
   * {@code symbol_size}: {@code ceil(max(L, 1) / sourceSymbols)} as a u16, rounded up to even.
   * {@code unencodedLength} is a u64 (negative longs are values above 2^63).
   */
  static int symbolSize(long unencodedLength, long sourceSymbols) {
    long length = unencodedLength == 0 ? 1 : unencodedLength;
    long symbol = Long.divideUnsigned(length - 1, sourceSymbols) + 1;
    if (Long.compareUnsigned(symbol, U16_MAX) > 0) {
      throw new Abort(Checked.MODULE, 3,
          "u16 cast overflow: a blob of " + Long.toUnsignedString(unencodedLength) + " bytes needs symbols of "
              + Long.toUnsignedString(symbol) + " bytes");
    }
    if ((symbol & 1) == 1) {
      if (symbol == U16_MAX) {
        throw new Abort(Checked.MODULE, 0, "u16 overflow: symbol size 65535 rounded up to even");
      }
      symbol++;
    }
    return (int) symbol;
  }

  /** {@code storage_units_from_size}: {@code ceil(bytes / MiB)} of a u64 byte count. */
  public static long storageUnits(long bytes) {
    long units = Long.divideUnsigned(bytes, BYTES_PER_UNIT);
    return Long.remainderUnsigned(bytes, BYTES_PER_UNIT) == 0 ? units : units + 1;
  }
}
