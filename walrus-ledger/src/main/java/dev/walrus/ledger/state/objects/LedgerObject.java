package dev.walrus.ledger.state.objects;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import java.util.Optional;

/**
 * An object of the ledger: the counterparts of Walrus's Sui objects. Every object has an ID and,
 * unless shared, an owner who may use it in transactions and give it away. Objects are immutable
 * records; a change stores a new record under the same ID.
 */
public sealed interface LedgerObject
    permits StorageResource, BlobObject, SharedBlobObject, StakedWal, StorageNodeCap, Site {

  ObjectId id();

  /** The owner, or empty for a shared object anyone may use under its rules. */
  Optional<Address> owner();

  /** This object with another owner (only for owned objects). */
  LedgerObject withOwner(Address owner);
}
