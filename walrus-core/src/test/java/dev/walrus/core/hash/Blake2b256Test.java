package dev.walrus.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.internal.vectorization.Blake2bBatch;
import dev.walrus.core.internal.vectorization.VectorizationProvider;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.junit.jupiter.api.Test;

class Blake2b256Test {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void checkValuesOfSpec() {
    assertThat(HEX.formatHex(Blake2b256.digest(new byte[0])))
        .isEqualTo("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
    assertThat(HEX.formatHex(Blake2b256.digest("abc".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
  }

  @Test
  void matchesBouncyCastleForEveryLengthAndSplit() {
    SplittableRandom random = new SplittableRandom(7);
    for (int len = 0; len < 700; len++) {
      byte[] data = new byte[len];
      random.nextBytes(data);
      byte[] expected = bouncyCastle(data);
      assertThat(Blake2b256.digest(data)).as("length %d", len).isEqualTo(expected);
      int split = len == 0 ? 0 : random.nextInt(len + 1);
      Blake2b256 h = new Blake2b256();
      h.update(data, 0, split).update(data, split, len - split);
      assertThat(h.digest()).as("length %d split %d", len, split).isEqualTo(expected);
    }
  }

  @Test
  void batchHashersAgreeWithOneAtATime() {
    SplittableRandom random = new SplittableRandom(11);
    byte[] src = new byte[64 * 1024];
    random.nextBytes(src);
    for (Blake2bBatch batch : new Blake2bBatch[] {
        VectorizationProvider.newBlake2bBatch(), VectorizationProvider.newScalarBlake2bBatch()}) {
      for (int len : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 63, 64, 126, 127, 128, 129, 255, 256, 1206, 2000}) {
        for (int count : new int[] {1, 3, 8, 9, 17}) {
          int off = random.nextInt(4);
          int stride = len + random.nextInt(5);
          // Once with room after the last message, once with the array ending where it ends.
          for (byte[] in : new byte[][] {src, Arrays.copyOf(src, off + (count - 1) * stride + len)}) {
            byte[] out = new byte[32 * count];
            batch.hash((byte) 0x01, in, off, stride, count, len, out, 0);
            for (int i = 0; i < count; i++) {
              byte[] msg = new byte[len + 1];
              msg[0] = 1;
              System.arraycopy(src, off + i * stride, msg, 1, len);
              assertThat(Arrays.copyOfRange(out, 32 * i, 32 * i + 32))
                  .as("len %d count %d message %d of %d bytes", len, count, i, in.length)
                  .isEqualTo(bouncyCastle(msg));
            }
          }
        }
      }
    }
  }

  private static byte[] bouncyCastle(byte[] data) {
    Blake2bDigest d = new Blake2bDigest(256);
    d.update(data, 0, data.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }
}
