package dev.walrus.core.internal.vectorization;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels: each 64-byte block is two 256-bit vectors (32 low bytes, 32 high bytes), and
 * a multiply is eight 16-entry table lookups on nibbles, the technique reed-solomon-simd uses
 * with AVX2. The species is a constant and every loop is a plain counted loop: the Vector API
 * only compiles to SIMD code under those conditions.
 */
final class PanamaGfKernels implements GfKernels {
  private static final VectorSpecies<Byte> S = ByteVector.SPECIES_256;

  @Override
  public void xor(byte[] buf, int x, int y, int len) {
    for (int i = 0; i < len; i += 32) {
      ByteVector a = ByteVector.fromArray(S, buf, x + i);
      a.lanewise(VectorOperators.XOR, ByteVector.fromArray(S, buf, y + i)).intoArray(buf, x + i);
    }
  }

  @Override
  public void mulAdd(byte[] buf, int x, int y, int len, int log) {
    byte[] t = MulTables.forLog(log);
    ByteVector l0 = ByteVector.fromArray(S, t, MulTables.LOW);
    ByteVector l1 = ByteVector.fromArray(S, t, MulTables.LOW + 16);
    ByteVector l2 = ByteVector.fromArray(S, t, MulTables.LOW + 32);
    ByteVector l3 = ByteVector.fromArray(S, t, MulTables.LOW + 48);
    ByteVector h0 = ByteVector.fromArray(S, t, MulTables.HIGH);
    ByteVector h1 = ByteVector.fromArray(S, t, MulTables.HIGH + 16);
    ByteVector h2 = ByteVector.fromArray(S, t, MulTables.HIGH + 32);
    ByteVector h3 = ByteVector.fromArray(S, t, MulTables.HIGH + 48);
    for (int i = 0; i < len; i += 64) {
      ByteVector lo = ByteVector.fromArray(S, buf, y + i);
      ByteVector hi = ByteVector.fromArray(S, buf, y + i + 32);
      ByteVector n0 = lo.and((byte) 0x0F);
      ByteVector n1 = lo.lanewise(VectorOperators.LSHR, 4);
      ByteVector n2 = hi.and((byte) 0x0F);
      ByteVector n3 = hi.lanewise(VectorOperators.LSHR, 4);
      ByteVector pl = n0.selectFrom(l0).lanewise(VectorOperators.XOR, n1.selectFrom(l1))
          .lanewise(VectorOperators.XOR, n2.selectFrom(l2)).lanewise(VectorOperators.XOR, n3.selectFrom(l3));
      ByteVector ph = n0.selectFrom(h0).lanewise(VectorOperators.XOR, n1.selectFrom(h1))
          .lanewise(VectorOperators.XOR, n2.selectFrom(h2)).lanewise(VectorOperators.XOR, n3.selectFrom(h3));
      ByteVector.fromArray(S, buf, x + i).lanewise(VectorOperators.XOR, pl).intoArray(buf, x + i);
      ByteVector.fromArray(S, buf, x + i + 32).lanewise(VectorOperators.XOR, ph).intoArray(buf, x + i + 32);
    }
  }

  @Override
  public void mul(byte[] buf, int x, int len, int log) {
    byte[] t = MulTables.forLog(log);
    ByteVector l0 = ByteVector.fromArray(S, t, MulTables.LOW);
    ByteVector l1 = ByteVector.fromArray(S, t, MulTables.LOW + 16);
    ByteVector l2 = ByteVector.fromArray(S, t, MulTables.LOW + 32);
    ByteVector l3 = ByteVector.fromArray(S, t, MulTables.LOW + 48);
    ByteVector h0 = ByteVector.fromArray(S, t, MulTables.HIGH);
    ByteVector h1 = ByteVector.fromArray(S, t, MulTables.HIGH + 16);
    ByteVector h2 = ByteVector.fromArray(S, t, MulTables.HIGH + 32);
    ByteVector h3 = ByteVector.fromArray(S, t, MulTables.HIGH + 48);
    for (int i = 0; i < len; i += 64) {
      ByteVector lo = ByteVector.fromArray(S, buf, x + i);
      ByteVector hi = ByteVector.fromArray(S, buf, x + i + 32);
      ByteVector n0 = lo.and((byte) 0x0F);
      ByteVector n1 = lo.lanewise(VectorOperators.LSHR, 4);
      ByteVector n2 = hi.and((byte) 0x0F);
      ByteVector n3 = hi.lanewise(VectorOperators.LSHR, 4);
      n0.selectFrom(l0).lanewise(VectorOperators.XOR, n1.selectFrom(l1))
          .lanewise(VectorOperators.XOR, n2.selectFrom(l2)).lanewise(VectorOperators.XOR, n3.selectFrom(l3))
          .intoArray(buf, x + i);
      n0.selectFrom(h0).lanewise(VectorOperators.XOR, n1.selectFrom(h1))
          .lanewise(VectorOperators.XOR, n2.selectFrom(h2)).lanewise(VectorOperators.XOR, n3.selectFrom(h3))
          .intoArray(buf, x + i + 32);
    }
  }

