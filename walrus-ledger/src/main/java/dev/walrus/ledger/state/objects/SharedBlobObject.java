package dev.walrus.ledger.state.objects;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.Bcs;
import java.util.Optional;

/** {@code SharedBlob}: a blob anyone may fund and extend; {@code funds} in FROST. Shared, no owner. */
@Bcs.Variant(2)
public record SharedBlobObject(ObjectId id, BlobObject blob, long funds) implements LedgerObject {

  @Override
  public Optional<Address> owner() {
    return Optional.empty();
  }

  @Override
  public SharedBlobObject withOwner(Address owner) {
    throw new UnsupportedOperationException("a shared blob has no owner");
  }
}
