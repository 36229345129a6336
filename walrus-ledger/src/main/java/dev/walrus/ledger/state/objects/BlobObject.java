package dev.walrus.ledger.state.objects;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.Bcs;
import java.util.Optional;
import java.util.SortedMap;

/**
 * {@code Blob}: a registered blob with the Storage it consumes and its attributes (the {@code
 * "metadata"} dynamic field, an insertion-ordered map in Move; kept sorted here).
 */
@Bcs.Variant(1)
public record BlobObject(
    ObjectId id,
    Address ownerAddress,
    int registeredEpoch,
    BlobId blobId,
    byte[] rootHash,
    long size,
    @Bcs.U8 int encodingType,
    Optional<Integer> certifiedEpoch,
    StorageResource storage,
    boolean deletable,
    SortedMap<String, String> attributes)
    implements LedgerObject {

  @Override
  public Optional<Address> owner() {
    return Optional.of(ownerAddress);
  }

  @Override
  public BlobObject withOwner(Address owner) {
    return new BlobObject(
        id, owner, registeredEpoch, blobId, rootHash, size, encodingType, certifiedEpoch,
        storage.withOwner(owner), deletable, attributes);
  }

  public boolean isCertified() {
    return certifiedEpoch.isPresent();
  }

  public int endEpoch() {
    return storage.endEpoch();
  }
}
