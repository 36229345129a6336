package dev.walrus.core.internal.vectorization;

import dev.walrus.core.rs.Gf16;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Per-multiplier nibble tables for table-lookup multiplication, built lazily.
 *
 * <p>For a multiplier {@code c}, the product {@code x·c} is linear in the bits of {@code x}, so it
 * is the XOR of four lookups, one per nibble of {@code x}. Table {@code i} maps nibble value
 * {@code v} to {@code (v << 4i)·c}; its low bytes sit at {@code 16·i} and its high bytes at
 * {@code 64 + 16·i}. Each table array is padded so a 32- or 64-byte vector load at any table start
 * stays in bounds.
 */
final class MulTables {
  static final int LOW = 0;
  static final int HIGH = 64;
  private static final int SIZE = 128 + 64;

  private static final byte[][] TABLES = new byte[Gf16.MODULUS][];
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(byte[][].class);

  private MulTables() {}

  static byte[] forLog(int log) {
    byte[] t = (byte[]) SLOT.getAcquire(TABLES, log);
    return t != null ? t : build(log);
  }

  private static byte[] build(int log) {
    byte[] t = new byte[SIZE];
    for (int nibble = 0; nibble < 4; nibble++) {
      for (int v = 1; v < 16; v++) {
        int product = Gf16.mulLog(v << (4 * nibble), log);
        t[LOW + 16 * nibble + v] = (byte) product;
        t[HIGH + 16 * nibble + v] = (byte) (product >>> 8);
      }
    }
    SLOT.setRelease(TABLES, log, t);
    return t;
  }
}
