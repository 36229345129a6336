package dev.walrus.core.quilt;

import dev.walrus.core.quilt.QuiltException.Reason;

/**
 * The 6 bytes that open every patch ({@code BlobHeaderV1}): {@code 0x01 ‖ u32 LE length ‖ mask},
 * where {@code length} counts the bytes after the header (identifier, tags, data) and mask bit 0
 * says that tags follow the identifier.
 */
record PatchHeader(long length, int mask) {
  static final int HAS_TAGS = 1;
  static final long MAX_LENGTH = 0xFFFF_FFFFL;

  boolean hasTags() {
    return (mask & HAS_TAGS) != 0;
  }

  byte[] toBytes() {
    return new byte[] {
      (byte) QuiltFormat.VERSION,
      (byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24),
      (byte) mask
    };
  }

  /**
   * @throws QuiltException ({@link Reason#UNSUPPORTED_VERSION}) unless the version byte is 1
   */
  static PatchHeader fromBytes(byte[] b) {
    int version = b[0] & 0xFF;
    if (version != QuiltFormat.VERSION) {
      throw new QuiltException(Reason.UNSUPPORTED_VERSION,
          "quilt patch header has version " + version + ", expected " + QuiltFormat.VERSION);
    }
    long length = (b[1] & 0xFFL) | (b[2] & 0xFFL) << 8 | (b[3] & 0xFFL) << 16 | (b[4] & 0xFFL) << 24;
    return new PatchHeader(length, b[5] & 0xFF);
  }
}
