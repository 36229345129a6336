package dev.walrus.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.LedgerEvent;
import org.junit.jupiter.api.Test;

/** Blobs stored, counted from events: certification, extension, deletion, expiry and the tracking bound. */
class BlobTallyTest {
  private static final BlobId BLOB = BlobId.of(new byte[32]);

  @Test
  void aBlobCountsFromCertificationUntilItsEndEpoch() {
    BlobTally t = new BlobTally(10);
    t.accept(new LedgerEvent.BlobRegistered(1, BLOB, 100, 1, 3, false, id(1)));
    assertThat(t.figures().blobs()).isZero();
    t.accept(new LedgerEvent.BlobCertified(1, BLOB, 3, false, id(1), false));
    assertThat(t.figures()).isEqualTo(new BlobTally.Figures(1, 100, 1, true));
    t.accept(new LedgerEvent.BlobCertified(1, BLOB, 5, false, id(1), true));
    t.accept(new LedgerEvent.EpochChangeStart(3));
    assertThat(t.figures().blobs()).as("extended to epoch 5").isEqualTo(1);
    t.accept(new LedgerEvent.EpochChangeStart(5));
    assertThat(t.figures()).isEqualTo(new BlobTally.Figures(0, 0, 1, true));
  }

  @Test
  void deletedBlobsAndUncertifiedOnesDoNotCount() {
    BlobTally t = new BlobTally(10);
    t.accept(new LedgerEvent.BlobRegistered(1, BLOB, 100, 1, 9, true, id(1)));
    t.accept(new LedgerEvent.BlobRegistered(1, BLOB, 50, 1, 9, true, id(2)));
    t.accept(new LedgerEvent.BlobCertified(1, BLOB, 9, true, id(1), false));
    t.accept(new LedgerEvent.BlobCertified(1, BLOB, 9, true, id(2), false));
    t.accept(new LedgerEvent.BlobDeleted(2, BLOB, 9, id(1), true));
    assertThat(t.figures()).isEqualTo(new BlobTally.Figures(1, 50, 2, true));
    t.accept(new LedgerEvent.BlobDeleted(2, BLOB, 9, id(2), true));
    t.accept(new LedgerEvent.BlobRegistered(2, BLOB, 70, 1, 9, true, id(3)));
    t.accept(new LedgerEvent.BlobDeleted(2, BLOB, 9, id(3), false));
    assertThat(t.figures()).isEqualTo(new BlobTally.Figures(0, 0, 2, true));
  }

  @Test
  void pastTheBoundTheFiguresSayTheyAreALowerBound() {
    BlobTally t = new BlobTally(1);
    t.accept(new LedgerEvent.BlobRegistered(1, BLOB, 100, 1, 9, false, id(1)));
    t.accept(new LedgerEvent.BlobRegistered(1, BLOB, 100, 1, 9, false, id(2)));
    t.accept(new LedgerEvent.BlobCertified(1, BLOB, 9, false, id(1), false));
    t.accept(new LedgerEvent.BlobCertified(1, BLOB, 9, false, id(2), false));
    assertThat(t.figures()).isEqualTo(new BlobTally.Figures(1, 100, 2, false));
  }

  private static ObjectId id(int n) {
    byte[] b = new byte[32];
    b[31] = (byte) n;
    return ObjectId.of(b);
  }
}
