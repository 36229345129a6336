package dev.walrus.core.bcs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Binary Canonical Serialization writer: little-endian fixed-width integers, ULEB128 lengths and
 * enum tags, raw fixed-size arrays.
 */
public final class BcsWriter {
  private byte[] buf;
  private int size;

  public BcsWriter() {
    this(64);
  }

  public BcsWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  public BcsWriter u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
    return this;
  }

  public BcsWriter bool(boolean v) {
    return u8(v ? 1 : 0);
  }

  public BcsWriter u16(int v) {
    ensure(2);
    buf[size++] = (byte) v;
    buf[size++] = (byte) (v >>> 8);
    return this;
  }

  public BcsWriter u32(long v) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  public BcsWriter u64(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
    return this;
  }

  /** ULEB128, as BCS writes lengths and enum variant indices. */
  public BcsWriter uleb128(long v) {
    if (v < 0 || v > 0xFFFF_FFFFL) {
      throw new BcsException("ULEB128 value out of BCS range: " + v);
    }
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      u8(v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return this;
  }

  /** An enum variant index. */
  public BcsWriter variant(int index) {
    return uleb128(index);
  }

  /** A fixed-size array: the raw bytes, no length. */
  public BcsWriter fixedBytes(byte[] bytes) {
    return fixedBytes(bytes, 0, bytes.length);
  }

  public BcsWriter fixedBytes(byte[] bytes, int off, int len) {
    ensure(len);
    System.arraycopy(bytes, off, buf, size, len);
    size += len;
    return this;
  }

  /** A {@code Vec<u8>}: ULEB128 length, then the bytes. */
  public BcsWriter bytes(byte[] bytes) {
    return bytes(bytes, 0, bytes.length);
  }

  public BcsWriter bytes(byte[] bytes, int off, int len) {
    uleb128(len);
    return fixedBytes(bytes, off, len);
  }

  public BcsWriter string(String s) {
    return bytes(s.getBytes(StandardCharsets.UTF_8));
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      long wanted = Math.max((long) buf.length * 2, (long) size + extra);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new BcsException("BCS output larger than 2 GiB");
      }
      buf = Arrays.copyOf(buf, (int) wanted);
    }
  }
}
