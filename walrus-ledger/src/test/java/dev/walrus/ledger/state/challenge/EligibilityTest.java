package dev.walrus.ledger.state.challenge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.ledger.api.ChallengeConfig;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.objects.BlobObject;
import org.junit.jupiter.api.Test;

/** §12 test 4: which blobs an epoch may challenge. */
class EligibilityTest {

  @Test
  void eligibilityEdges() {
    ChallengeNetwork n = new ChallengeNetwork(16, ChallengeConfig.testNet(), 1000, 1000, 1000, 1000);
    BlobObject shortLived = n.storeBlob(100, 2, false);
    BlobObject permanent = n.storeBlob(100, 4, false);
    BlobObject deletable = n.storeBlob(100, 4, true);
    // Certified in epoch 1: not eligible in epoch 1.
    assertThat(n.rules().eligibleCount(1)).isZero();
    n.nextEpoch();
    // Epoch 2: ends 3 > 2 for the short one, all certified in 1 ≤ 1.
    assertThat(n.rules().eligibleCount(2)).isEqualTo(3);
    BlobObject late = n.storeBlob(100, 4, false);
    assertThat(n.rules().eligibleCount(2)).as("certified in the epoch itself").isEqualTo(3);
    n.ok(n.client, new Operation.DeleteBlob(deletable.id()));
    n.ok(n.client, new Operation.BurnBlob(permanent.id()));
    assertThat(n.rules().eligibleCount(2)).as("deleted: gone; burned: still stored, still eligible").isEqualTo(2);
    n.nextEpoch();
    // Epoch 3: the short-lived blob ends at 3 (dropped at the change), the late one joins.
    assertThat(n.rules().eligibleCount(3)).isEqualTo(2);
    n.ok(n.client, new Operation.ExtendBlob(late.id(), 3));
    n.nextEpoch();
    n.nextEpoch();
    // Epoch 5: the burned one ended at 5; the extended one lives to 8.
    assertThat(n.rules().eligibleCount(5)).isEqualTo(1);
    assertThat(shortLived.endEpoch()).isEqualTo(3);
  }

  @Test
  void anInvalidatedBlobIsNeverChallenged() {
    ChallengeNetwork n = new ChallengeNetwork(16, ChallengeConfig.testNet(), 1000, 1000, 1000, 1000);
    BlobObject blob = n.storeBlob(100, 4, false);
    n.nextEpoch();
    assertThat(n.rules().eligibleCount(2)).isEqualTo(1);
    n.invalidate(blob.blobId());
    assertThat(n.rules().eligibleCount(2)).isZero();
  }
}
