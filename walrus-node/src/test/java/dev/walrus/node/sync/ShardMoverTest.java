package dev.walrus.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.BlobId;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShardMoverTest {
  @Test
  void nextPageStartsRightAfterTheLastBlobIdAndEndsAfterTheHighest() {
    byte[] b = new byte[32];
    b[31] = (byte) 0xFF;
    byte[] expected = new byte[32];
    expected[30] = 1;
    assertThat(ShardMover.next(BlobId.of(b))).contains(BlobId.of(expected));
    byte[] max = new byte[32];
    Arrays.fill(max, (byte) 0xFF);
    assertThat(ShardMover.next(BlobId.of(max))).isEmpty();
  }
}
