package dev.walrus.core.rs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The field tables against the sanity values of spec §5.1–5.2. */
class Gf16Test {

  @Test
  void expAndLogStartAsSpecified() {
    int[] exp = {0x0001, 0x4690, 0x65d8, 0x62d0, 0x5734, 0x45f0, 0x53b8, 0x1e38};
    int[] log = {0xffff, 0x0000, 0x5555, 0xaaaa, 0x4444, 0x1111, 0x8888, 0x2222};
    for (int i = 0; i < 8; i++) {
      assertThat((int) Gf16.EXP[i]).as("EXP[%d]", i).isEqualTo(exp[i]);
      assertThat((int) Gf16.LOG[i]).as("LOG[%d]", i).isEqualTo(log[i]);
    }
  }

  @Test
  void productsMatchSpec() {
    assertThat(Gf16.mul(2, 3)).isEqualTo(0x0001);
    assertThat(Gf16.mul(0x1234, 0xabcd)).isEqualTo(0x43c1);
    assertThat(Gf16.mul(0xffff, 0xffff)).isEqualTo(0x8000);
    assertThat(Gf16.mulLog(0x1234, Gf16.MODULUS)).isEqualTo(0x1234);
  }

  @Test
  void tablesHashAsSpecified() throws Exception {
    assertThat(sha256(Gf16.EXP, 65536)).isEqualTo("2016ee0982f33f3b6d46fc5731540a073e73b2e7d093ba82e1998364d9dafcd5");
    assertThat(sha256(Gf16.LOG, 65536)).isEqualTo("c7eafc7e425f44aa8c3cf82dee5f4b3e50a710844082c0f1adcd4b95d4330c1f");
    assertThat(sha256(Gf16.SKEW, 65535)).isEqualTo("386153e81df25ed50a4be744fc292281790994bf3472076e6bed4e65463c3949");
  }

  @Test
  void skewStartsAsSpecified() {
    int[] first = {0xffff, 0xffff, 0x5555, 0xffff, 0x4444, 0x5555, 0x8888, 0xffff,
        0xdddd, 0x4444, 0x7777, 0x5555, 0xbbbb, 0x8888, 0x3333, 0xffff};
    for (int i = 0; i < first.length; i++) {
      assertThat((int) Gf16.SKEW[i]).as("SKEW[%d]", i).isEqualTo(first[i]);
    }
    int[] at1000 = {0x0f8d, 0x3827, 0x9a28, 0x5f5f, 0xe452, 0x1b95, 0x4237, 0xa1a1};
    for (int i = 0; i < at1000.length; i++) {
      assertThat((int) Gf16.SKEW[1000 + i]).isEqualTo(at1000[i]);
    }
  }

  @Test
  void inverseIsInverse() {
    for (int x = 1; x < 65536; x += 97) {
      assertThat(Gf16.mul(x, Gf16.inverse(x))).isEqualTo(1);
    }
  }

  private static String sha256(char[] table, int count) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(2 * count).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < count; i++) {
      b.putShort((short) table[i]);
    }
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
  }
}
