package dev.walrus.core.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.ExpandedSliver;
import dev.walrus.core.hash.MerkleProof;
import dev.walrus.core.hash.Node;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * §12 test 2: the n = 4 worked example of spec/encoding.md §11. Every (target, challenger) pair
 * of a four-node committee proves its items from its own slivers and the challenger accepts them
 * against the metadata alone; one flipped byte in a cell, a proof or a column fails the item.
 */
class ChallengeProofVectorTest {
  private static final EncodingConfig CONFIG = EncodingConfig.forShards(4);

  @Test
  void everyPairOfTheWorkedExampleProvesItsItems() {
    EncodedBlob blob = new BlobEncoder(CONFIG).encode(new byte[] {0x07, 0x26});
    BlobMetadata metadata = blob.metadata().metadata();
    assertThat(metadata.rootHash().toHex()).isEqualTo("51b72191ce7861bd501bd9fa3679b1077788d4e99a6a2367fd8b92b38ab85032");
    BlobId id = blob.blobId();
    assertThat(id.toString()).isEqualTo("A9ikdBjWtnn9_--8LGS23mvcCv3uG5fU-xjabuqGulE");

    ChallengeItems items = new ChallengeItems(new byte[32], List.of(id), 4, 3);
    ObjectId[] nodes = new ObjectId[4];
    for (int i = 0; i < 4; i++) {
      byte[] b = new byte[32];
      b[0] = (byte) (i + 1);
      nodes[i] = ObjectId.of(b);
    }
    int checked = 0;
    for (int t = 0; t < 4; t++) {
      for (int v = 0; v < 4; v++) {
        if (t == v) {
          continue;
        }
        // One shard each: node i holds shard i.
        for (ItemSpec item : items.items(nodes[t], new int[] {t}, nodes[v], new int[] {v})) {
          ItemProof.Proven proof = prove(blob, item);
          assertThat(ItemCheck.check(item, proof, metadata, CONFIG, Optional.empty())).isEqualTo(ItemOutcome.OK);
          assertTampered(item, proof, metadata);
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(4 * 3 * 3);
  }

  @Test
  void twoShardNodesProveTooAndNeverGetTheirOwnCells() {
    EncodedBlob blob = new BlobEncoder(CONFIG).encode(new byte[] {0x07, 0x26});
    ChallengeItems items = new ChallengeItems(new byte[32], List.of(blob.blobId()), 4, 2);
    ObjectId t = ObjectId.of(new byte[32]);
    byte[] vb = new byte[32];
    vb[0] = 9;
    ObjectId v = ObjectId.of(vb);
    for (ItemSpec item : items.items(t, new int[] {0, 3}, v, new int[] {1, 2})) {
      assertThat(ItemCheck.check(item, prove(blob, item), blob.metadata().metadata(), CONFIG, Optional.empty()))
          .isEqualTo(ItemOutcome.OK);
      int rowV1 = blob.blobId().pairForShard(1, 4);
      int rowV2 = blob.blobId().pairForShard(2, 4);
      assertThat(item.row()).isNotIn(rowV1, rowV2);
      assertThat(item.col()).isNotIn(3 - rowV1, 3 - rowV2);
    }
  }

  @Test
  void otherAnswersCountAsTheSpecSays() {
    EncodedBlob blob = new BlobEncoder(CONFIG).encode(new byte[] {0x07, 0x26});
    BlobMetadata metadata = blob.metadata().metadata();
    ItemSpec item = new ChallengeItems(new byte[32], List.of(blob.blobId()), 4, 1)
        .item(ObjectId.of(new byte[32]), ObjectId.of(HexFormat.of().parseHex("01".repeat(32))), 2, 0, new int[] {0});
    assertThat(ItemCheck.check(item, new ItemProof.Unavailable(item.blobId(), 2, 0), metadata, CONFIG, Optional.empty()))
        .isEqualTo(ItemOutcome.FAILED);
    ItemProof.Excused excused = new ItemProof.Excused(item.blobId(), 2, 0, 0, 1, new MerkleProof(List.of()));
    assertThat(ItemCheck.check(item, excused, metadata, CONFIG, Optional.empty())).isEqualTo(ItemOutcome.FAILED);
    Node denyRoot = Node.digest(dev.walrus.core.hash.MerkleTree.leafHash(item.blobId().bytes()));
    assertThat(ItemCheck.check(item, excused, metadata, CONFIG, Optional.of(denyRoot))).isEqualTo(ItemOutcome.EXCUSED);
    // An answer for another item (wrong j) fails even if its cells are genuine.
    ItemSpec other = new ItemSpec(item.shard(), 1, item.blobId(), item.pair(), item.col(), item.row());
    assertThat(ItemCheck.check(other, prove(blob, item), metadata, CONFIG, Optional.empty())).isEqualTo(ItemOutcome.FAILED);
  }

  static ItemProof.Proven prove(EncodedBlob blob, ItemSpec item) {
    ExpandedSliver primary = ExpandedSliver.of(CONFIG, blob.primarySliver(item.pair()));
    ExpandedSliver secondary = ExpandedSliver.of(CONFIG, blob.secondarySliver(CONFIG.nShards() - 1 - item.pair()));
    return ItemProof.Proven.of(item, primary, secondary);
  }

  private static void assertTampered(ItemSpec item, ItemProof.Proven p, BlobMetadata metadata) {
    List<ItemProof> bad = new ArrayList<>();
    byte[] a = p.symA();
    a[0] ^= 1;
    bad.add(new ItemProof.Proven(p.blobId(), p.shard(), p.j(), p.col(), p.row(), a, p.proofA(), p.symB(), p.proofB()));
    byte[] b = p.symB();
    b[1] ^= 0x40;
    bad.add(new ItemProof.Proven(p.blobId(), p.shard(), p.j(), p.col(), p.row(), p.symA(), p.proofA(), b, p.proofB()));
    bad.add(new ItemProof.Proven(p.blobId(), p.shard(), p.j(), p.col(), p.row(), p.symA(), flip(p.proofA()), p.symB(),
        p.proofB()));
    bad.add(new ItemProof.Proven(p.blobId(), p.shard(), p.j(), p.col(), p.row(), p.symA(), p.proofA(), p.symB(),
        flip(p.proofB())));
    bad.add(new ItemProof.Proven(p.blobId(), p.shard(), p.j(), (p.col() + 1) % 4, p.row(), p.symA(), p.proofA(),
        p.symB(), p.proofB()));
    bad.add(new ItemProof.Proven(p.blobId(), p.shard(), p.j(), p.col(), p.row(), new byte[4], p.proofA(), p.symB(),
        p.proofB()));
    for (ItemProof proof : bad) {
      assertThat(ItemCheck.check(item, proof, metadata, CONFIG, Optional.empty())).isEqualTo(ItemOutcome.FAILED);
    }
  }

  private static MerkleProof flip(MerkleProof proof) {
    List<Node> path = new ArrayList<>(proof.path());
    byte[] first = path.getFirst().bytes();
    first[5] ^= 1;
    path.set(0, Node.digest(first));
    return new MerkleProof(path);
  }
}
