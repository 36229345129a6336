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
}
