package dev.walrus.core.encoding;

import dev.walrus.core.SliverType;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One sliver: its axis, its sliver index and its symbols. BCS ({@code SliverData}): {@code
 * ULEB128(len) ‖ data ‖ u16 symbol_size ‖ u16 index}; the axis is not encoded and comes from
 * context. The index is the sliver index: the pair index for a primary sliver, {@code n − 1 −
 * pair} for a secondary one.
 */
public final class SliverData {
  private final SliverType type;
  private final int index;
  private final int symbolSize;
  private final byte[] data;

  private SliverData(SliverType type, int index, int symbolSize, byte[] data) {
    if (index < 0 || index > 0xFFFF) {
      throw new InvalidSliverException("sliver index " + index + " is not a u16");
    }
    if (symbolSize <= 0 || symbolSize > EncodingConfig.MAX_SYMBOL_SIZE || (symbolSize & 1) != 0) {
      throw new InvalidSliverException("invalid symbol size " + symbolSize);
    }
    if (data.length % symbolSize != 0) {
      throw new InvalidSliverException(
          "sliver of " + data.length + " bytes is not a whole number of " + symbolSize + "-byte symbols");
    }
    this.type = type;
    this.index = index;
    this.symbolSize = symbolSize;
    this.data = data;
  }

  /** A sliver holding a copy of {@code data}. */
  public static SliverData of(SliverType type, int index, int symbolSize, byte[] data) {
    return new SliverData(type, index, symbolSize, data.clone());
  }

  /** A sliver that takes ownership of {@code data}; the caller must not modify it afterwards. */
  static SliverData wrap(SliverType type, int index, int symbolSize, byte[] data) {
    return new SliverData(type, index, symbolSize, data);
  }

  public SliverType type() {
    return type;
  }

  /** The sliver index on its axis. */
  public int index() {
    return index;
  }

  /** The sliver pair this sliver belongs to. */
  public int pairIndex(int nShards) {
    return type == SliverType.PRIMARY ? index : nShards - 1 - index;
  }

  public int symbolSize() {
    return symbolSize;
  }

  public int symbolCount() {
    return data.length / symbolSize;
  }

  public int length() {
    return data.length;
  }

  /** The symbols, read-only and without copying. */
  public ByteBuffer data() {
    return ByteBuffer.wrap(data).asReadOnlyBuffer();
  }

  /** A copy of the symbols. */
  public byte[] dataCopy() {
    return data.clone();
  }

  /** Copies symbol {@code j} into {@code out[off..)}. */
  public void copySymbol(int j, byte[] out, int off) {
    System.arraycopy(data, j * symbolSize, out, off, symbolSize);
  }

  /** The internal array, for the codec's own use without copying. */
  byte[] array() {
    return data;
  }

  public byte[] toBcs() {
    BcsWriter w = new BcsWriter(data.length + 9);
    writeBcs(w);
    return w.toByteArray();
  }

  public void writeBcs(BcsWriter w) {
    w.bytes(data).u16(symbolSize).u16(index);
  }

  /** Parses a BCS {@code SliverData} of the given axis. */
  public static SliverData fromBcs(SliverType type, byte[] bytes) {
    BcsReader r = new BcsReader(bytes);
    SliverData s = readBcs(type, r);
    r.finish();
    return s;
  }

  public static SliverData readBcs(SliverType type, BcsReader r) {
    byte[] data = r.bytes();
    int symbolSize = r.u16();
    int index = r.u16();
    if (symbolSize == 0 || (symbolSize & 1) != 0) {
      throw new BcsException("invalid sliver symbol size " + symbolSize);
    }
    if (data.length % symbolSize != 0) {
      throw new BcsException("sliver data of " + data.length + " bytes is not a multiple of symbol size " + symbolSize);
    }
    return new SliverData(type, index, symbolSize, data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SliverData s
        && s.type == type && s.index == index && s.symbolSize == symbolSize && Arrays.equals(s.data, data);
  }

  @Override
  public int hashCode() {
    return (type.hashCode() * 31 + index) * 31 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "SliverData[" + type.urlName() + " " + index + ", " + symbolCount() + " × " + symbolSize + " B]";
  }
}
