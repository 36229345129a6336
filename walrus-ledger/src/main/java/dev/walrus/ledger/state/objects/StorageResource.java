package dev.walrus.ledger.state.objects;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.Bcs;
import java.util.Optional;

/** {@code Storage}: {@code size} bytes reserved for epochs {@code [startEpoch, endEpoch)}. */
@Bcs.Variant(0)
public record StorageResource(ObjectId id, Address ownerAddress, int startEpoch, int endEpoch, long size)
    implements LedgerObject {

  @Override
  public Optional<Address> owner() {
    return Optional.of(ownerAddress);
  }

  @Override
  public StorageResource withOwner(Address owner) {
    return new StorageResource(id, owner, startEpoch, endEpoch, size);
  }
}
