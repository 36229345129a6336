package dev.walrus.core.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** §12 test 1: items lie where they must, and {@code nthNotIn} enumerates exactly the complement. */
class ChallengeItemsPropertyTest {

  @Test
  void cellsLieInTheTargetsRowAndColumnAndOutsideTheChallengers() {
    qt().withExamples(150).forAll(integers().between(4, 400), integers().between(1, 12), longs().all())
        .checkAssert((n, setSize, seedValue) -> {
          Random random = new Random(seedValue);
          byte[] seed = bytes(random, 32);
          List<BlobId> set = randomSet(random, setSize);
          int tau = 1 + random.nextInt(8);
          ChallengeItems items = new ChallengeItems(seed, set, n, tau);
          // Shards dealt to two distinct nodes; the challenger holds fewer than all.
          List<Integer> all = new ArrayList<>();
          for (int s = 0; s < n; s++) {
            all.add(s);
          }
          java.util.Collections.shuffle(all, random);
          int wt = 1 + random.nextInt(Math.max(1, n / 3));
          int wv = 1 + random.nextInt(Math.max(1, n - wt - 1));
          int[] targetShards = all.subList(0, wt).stream().mapToInt(Integer::intValue).sorted().toArray();
          int[] challengerShards = all.subList(wt, wt + wv).stream().mapToInt(Integer::intValue).toArray();
          ObjectId t = ObjectId.of(bytes(random, 32));
          ObjectId v = ObjectId.of(bytes(random, 32));

          List<ItemSpec> list = items.items(t, targetShards, v, challengerShards);
          assertThat(list).hasSize(tau * wt);
          for (int i = 0; i < list.size(); i++) {
            ItemSpec item = list.get(i);
            assertThat(items.item(t, targetShards, v, challengerShards, i)).isEqualTo(item);
            assertThat(set).contains(item.blobId());
            assertThat(item.pair()).isEqualTo(item.blobId().pairForShard(item.shard(), n));
            Set<Integer> rowsV = new HashSet<>();
            Set<Integer> colsV = new HashSet<>();
            for (int x : challengerShards) {
              rowsV.add(item.blobId().pairForShard(x, n));
              colsV.add(n - 1 - item.blobId().pairForShard(x, n));
            }
            assertThat(item.col()).isBetween(0, n - 1).isNotIn(colsV);
            assertThat(item.row()).isBetween(0, n - 1).isNotIn(rowsV);
            // A = X[pair][col] is in the target's row; B = X[row][N-1-pair] in its column.
            assertThat(item.shard()).isEqualTo(targetShards[i / tau]);
            assertThat(item.j()).isEqualTo(i % tau);
          }
          // The derivation ignores the order in which the challenger's shards are listed.
          int[] reversed = challengerShards.clone();
          for (int a = 0, b = reversed.length - 1; a < b; a++, b--) {
            int x = reversed[a];
            reversed[a] = reversed[b];
            reversed[b] = x;
          }
          assertThat(items.items(t, targetShards, v, reversed)).isEqualTo(list);
        });
  }

  @Test
  void nthNotInIsABijectionOntoTheComplement() {
    qt().withExamples(500).forAll(integers().between(1, 300), longs().all()).checkAssert((n, seedValue) -> {
      Random random = new Random(seedValue);
      TreeSet<Integer> excluded = new TreeSet<>();
      int size = random.nextInt(n);
      while (excluded.size() < size) {
        excluded.add(random.nextInt(n));
      }
      int[] e = excluded.stream().mapToInt(Integer::intValue).toArray();
      List<Integer> image = new ArrayList<>();
      for (int u = 0; u < n - e.length; u++) {
        image.add(ChallengeItems.nthNotIn(u, e));
      }
      List<Integer> complement = new ArrayList<>();
      for (int x = 0; x < n; x++) {
        if (!excluded.contains(x)) {
          complement.add(x);
        }
      }
      assertThat(image).isEqualTo(complement);
    });
  }

  @Test
  void aChallengerHoldingEveryShardIsRefused() {
    ChallengeItems items = new ChallengeItems(new byte[32], List.of(BlobId.of(new byte[32])), 4, 1);
    ObjectId id = ObjectId.of(new byte[32]);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> items.item(id, id, 0, 0, new int[] {0, 1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static byte[] bytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  static List<BlobId> randomSet(Random random, int size) {
    TreeSet<BlobId> ids = new TreeSet<>();
    while (ids.size() < size) {
      ids.add(BlobId.of(bytes(random, 32)));
    }
    return new ArrayList<>(ids);
  }

  static int[] sorted(int... values) {
    int[] c = values.clone();
    Arrays.sort(c);
    return c;
  }
}
