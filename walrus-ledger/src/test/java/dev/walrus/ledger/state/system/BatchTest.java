package dev.walrus.ledger.state.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsRecords;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.ObjectIds;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.SystemHarness;
import dev.walrus.ledger.state.TestCommittee;
import dev.walrus.ledger.state.objects.BlobObject;
import dev.walrus.ledger.state.objects.StorageResource;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several operations in one transaction ({@link Operation.Batch}): reserve and register a blob
 * at once, as Walrus's clients do in one programmable transaction; all or nothing; objects
 * created earlier in the batch named by {@link ObjectIds#batchResult}.
 */
class BatchTest {
  static final long SIZE = 1000;

  final SystemHarness h = new SystemHarness();
  BlobFixture f;

  @BeforeEach
  void enterEpochOne() {
    TestCommittee c = TestCommittee.uniform(1, 3, 10, 100);
    h.advanceEpoch(c.committee, 10L << 30);
    f = new BlobFixture(h, c);
  }

  @Test
  void reserveAndRegisterInOneTransactionCostsWhatTwoDo() {
    long encoded = h.system.encodedSize(SIZE);
    long before = h.balance(h.alice);
    TransactionEffects e = h.ok(h.alice, Operation.Batch.of(new Operation.ReserveSpace(encoded, 3),
        BlobFixture.registerOp(ObjectIds.batchResult(0), 1, SIZE, false)));
    long batched = before - h.balance(h.alice);

    BlobObject blob = h.created(e, BlobObject.class);
    assertThat(blob.storage().id()).isEqualTo(e.created().get(0));
    assertThat(blob.storage().size()).isEqualTo(encoded);
    assertThat(SystemHarness.events(e)).hasAtLeastOneElementOfType(LedgerEvent.BlobRegistered.class);
    assertThat(h.exists(e.created().get(0))).as("the storage is wrapped in the blob").isFalse();

    long before2 = h.balance(h.bob);
    f.register(h.bob, 2, SIZE, 3, false);
    assertThat(batched).isEqualTo(before2 - h.balance(h.bob));
  }

  @Test
  void anAbortLaterInTheBatchUndoesTheEarlierOperationsAndNamesTheOneThatFailed() {
    long tooSmall = h.system.encodedSize(SIZE) - 1;
    TransactionEffects e = h.aborts(h.alice, Operation.Batch.of(new Operation.ReserveSpace(tooSmall, 3),
        BlobFixture.registerOp(ObjectIds.batchResult(0), 1, SIZE, false)), AbortCodes.BLOB, AbortCodes.BLOB_RESOURCE_SIZE);
    assertThat(e.abort().message()).startsWith("operation 1 of the batch (RegisterBlob): ");
    assertThat(e.created()).isEmpty();
  }

  @Test
  void aResultNotYetCreatedAborts() {
    long encoded = h.system.encodedSize(SIZE);
    TransactionEffects e = h.aborts(h.alice, Operation.Batch.of(
        BlobFixture.registerOp(ObjectIds.batchResult(0), 1, SIZE, false), new Operation.ReserveSpace(encoded, 3)),
        "batch", 0);
    assertThat(e.abort().message()).contains("batch result 0");
  }

  @Test
  void certificatesInABatchAreCheckedLikeSingleOnes() {
    BlobObject one = f.register(h.alice, 1, SIZE, 3, false);
    BlobObject two = f.register(h.alice, 2, SIZE, 3, false);
    h.ok(h.alice, Operation.Batch.of(f.certifyOp(one, f.confirmation(one), 7), f.certifyOp(two, f.confirmation(two), 7)));
    assertThat(h.object(one.id(), BlobObject.class).certifiedEpoch()).contains(1);
    assertThat(h.object(two.id(), BlobObject.class).certifiedEpoch()).contains(1);
    assertThat(CertificateVerifier.certificatesOf(Operation.Batch.of(f.certifyOp(one, f.confirmation(one), 7),
        new Operation.UpdatePrices(), f.certifyOp(two, f.confirmation(two), 7)))).hasSize(2);

    BlobObject three = f.register(h.alice, 3, SIZE, 3, false);
    // The second certificate is below quorum (6 of 10 members): the first is undone with it.
    h.aborts(h.alice, Operation.Batch.of(f.certifyOp(three, f.confirmation(three), 7),
        f.certifyOp(one, f.confirmation(one), 6)), AbortCodes.BLS, AbortCodes.BLS_NOT_ENOUGH_STAKE);
    assertThat(h.object(three.id(), BlobObject.class).certifiedEpoch()).isEmpty();
  }

  @Test
  void batchesAreBoundedNotNestedAndNotEmpty() {
    assertThatThrownBy(() -> new Operation.Batch(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Operation.Batch.of(Operation.Batch.of(new Operation.UpdatePrices())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch");
    List<Operation> many = Collections.nCopies(Operation.Batch.MAX_OPERATIONS + 1, new Operation.UpdatePrices());
    assertThatThrownBy(() -> new Operation.Batch(many)).isInstanceOf(IllegalArgumentException.class);

    Operation.Batch ok = new Operation.Batch(many.subList(0, Operation.Batch.MAX_OPERATIONS));
    assertThat(BcsRecords.decode(Operation.class, BcsRecords.encode(Operation.class, ok))).isEqualTo(ok);

    // A batch inside a batch on the wire is refused when decoded, however deep.
    for (int depth : new int[] {2, 100_000}) {
      BcsWriter w = new BcsWriter();
      for (int i = 0; i < depth; i++) {
        w.variant(80).uleb128(1);
      }
      w.variant(55);
      byte[] nested = w.toByteArray();
      assertThatThrownBy(() -> BcsRecords.decode(Operation.class, nested)).isInstanceOf(BcsException.class);
    }
  }

  @Test
  void storageSplitThenRegisteredInOneTransaction() {
    StorageResource big = f.reserveFor(h.alice, 4 * SIZE, 3);
    long encoded = h.system.encodedSize(SIZE);
    TransactionEffects e = h.ok(h.alice, Operation.Batch.of(new Operation.SplitStorageBySize(big.id(), encoded),
        BlobFixture.registerOp(big.id(), 1, SIZE, false)));
    assertThat(h.created(e, BlobObject.class).storage().size()).isEqualTo(encoded);
  }
}