  @Override
  public void fftButterfly(byte[] buf, int x, int y, int len, int log) {
    byte[] t = MulTables.forLog(log);
    ByteVector l0 = ByteVector.fromArray(S, t, MulTables.LOW);
    ByteVector l1 = ByteVector.fromArray(S, t, MulTables.LOW + 16);
    ByteVector l2 = ByteVector.fromArray(S, t, MulTables.LOW + 32);
    ByteVector l3 = ByteVector.fromArray(S, t, MulTables.LOW + 48);
    ByteVector h0 = ByteVector.fromArray(S, t, MulTables.HIGH);
    ByteVector h1 = ByteVector.fromArray(S, t, MulTables.HIGH + 16);
    ByteVector h2 = ByteVector.fromArray(S, t, MulTables.HIGH + 32);
    ByteVector h3 = ByteVector.fromArray(S, t, MulTables.HIGH + 48);
    for (int i = 0; i < len; i += 64) {
      ByteVector yl = ByteVector.fromArray(S, buf, y + i);
      ByteVector yh = ByteVector.fromArray(S, buf, y + i + 32);
      ByteVector n0 = yl.and((byte) 0x0F);
      ByteVector n1 = yl.lanewise(VectorOperators.LSHR, 4);
      ByteVector n2 = yh.and((byte) 0x0F);
      ByteVector n3 = yh.lanewise(VectorOperators.LSHR, 4);
      ByteVector xl = ByteVector.fromArray(S, buf, x + i)
          .lanewise(VectorOperators.XOR, n0.selectFrom(l0)).lanewise(VectorOperators.XOR, n1.selectFrom(l1))
          .lanewise(VectorOperators.XOR, n2.selectFrom(l2)).lanewise(VectorOperators.XOR, n3.selectFrom(l3));
      ByteVector xh = ByteVector.fromArray(S, buf, x + i + 32)
          .lanewise(VectorOperators.XOR, n0.selectFrom(h0)).lanewise(VectorOperators.XOR, n1.selectFrom(h1))
          .lanewise(VectorOperators.XOR, n2.selectFrom(h2)).lanewise(VectorOperators.XOR, n3.selectFrom(h3));
      xl.intoArray(buf, x + i);
      xh.intoArray(buf, x + i + 32);
      yl.lanewise(VectorOperators.XOR, xl).intoArray(buf, y + i);
      yh.lanewise(VectorOperators.XOR, xh).intoArray(buf, y + i + 32);
    }
  }

  @Override
  public void ifftButterfly(byte[] buf, int x, int y, int len, int log) {
    byte[] t = MulTables.forLog(log);
    ByteVector l0 = ByteVector.fromArray(S, t, MulTables.LOW);
    ByteVector l1 = ByteVector.fromArray(S, t, MulTables.LOW + 16);
    ByteVector l2 = ByteVector.fromArray(S, t, MulTables.LOW + 32);
    ByteVector l3 = ByteVector.fromArray(S, t, MulTables.LOW + 48);
    ByteVector h0 = ByteVector.fromArray(S, t, MulTables.HIGH);
    ByteVector h1 = ByteVector.fromArray(S, t, MulTables.HIGH + 16);
    ByteVector h2 = ByteVector.fromArray(S, t, MulTables.HIGH + 32);
    ByteVector h3 = ByteVector.fromArray(S, t, MulTables.HIGH + 48);
    for (int i = 0; i < len; i += 64) {
      ByteVector xl = ByteVector.fromArray(S, buf, x + i);
      ByteVector xh = ByteVector.fromArray(S, buf, x + i + 32);
      ByteVector yl = ByteVector.fromArray(S, buf, y + i).lanewise(VectorOperators.XOR, xl);
      ByteVector yh = ByteVector.fromArray(S, buf, y + i + 32).lanewise(VectorOperators.XOR, xh);
      yl.intoArray(buf, y + i);
      yh.intoArray(buf, y + i + 32);
      ByteVector n0 = yl.and((byte) 0x0F);
      ByteVector n1 = yl.lanewise(VectorOperators.LSHR, 4);
      ByteVector n2 = yh.and((byte) 0x0F);
      ByteVector n3 = yh.lanewise(VectorOperators.LSHR, 4);
      xl.lanewise(VectorOperators.XOR, n0.selectFrom(l0)).lanewise(VectorOperators.XOR, n1.selectFrom(l1))
          .lanewise(VectorOperators.XOR, n2.selectFrom(l2)).lanewise(VectorOperators.XOR, n3.selectFrom(l3))
          .intoArray(buf, x + i);
      xh.lanewise(VectorOperators.XOR, n0.selectFrom(h0)).lanewise(VectorOperators.XOR, n1.selectFrom(h1))
          .lanewise(VectorOperators.XOR, n2.selectFrom(h2)).lanewise(VectorOperators.XOR, n3.selectFrom(h3))
          .intoArray(buf, x + i + 32);
    }
  }

  @Override
  public String name() {
    return "panama-256";
  }
}
