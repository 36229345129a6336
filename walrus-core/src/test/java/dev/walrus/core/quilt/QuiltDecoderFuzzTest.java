package dev.walrus.core.quilt;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.walrus.core.encoding.EncodingConfig;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Assertions;

/**
 * The quilt reader on arbitrary blobs: a quilt is user data, read back by the aggregator and the
 * CLI. Parsing the index and every patch either succeeds or throws {@link QuiltException}; a
 * lying length must never cause a wrong read, a huge allocation or another exception. Without
 * {@code JAZZER_FUZZ=1} each stored input runs once; with it, Jazzer mutates inputs.
 */
class QuiltDecoderFuzzTest {
  /** Seven shards: a 3 × 5 symbol matrix, so patches can span several columns. */
  private static final EncodingConfig N7 = EncodingConfig.forShards(7);

  private static final int CELLS = QuiltFormat.rows(N7) * QuiltFormat.columns(N7);

  /**
   * The input, zero-padded to a whole matrix (any other length is refused before parsing, which
   * would waste the fuzzer's time on one branch).
   */
  @FuzzTest(maxDuration = "20s")
  void quiltBlob(byte[] input) {
    int length = Math.max(CELLS, (input.length + CELLS - 1) / CELLS * CELLS);
    Quilt quilt;
    try {
      quilt = Quilt.fromBlob(N7, Arrays.copyOf(input, length));
    } catch (QuiltException refused) {
      return;
    }
    for (QuiltPatch patch : quilt.index().patches()) {
      Assertions.assertTrue(patch.startIndex() < patch.endIndex() && patch.endIndex() <= quilt.columnCount());
      try {
        QuiltFile file = quilt.patch(patch);
        Assertions.assertTrue(file.size() <= (long) patch.columnCount() * quilt.columnSize());
      } catch (QuiltException refused) {
        // a malformed patch behind a well-formed index
      }
    }
  }

  /** The index's BCS alone, as the first columns of a 5-column quilt would hold it. */
  @FuzzTest(maxDuration = "20s")
  void index(byte[] input) {
    try {
      QuiltIndex index = QuiltIndex.fromBcs(input, 1, QuiltFormat.columns(N7));
      Assertions.assertArrayEquals(input, index.toBcs());
    } catch (QuiltException refused) {
      // refused
    }
  }

  /** Patch IDs come in URLs of the aggregator. */
  @FuzzTest(maxDuration = "20s")
  void patchId(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    try {
      Assertions.assertEquals(text, QuiltPatchId.parse(text).toString());
    } catch (QuiltException refused) {
      // refused
    }
  }
}
