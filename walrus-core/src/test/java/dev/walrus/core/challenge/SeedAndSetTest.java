package dev.walrus.core.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPrivateKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeedAndSetTest {
  private static final byte[] ROOT = new byte[32];

  @Test
  void prfFollowsTheSpecLayout() {
    // prf(tag, parts) = H(u8 len(tag) ‖ tag ‖ parts); u64at reads little-endian.
    byte[] expected = dev.walrus.core.hash.Blake2b256.digest(new byte[] {3}, "abc".getBytes(), new byte[] {1, 2});
    assertThat(ChallengePrf.prf("abc", new byte[] {1, 2})).isEqualTo(expected);
    byte[] h = new byte[32];
    h[8] = 1;
    h[15] = (byte) 0x80;
    assertThat(ChallengePrf.u64At(h, 1)).isEqualTo(0x8000_0000_0000_0001L);
    assertThat(ChallengePrf.pick(-1L, 10)).isEqualTo((int) Long.remainderUnsigned(-1L, 10));
  }

  @Test
  void seedDependsOnEveryAckAndItsPositionButIsDeterministic() {
    List<BeaconAck> acks = acks(4);
    byte[] a = ChallengeSeed.compute(7, ROOT, acks);
    assertThat(ChallengeSeed.compute(7, ROOT, acks)).isEqualTo(a);
    assertThat(ChallengeSeed.compute(8, ROOT, acks)).isNotEqualTo(a);
    assertThat(ChallengeSeed.compute(7, ROOT, acks.subList(0, 3))).isNotEqualTo(a);
    byte[] otherRoot = ROOT.clone();
    otherRoot[0] = 1;
    assertThat(ChallengeSeed.compute(7, otherRoot, acks)).isNotEqualTo(a);
    List<BeaconAck> unsorted = new ArrayList<>(acks);
    java.util.Collections.swap(unsorted, 0, 1);
    assertThatThrownBy(() -> ChallengeSeed.compute(7, ROOT, unsorted)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSetIsDistinctSortedAndAtMostK() {
    Random random = new Random(1);
    List<BlobId> eligible = ChallengeItemsPropertyTest.randomSet(random, 100);
    byte[] seed = ChallengeItemsPropertyTest.bytes(random, 32);
    List<BlobId> set = ChallengeSet.select(seed, eligible, 16);
    assertThat(set).hasSize(16).isSorted().doesNotHaveDuplicates();
    assertThat(eligible).containsAll(set);
    assertThat(ChallengeSet.select(seed, eligible, 16)).isEqualTo(set);
    assertThat(ChallengeSet.select(seed, eligible, 1000)).isEqualTo(eligible);
    assertThat(ChallengeSet.select(seed, eligible, 0)).isEmpty();
    assertThat(ChallengeSet.select(seed, List.of(), 5)).isEmpty();
    byte[] other = seed.clone();
    other[0] ^= 1;
    assertThat(ChallengeSet.select(other, eligible, 16)).isNotEqualTo(set);
  }

  @Test
  void setDigestCoversCountAndIds() {
    BlobId a = BlobId.of(new byte[32]);
    byte[] one = new byte[32];
    one[31] = 1;
    BlobId b = BlobId.of(one);
    byte[] d = ChallengeSet.digest(List.of(a, b));
    assertThat(d).hasSize(32);
    assertThat(ChallengeSet.digest(List.of(a))).isNotEqualTo(d);
    assertThat(ChallengeSet.digest(List.of(a, b))).isEqualTo(d);
    assertThat(HexFormat.of().formatHex(ChallengeSet.digest(List.of())))
        .isEqualTo(HexFormat.of().formatHex(dev.walrus.core.hash.Blake2b256.digest("wj/chal/set".getBytes(), new byte[4])));
  }

  static List<BeaconAck> acks(int n) {
    List<BeaconAck> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] id = new byte[32];
      id[31] = (byte) i;
      ObjectId node = ObjectId.of(id);
      BlsKeyPair key = BlsKeyPair.of(BlsPrivateKey.fromSeed(("node-" + i + "-seed-material-of-32-bytes!!!").getBytes()));
      out.add(new BeaconAck(node, key.sign(new BeaconMessage(7, node).toBcs())));
    }
    return out;
  }
}
