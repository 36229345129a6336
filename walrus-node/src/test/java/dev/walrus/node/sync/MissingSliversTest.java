package dev.walrus.node.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MissingSliversTest {
  static final SliverType P = SliverType.PRIMARY;
  static final SliverType S = SliverType.SECONDARY;

  static BlobId blob(int i) {
    byte[] b = new byte[32];
    b[0] = (byte) i;
    return BlobId.of(b);
  }

  static int[] keys(int... shardAxis) {
    int[] out = new int[shardAxis.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = MissingSlivers.key(shardAxis[2 * i], shardAxis[2 * i + 1] == 0 ? P : S);
    }
    return out;
  }

  @Test
  void countsFollowEachBlobsLatestStateExactly() {
    MissingSlivers m = new MissingSlivers(10);
    m.set(blob(1), keys(3, 0, 3, 1, 5, 0));
    m.set(blob(2), keys(3, 0));
    assertThat(m.perShard()).isEqualTo(Map.of(3, 3, 5, 1));
    // An attempt rebuilt blob 1's shard-3 slivers; a second record of the same state changes nothing.
    m.set(blob(1), keys(5, 0));
    m.set(blob(1), keys(5, 0));
    assertThat(m.perShard()).isEqualTo(Map.of(3, 1, 5, 1));
    assertThat(m.repaired()).isEqualTo(2);
    // A new loss of an already tracked blob adds to it.
    m.set(blob(2), keys(3, 0, 3, 1));
    assertThat(m.perShard()).isEqualTo(Map.of(3, 2, 5, 1));
    m.set(blob(1), new int[0]);
    m.forget(blob(2)); // deleted blob: gone, not repaired
    assertThat(m.perShard()).isEmpty();
    assertThat(m.repaired()).isEqualTo(3);
    assertThat(m.blobs()).isZero();
  }

  @Test
  void aFilterCountsOnlyTheBlobsItKeeps() {
    MissingSlivers m = new MissingSlivers(10);
    m.set(blob(1), keys(3, 0));
    m.set(blob(2), keys(3, 1, 4, 0));
    assertThat(m.perShard(id -> id.equals(blob(2)))).isEqualTo(Map.of(3, 1, 4, 1));
    assertThat(m.perShard(id -> false)).isEmpty();
  }

  @Test
  void beyondCapacityTheShardIsMarkedUntilTheWorkListDrains() {
    MissingSlivers m = new MissingSlivers(1);
    m.set(blob(1), keys(3, 0));
    m.set(blob(2), keys(7, 0));
    assertThat(m.blobs()).isEqualTo(1);
    assertThat(m.perShard()).isEqualTo(Map.of(3, 1));
    assertThat(m.uncountedShards()).isEqualTo(Set.of(7));
    // A tracked blob still updates; the mark survives the tracked blobs' recovery.
    m.set(blob(1), new int[0]);
    assertThat(m.uncountedShards()).isEqualTo(Set.of(7));
    m.workListDrained();
    assertThat(m.uncountedShards()).isEmpty();
  }
}
