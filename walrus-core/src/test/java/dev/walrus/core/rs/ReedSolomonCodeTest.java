package dev.walrus.core.rs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.internal.vectorization.GfKernels;
import dev.walrus.core.internal.vectorization.VectorizationProvider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The reference values of spec §5.9, and decoding from random subsets. */
class ReedSolomonCodeTest {
  private static final HexFormat HEX = HexFormat.of();

  static Stream<GfKernels> kernels() {
    List<GfKernels> all = new ArrayList<>();
    all.add(VectorizationProvider.scalarKernels());
    VectorizationProvider.vectorKernels().ifPresent(all::add);
    return all.stream();
  }

  static Stream<Arguments> referenceValues() {
    return kernels().flatMap(g -> Stream.of(
        Arguments.of(g, 2, 2, 2, true, "d02e c03e"),
        Arguments.of(g, 2, 2, 6, true, "d0d3d228292a c0c3c238393a"),
        Arguments.of(g, 3, 1, 2, true, "3132"),
        Arguments.of(g, 3, 4, 2, true, "dd2e 4228 82d4 2ce0"),
        Arguments.of(g, 3, 4, 6, true, "60449621282d 5fb5352f2420 c68b52d8d6de c848c2e2efe5"),
        Arguments.of(g, 4, 6, 2, false, "f14d e15d d16d c17d 0081 1091"),
        Arguments.of(g, 5, 2, 6, true, "1a7378d6d1dc 5b313b92949a"),
        Arguments.of(g, 11, 20, 2, false,
            "c2f8 bebd 5405 9014 a850 0cdf df45 426f fc12 4010 e792 20b6 35bf c970 2b6d 9cc7 3dfc 66f6 5f18 3db7")));
  }

  @ParameterizedTest(name = "{0} k={1} r={2} B={3}")
  @MethodSource("referenceValues")
  void reproducesReferenceRecoveryShards(GfKernels g, int k, int r, int bytes, boolean high, String expected) {
    ReedSolomonCode code = new ReedSolomonCode(k, r);
    assertThat(code.isHighRate()).isEqualTo(high);
    byte[][] originals = new byte[k][bytes];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < bytes; j++) {
        originals[i][j] = (byte) (16 * i + j + 1);
      }
    }
    byte[][] recovery = encode(g, code, originals, bytes);
    List<String> actual = Arrays.stream(recovery).map(HEX::formatHex).toList();
    assertThat(String.join(" ", actual)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kernels")
  void decodesFromAnySufficientSubset(GfKernels g) {
    SplittableRandom random = new SplittableRandom(42);
    int[][] shapes = {{2, 2}, {3, 1}, {3, 4}, {4, 6}, {5, 2}, {11, 20}, {21, 10}, {34, 66}, {67, 33}, {100, 28}};
    for (int[] shape : shapes) {
      int k = shape[0];
      int r = shape[1];
      ReedSolomonCode code = new ReedSolomonCode(k, r);
      for (int bytes : new int[] {2, 6, 64, 130}) {
        byte[][] originals = new byte[k][bytes];
        for (byte[] o : originals) {
          random.nextBytes(o);
        }
        byte[][] recovery = encode(g, code, originals, bytes);
        byte[][] codeword = new byte[k + r][];
        System.arraycopy(originals, 0, codeword, 0, k);
        System.arraycopy(recovery, 0, codeword, k, r);
        for (int trial = 0; trial < 5; trial++) {
          boolean[] present = randomSubset(random, k + r, k + random.nextInt(r + 1));
          byte[][] decoded = decode(g, code, codeword, present, bytes);
          for (int c = 0; c < k + r; c++) {
            assertThat(decoded[c]).as("k=%d r=%d B=%d symbol %d", k, r, bytes, c).isEqualTo(codeword[c]);
          }
        }
      }
    }
  }

  @Test
  void rejectsTooFewSymbolsAndBadShapes() {
    ReedSolomonCode code = new ReedSolomonCode(3, 2);
    assertThatThrownBy(() -> code.planDecode(new boolean[] {true, true, false, false, false}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs 3 symbols, only 2");
    assertThatThrownBy(() -> new ReedSolomonCode(0, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReedSolomonCode(40000, 30000)).isInstanceOf(IllegalArgumentException.class);
  }

  static boolean[] randomSubset(SplittableRandom random, int n, int size) {
    boolean[] chosen = new boolean[n];
    int picked = 0;
    while (picked < size) {
      int i = random.nextInt(n);
      if (!chosen[i]) {
        chosen[i] = true;
        picked++;
      }
    }
    return chosen;
  }

  static byte[][] encode(GfKernels g, ReedSolomonCode code, byte[][] originals, int bytes) {
    SymbolLayout layout = new SymbolLayout(bytes, 1);
    int stride = layout.blocks() * SymbolLayout.BLOCK;
    byte[] work = new byte[code.encodeWorkPositions() * stride];
    for (int i = 0; i < originals.length; i++) {
      layout.gather(originals[i], 0, bytes, 0, layout.blocks(), work, i * stride);
    }
    code.encode(g, work, stride);
    byte[][] out = new byte[code.recoveries()][bytes];
    for (int j = 0; j < out.length; j++) {
      layout.scatter(work, j * stride, 0, layout.blocks(), out[j], 0, bytes);
    }
    return out;
  }

  static byte[][] decode(GfKernels g, ReedSolomonCode code, byte[][] codeword, boolean[] present, int bytes) {
    SymbolLayout layout = new SymbolLayout(bytes, 1);
    int stride = layout.blocks() * SymbolLayout.BLOCK;
    byte[] work = new byte[code.decodeWorkPositions() * stride];
    for (int c = 0; c < codeword.length; c++) {
      if (present[c]) {
        layout.gather(codeword[c], 0, bytes, 0, layout.blocks(), work, code.decodePosition(c) * stride);
      }
    }
    code.decode(g, work, stride, code.planDecode(present));
    byte[][] out = new byte[codeword.length][];
    for (int c = 0; c < codeword.length; c++) {
      if (present[c]) {
        out[c] = codeword[c].clone();
      } else {
        out[c] = new byte[bytes];
        layout.scatter(work, code.decodePosition(c) * stride, 0, layout.blocks(), out[c], 0, bytes);
      }
    }
    return out;
  }
}
