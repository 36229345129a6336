package dev.walrus.node.store;

import java.nio.ByteBuffer;

/**
 * Where a sliver's bytes live in its shard's segment files; this is the value its column family
 * holds instead of the sliver. Encoded in {@value #LENGTH} bytes: {@code 0xFF}, a version byte,
 * the segment number (u32), the offset (u64), the length (u32) and the CRC-32C of the bytes (u32),
 * big-endian, then two zero bytes.
 *
 * <p>A value in a sliver column family is either a locator or the sliver's BCS itself (slivers
 * below {@link SliverSegments#INLINE_MAX_BYTES}, and everything stored before segment files
 * existed). The two cannot be confused: a BCS sliver starting with {@code 0xFF} declares at least
 * 127 data bytes, so it is longer than a locator.
 *
 * @param segment the segment's number within its shard
 * @param offset the first byte of the sliver in the segment file
 * @param length the sliver's BCS length
 * @param crc the CRC-32C of those bytes, checked on every read
 */
record SliverLocator(int segment, long offset, int length, int crc) {
  static final int LENGTH = 24;
  private static final byte MARK = (byte) 0xFF;
  private static final byte VERSION = 1;

  SliverLocator {
    if (offset < 0 || length <= 0) {
      throw new IllegalArgumentException("bad locator: offset " + offset + ", length " + length);
    }
  }

  static boolean isLocator(byte[] value) {
    return value.length == LENGTH && value[0] == MARK;
  }

  byte[] encode() {
    return ByteBuffer.allocate(LENGTH).put(MARK).put(VERSION).putInt(segment).putLong(offset).putInt(length).putInt(crc)
        .array();
  }

  /**
   * @throws StoreException for a locator of an unknown version: the store was written by a newer
   *     release
   */
  static SliverLocator decode(byte[] value) {
    ByteBuffer b = ByteBuffer.wrap(value);
    b.get();
    byte version = b.get();
    if (version != VERSION) {
      throw new StoreException("sliver locator version " + version + " is not known to this release", null);
    }
    return new SliverLocator(b.getInt(), b.getLong(), b.getInt(), b.getInt());
  }
}
