package dev.walrus.ledger.state.objects;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.Bcs;
import java.util.Optional;

/** {@code StorageNodeCap}: the key to operate node {@code nodeId}; transferable. */
@Bcs.Variant(4)
public record StorageNodeCap(ObjectId id, Address ownerAddress, ObjectId nodeId, int lastEpochSyncDone)
    implements LedgerObject {

  @Override
  public Optional<Address> owner() {
    return Optional.of(ownerAddress);
  }

  @Override
  public StorageNodeCap withOwner(Address owner) {
    return new StorageNodeCap(id, owner, nodeId, lastEpochSyncDone);
  }
}
