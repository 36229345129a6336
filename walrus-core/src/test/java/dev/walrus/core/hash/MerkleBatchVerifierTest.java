package dev.walrus.core.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The batch verifier gives exactly the verdicts of one-at-a-time verification. */
class MerkleBatchVerifierTest {

  @Test
  void agreesWithSingleVerificationOnHonestAndDishonestProofs() {
    Random random = new Random(17);
    for (int leafCount : new int[] {1, 2, 3, 7, 8, 13, 100, 1000}) {
      int len = 1 + random.nextInt(40);
      byte[] data = new byte[leafCount * len];
      random.nextBytes(data);
      MerkleTree tree = MerkleTree.ofLeaves(data, 0, len, leafCount, len);
      List<MerkleProof> proofs = new ArrayList<>();
      List<byte[]> leaves = new ArrayList<>();
      List<Node> roots = new ArrayList<>();
      int trials = Math.min(leafCount * 2, 60);
      int[] indices = new int[trials];
      for (int t = 0; t < trials; t++) {
        int i = random.nextInt(leafCount);
        byte[] leaf = java.util.Arrays.copyOfRange(data, i * len, (i + 1) * len);
        MerkleProof proof = tree.proof(i);
        Node root = tree.root();
        int index = i;
        switch (random.nextInt(6)) {
          case 0 -> leaf[random.nextInt(len)] ^= 1; // tampered leaf
          case 1 -> index = (i + 1) % Math.max(2, leafCount); // wrong position
          case 2 -> root = Node.digest(new byte[32]); // wrong root
          case 3 -> proof = proof.path().isEmpty() ? proof : new MerkleProof(proof.path().subList(1, proof.path().size()));
          default -> { } // honest
        }
        proofs.add(proof);
        leaves.add(leaf);
        roots.add(root);
        indices[t] = index;
      }
      boolean[] batch = MerkleBatchVerifier.verifyAll(proofs, leaves, indices, leafCount, roots);
      for (int t = 0; t < trials; t++) {
        assertThat(batch[t]).as("leafCount %d trial %d", leafCount, t)
            .isEqualTo(proofs.get(t).verifies(roots.get(t), leaves.get(t), indices[t], leafCount));
      }
    }
  }
}
