package dev.walrus.ledger.state.system;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.state.Checked;
import dev.walrus.ledger.state.TxContext;
import dev.walrus.ledger.state.objects.BlobObject;
import dev.walrus.ledger.state.objects.ObjectStore;
import dev.walrus.ledger.state.objects.SharedBlobObject;

/**
 * Shared blobs (ledger.md §2.9): a Blob wrapped into a shared object with a WAL fund that anyone
 * may top up and spend on extending the blob, so a community can keep a blob alive. The wrapped
 * blob keeps its object ID (events name it); the index points at the shared object instead.
 */
final class SharedBlobRules {
  private final SystemTables t;
  private final BlobRules blobs;

  SharedBlobRules(SystemTables tables, BlobRules blobs) {
    this.t = tables;
    this.blobs = blobs;
  }

  /**
   * {@code shared_blob::new_funded} ({@code new} with {@code funds = 0}): the owned blob is
   * wrapped; the coin is taken first, as Sui splits it off before the call.
   */
  SharedBlobObject share(TxContext ctx, ObjectId blobObject, long funds) {
    BlobObject blob = objects().requireOwned(ctx, blobObject, BlobObject.class);
    t.account(ctx.sender()).pay(funds);
    SharedBlobObject shared = new SharedBlobObject(ctx.newObjectId(), blob, funds);
    objects().delete(ctx, blob.id());
    objects().put(shared);
    t.blobIndex.remove(blob.blobId(), blob.id());
    t.blobIndex.add(blob.blobId(), shared.id(), BlobHolding.SHARED);
    t.addSharedFunds(funds);
    return shared;
  }

  /** {@code shared_blob::fund}: anyone adds {@code amount} FROST to the fund. */
  void fund(TxContext ctx, ObjectId sharedBlob, long amount) {
    SharedBlobObject shared = objects().require(sharedBlob, SharedBlobObject.class);
    t.account(ctx.sender()).pay(amount);
    objects().put(new SharedBlobObject(shared.id(), shared.blob(), Checked.add(shared.funds(), amount)));
    t.addSharedFunds(amount);
  }

  /**
   * {@code shared_blob::extend}: anyone; the whole fund is the payment coin of {@code
   * extend_blob} and the change goes back into it (aborts if the fund is short).
   */
  void extend(TxContext ctx, ObjectId sharedBlob, int epochs) {
    SharedBlobObject shared = objects().require(sharedBlob, SharedBlobObject.class);
    FundsPayer fund = new FundsPayer(shared.funds());
    BlobObject extended = blobs.extend(ctx, shared.blob(), epochs, fund);
    objects().put(new SharedBlobObject(shared.id(), extended, fund.remaining()));
    t.addSharedFunds(fund.remaining() - shared.funds());
  }

  private ObjectStore objects() {
    return t.ledger.objects();
  }
}
