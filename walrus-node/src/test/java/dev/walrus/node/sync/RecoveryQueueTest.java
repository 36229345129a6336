package dev.walrus.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.BlobId;
import org.junit.jupiter.api.Test;

/** The in-memory recovery queue: bounded, one entry per blob, and a blob asked for while it runs runs again. */
class RecoveryQueueTest {
  private static final BlobId A = BlobId.of(new byte[32]);
  private static final BlobId B = BlobId.of(filled(1));

  private static byte[] filled(int b) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) b);
    return bytes;
  }

  @Test
  void aBlobOfferedWhileItRunsRunsOnceMore() throws InterruptedException {
    RecoveryQueue queue = new RecoveryQueue(4);
    long now = System.nanoTime();
    assertThat(queue.offer(A, now, 1)).isTrue();
    assertThat(queue.take()).isEqualTo(A);
    assertThat(queue.offer(A, now, 1)).isTrue(); // e.g. a sliver of A found lost while A was being synced
    assertThat(queue.offer(A, now, 1)).isTrue();
    assertThat(queue.size()).isEqualTo(1);
    assertThat(queue.finishOrRunAgain(A)).isTrue();
    assertThat(queue.take()).isEqualTo(A);
    assertThat(queue.finishOrRunAgain(A)).isFalse();
    assertThat(queue.size()).isZero();
  }

  @Test
  void aBlobOfferedWhileItWaitsIsHeldOnceAndAFullQueueRefuses() throws InterruptedException {
    RecoveryQueue queue = new RecoveryQueue(1);
    long now = System.nanoTime();
    assertThat(queue.offer(A, now, 1)).isTrue();
    assertThat(queue.offer(A, now, 1)).isTrue();
    assertThat(queue.offer(B, now, 1)).isFalse();
    assertThat(queue.take()).isEqualTo(A);
    assertThat(queue.finishOrRunAgain(A)).isFalse();
    assertThat(queue.offer(B, now, 1)).isTrue();
  }
}
