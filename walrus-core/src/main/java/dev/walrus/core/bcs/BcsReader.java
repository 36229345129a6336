package dev.walrus.core.bcs;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Binary Canonical Serialization reader over a byte range. Every read checks bounds and
 * canonical form and throws {@link BcsException} naming what it expected and where, so malformed
 * input never yields a wrong value.
 */
public final class BcsReader {
  /**
   * How deeply enum values (sealed interfaces) may nest. A type that can contain itself (a batch
   * of operations) could otherwise be nested until decoding overflows the stack.
   */
  public static final int MAX_NESTING = 16;

  private final byte[] buf;
  private final int end;
  private int pos;
  private int nesting;

  public BcsReader(byte[] buf) {
    this(buf, 0, buf.length);
  }

  public BcsReader(byte[] buf, int off, int len) {
    if (off < 0 || len < 0 || off + len > buf.length) {
      throw new IndexOutOfBoundsException("range " + off + "+" + len + " of " + buf.length);
    }
    this.buf = buf;
    this.pos = off;
    this.end = off + len;
  }

  /** Enters a nested value; throws once values nest deeper than {@link #MAX_NESTING}. */
  public void enter(String type) {
    if (++nesting > MAX_NESTING) {
      throw new BcsException(type + " values nested more than " + MAX_NESTING + " deep at offset " + pos);
    }
  }

  /** Leaves the value {@link #enter} entered. */
  public void leave() {
    nesting--;
  }

  public int position() {
    return pos;
  }

  public int remaining() {
    return end - pos;
  }

  public int u8() {
    need(1, "u8");
    return buf[pos++] & 0xFF;
  }

  public boolean bool() {
    int b = u8();
    if (b > 1) {
      throw new BcsException("invalid bool byte " + b + " at offset " + (pos - 1));
    }
    return b == 1;
  }

  public int u16() {
    need(2, "u16");
    int v = (buf[pos] & 0xFF) | (buf[pos + 1] & 0xFF) << 8;
    pos += 2;
    return v;
  }

  public long u32() {
    need(4, "u32");
    long v = 0;
    for (int i = 3; i >= 0; i--) {
      v = (v << 8) | (buf[pos + i] & 0xFF);
    }
    pos += 4;
    return v;
  }

  /** A u64 as a Java long (values above 2^63 − 1 come back negative). */
  public long u64() {
    need(8, "u64");
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (buf[pos + i] & 0xFF);
    }
    pos += 8;
    return v;
  }

  /** ULEB128 of at most 32 bits in canonical (shortest) form. */
  public long uleb128() {
    int start = pos;
    long v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      int b = u8();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (b == 0 && shift > 0) {
          throw new BcsException("non-canonical ULEB128 at offset " + start);
        }
        if (v > 0xFFFF_FFFFL) {
          throw new BcsException("ULEB128 value too large at offset " + start);
        }
        return v;
      }
    }
    throw new BcsException("ULEB128 longer than 5 bytes at offset " + start);
  }

  /** A length prefix, checked against the bytes left ({@code minElementSize} bytes per element). */
  public int length(int minElementSize) {
    int at = pos;
    long len = uleb128();
    if (len * Math.max(1, minElementSize) > remaining()) {
      throw new BcsException(
          "length " + len + " at offset " + at + " exceeds the " + remaining() + " bytes left");
    }
    return (int) len;
  }

  /** An enum variant index, which must be below {@code variants}. */
  public int variant(String type, int variants) {
    int at = pos;
    long v = uleb128();
    if (v >= variants) {
      throw new BcsException("unknown " + type + " variant " + v + " at offset " + at);
    }
    return (int) v;
  }

  public byte[] fixedBytes(int len) {
    need(len, len + " bytes");
    byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
    pos += len;
    return out;
  }

  /** A {@code Vec<u8>}. */
  public byte[] bytes() {
    return fixedBytes(length(1));
  }

  /** Skips a {@code Vec<u8>} and returns the offset of its first data byte. */
  public int skipBytes(int expectedLength) {
    int len = length(1);
    if (expectedLength >= 0 && len != expectedLength) {
      throw new BcsException("expected " + expectedLength + " bytes, found " + len);
    }
    int start = pos;
    pos += len;
    return start;
  }

  public String string() {
    byte[] b = bytes();
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BcsException("string is not valid UTF-8");
    }
  }

  /** Fails unless every byte was consumed. */
  public void finish() {
    if (pos != end) {
      throw new BcsException((end - pos) + " unexpected trailing bytes");
    }
  }

  private void need(int n, String what) {
    if (n < 0 || end - pos < n) {
      throw new BcsException(
          "truncated input: expected " + what + " at offset " + pos + ", " + (end - pos) + " bytes left");
    }
  }
}
