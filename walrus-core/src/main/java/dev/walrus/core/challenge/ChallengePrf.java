package dev.walrus.core.challenge;

import dev.walrus.core.hash.Blake2b256;
import java.nio.charset.StandardCharsets;

/**
 * The pseudo-random function of spec/challenges.md §4 (all consensus-critical): {@code prf(tag,
 * parts…) = H(u8 len(tag) ‖ tag ‖ parts…)} with {@code H} = BLAKE2b-256, {@code u64at(h, i)} =
 * the little-endian u64 of {@code h[8i..8i+8)}, {@code pick(x, m)} = {@code x} mod {@code m}
 * unsigned. Integers inside {@code parts} are little-endian, as everywhere in BCS.
 */
public final class ChallengePrf {
  /** Tag of the challenged-set draw (§5.2). */
  public static final String SET_TAG = "wj/chal/set";
  /** Tag of one challenge item (§5.3). */
  public static final String ITEM_TAG = "wj/chal/item";

  private ChallengePrf() {}

  public static byte[] prf(String tag, byte[]... parts) {
    byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
    if (t.length > 255) {
      throw new IllegalArgumentException("PRF tag longer than 255 bytes");
    }
    Blake2b256 h = new Blake2b256().update((byte) t.length).update(t);
    for (byte[] p : parts) {
      h.update(p);
    }
    return h.digest();
  }

  /** The little-endian u64 at {@code h[8i..8i+8)}. */
  public static long u64At(byte[] h, int i) {
    long v = 0;
    for (int k = 7; k >= 0; k--) {
      v = (v << 8) | (h[8 * i + k] & 0xFF);
    }
    return v;
  }

  /** {@code x} mod {@code m}, {@code x} read as unsigned: a uniform index below {@code m}. */
  public static int pick(long x, int m) {
    if (m <= 0) {
      throw new IllegalArgumentException("cannot pick from " + m + " values");
    }
    return (int) Long.remainderUnsigned(x, m);
  }

  static byte[] u16(int v) {
    return new byte[] {(byte) v, (byte) (v >>> 8)};
  }

  static byte[] u32(long v) {
    return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
  }
}
