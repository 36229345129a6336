package dev.walrus.core;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A blob ID: {@code BLAKE2b-256(encoding type ‖ u64 length ‖ root hash)}, 32 bytes.
 *
 * <p>It has three readings that must not be mixed up (spec §7–8): the text form is URL-safe
 * base64 without padding; on chain it is a u256 read little-endian; for shard rotation it is an
 * integer read big-endian. Ordering is byte-wise unsigned, as Walrus orders blob IDs.
 */
public final class BlobId implements Comparable<BlobId> {
  public static final int LENGTH = 32;
  private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

  private final byte[] bytes;

  private BlobId(byte[] bytes) {
    this.bytes = bytes;
  }

  /** The blob ID with these 32 bytes (copied). */
  public static BlobId of(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new InvalidBlobIdException("a blob ID has 32 bytes, got " + bytes.length);
    }
    return new BlobId(bytes.clone());
  }

  /** Parses the text form: 43 characters of URL-safe base64 without padding. */
  public static BlobId parse(String text) {
    if (text == null || text.length() != 43) {
      throw new InvalidBlobIdException(
          "invalid blob ID " + quote(text) + ": expected 43 characters of URL-safe base64");
    }
    byte[] decoded;
    try {
      decoded = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidBlobIdException("invalid blob ID " + quote(text) + ": not URL-safe base64");
    }
    // 43 characters carry 258 bits; the last two must be zero for the form to be canonical.
    if (decoded.length != LENGTH || !TEXT.encodeToString(decoded).equals(text)) {
      throw new InvalidBlobIdException("invalid blob ID " + quote(text) + ": not a canonical 32-byte ID");
    }
    return new BlobId(decoded);
  }

  /** The blob ID whose on-chain u256 value (little-endian) is {@code value}. */
  public static BlobId fromU256(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new InvalidBlobIdException("blob ID value out of u256 range: " + value);
    }
    byte[] be = value.toByteArray();
    byte[] le = new byte[LENGTH];
    for (int i = 0; i < LENGTH && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return new BlobId(le);
  }

  /** The on-chain u256 value: the bytes read little-endian. */
  public BigInteger toU256() {
    byte[] be = new byte[LENGTH];
    for (int i = 0; i < LENGTH; i++) {
      be[i] = bytes[LENGTH - 1 - i];
    }
    return new BigInteger(1, be);
  }

  /** The pair-to-shard rotation: the bytes read as a big-endian integer, modulo {@code nShards}. */
  public int rotationOffset(int nShards) {
    long acc = 0;
    for (byte b : bytes) {
      acc = ((acc << 8) | (b & 0xFF)) % nShards;
    }
    return (int) acc;
  }

  /** The shard that stores sliver pair {@code pairIndex}. */
  public int shardForPair(int pairIndex, int nShards) {
    return (pairIndex + rotationOffset(nShards)) % nShards;
  }

  /** The sliver pair stored by {@code shardIndex}. */
  public int pairForShard(int shardIndex, int nShards) {
    return (nShards + shardIndex - rotationOffset(nShards)) % nShards;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code out[off..off+32)}. */
  public void copyTo(byte[] out, int off) {
    System.arraycopy(bytes, 0, out, off, LENGTH);
  }

  public String toHex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public String toString() {
    return TEXT.encodeToString(bytes);
  }

  @Override
  public int compareTo(BlobId o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlobId other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  private static String quote(String s) {
    if (s == null) {
      return "null";
    }
    return "'" + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + "'";
  }
}
