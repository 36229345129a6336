package dev.walrus.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlsBatchTest {
  private static List<BlsBatch.Item> validItems(int n) {
    List<BlsBatch.Item> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BlsKeyPair k = BlsTest.key(100 + i);
      byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
      items.add(new BlsBatch.Item(k.publicKey(), message, k.sign(message)));
    }
    return items;
  }

  @Test
  void acceptsValidSignaturesOnDistinctMessagesAndKeys() {
    assertThat(BlsBatch.verifyAll(List.of())).isTrue();
    assertThat(BlsBatch.verifyAll(validItems(1))).isTrue();
    assertThat(BlsBatch.verifyAll(validItems(7))).isTrue();
  }

  @Test
  void acceptsAggregateSignaturesUnderAggregateKeys() {
    byte[] message = "certificate".getBytes(StandardCharsets.UTF_8);
    List<BlsKeyPair> signers = List.of(BlsTest.key(1), BlsTest.key(2), BlsTest.key(3));
    BlsPublicKey key = BlsPublicKey.aggregate(signers.stream().map(BlsKeyPair::publicKey).toList());
    BlsSignature aggregate = BlsSignature.aggregate(signers.stream().map(s -> s.sign(message)).toList());
    List<BlsBatch.Item> items = new ArrayList<>(validItems(3));
    items.add(new BlsBatch.Item(key, message, aggregate));
    assertThat(BlsBatch.verifyAll(items)).isTrue();
  }

  @Test
  void rejectsABatchWithOneWrongSignatureWhereverItIs() {
    for (int bad = 0; bad < 5; bad++) {
      List<BlsBatch.Item> items = new ArrayList<>(validItems(5));
      BlsBatch.Item original = items.get(bad);
      // A valid signature of another message, and the right signature under another key.
      items.set(bad, new BlsBatch.Item(original.key(), original.message(), items.get((bad + 1) % 5).signature()));
      assertThat(BlsBatch.verifyAll(items)).as("wrong signature at %d", bad).isFalse();
      items.set(bad, new BlsBatch.Item(BlsTest.key(999).publicKey(), original.message(), original.signature()));
      assertThat(BlsBatch.verifyAll(items)).as("wrong key at %d", bad).isFalse();
    }
  }

  @Test
  void rejectsSwappedSignaturesThatCancelInAnUnweightedSum() {
    // σ₀ and σ₁ exchanged: Σσ is unchanged, so only the random weights expose the swap.
    List<BlsBatch.Item> items = new ArrayList<>(validItems(2));
    BlsBatch.Item a = items.get(0);
    BlsBatch.Item b = items.get(1);
    items.set(0, new BlsBatch.Item(a.key(), a.message(), b.signature()));
    items.set(1, new BlsBatch.Item(b.key(), b.message(), a.signature()));
    assertThat(BlsBatch.verifyAll(items)).isFalse();
  }

  /** Certificates of one committee: many messages under the same (aggregate) key. */
  private static List<BlsBatch.Item> sameKey(BlsKeyPair k, int n, String prefix) {
    List<BlsBatch.Item> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] message = (prefix + i).getBytes(StandardCharsets.UTF_8);
      items.add(new BlsBatch.Item(k.publicKey(), message, k.sign(message)));
    }
    return items;
  }

  @Test
  void signaturesUnderASharedKeyAreCheckedTogetherAndStillEachCounts() {
    List<BlsBatch.Item> items = new ArrayList<>(sameKey(BlsTest.key(40), 6, "blob "));
    items.addAll(validItems(2));
    items.addAll(sameKey(BlsTest.key(41), 3, "other "));
    assertThat(BlsBatch.verifyAll(items)).isTrue();
    for (int bad : new int[] {0, 5, 6, 9}) {
      List<BlsBatch.Item> broken = new ArrayList<>(items);
      BlsBatch.Item original = broken.get(bad);
      broken.set(bad, new BlsBatch.Item(original.key(), "forged".getBytes(StandardCharsets.UTF_8), original.signature()));
      assertThat(BlsBatch.verifyAll(broken)).as("wrong message at %d", bad).isFalse();
    }
  }

  @Test
  void rejectsSwappedSignaturesUnderOneKey() {
    // With one key, Σσ over Σ H(m) would verify a swap; the weights must not.
    List<BlsBatch.Item> items = new ArrayList<>(sameKey(BlsTest.key(42), 3, "m"));
    BlsBatch.Item a = items.get(0);
    BlsBatch.Item b = items.get(1);
    items.set(0, new BlsBatch.Item(a.key(), a.message(), b.signature()));
    items.set(1, new BlsBatch.Item(b.key(), b.message(), a.signature()));
    assertThat(BlsBatch.verifyAll(items)).isFalse();
  }

  @Test
  void rejectsASignatureOutsideG2() {
    List<BlsBatch.Item> items = new ArrayList<>(sameKey(BlsTest.key(43), 3, "g2 "));
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    BlsSignature outside = null;
    while (outside == null) {
      byte[] g2 = new byte[96];
      random.nextBytes(g2);
      g2[0] = (byte) ((g2[0] & 0x1F) | 0x80);
      try {
        outside = BlsSignature.fromBytes(g2);
      } catch (CryptoException offCurve) {
        // another
      }
    }
    items.set(1, new BlsBatch.Item(items.get(1).key(), items.get(1).message(), outside));
    assertThat(BlsBatch.verifyAll(items)).isFalse();
  }
}
