package dev.walrus.ledger.state.system;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.core.hash.Node;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Checked;
import dev.walrus.ledger.state.TxContext;
import dev.walrus.ledger.state.objects.BlobObject;
import dev.walrus.ledger.state.objects.ObjectStore;
import dev.walrus.ledger.state.objects.StorageResource;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code Blob} lifecycle (ledger.md §3.3–3.7, §2.7–2.8): registration against a Storage
 * object with the write fee, certification by a quorum certificate of the current committee,
 * extension (paid, or with another Storage), deletion returning the Storage, burning, attributes
 * and blob-ID invalidation. Checks run in the contract's order so the first failing one reports
 * the same abort as Move.
 */
final class BlobRules {
  private static final SortedMap<String, String> NO_ATTRIBUTES = Collections.unmodifiableSortedMap(new TreeMap<>());

  private final SystemTables t;
  private final StorageRules storage;
  private final CertificateVerifier verifier;

  BlobRules(SystemTables tables, StorageRules storage, CertificateVerifier verifier) {
    this.t = tables;
    this.storage = storage;
    this.verifier = verifier;
  }

  /**
   * {@code register_blob}: consumes the owned Storage (which must cover the current epoch and the
   * encoded size), checks the blob ID derivation, emits {@code BlobRegistered} and charges the
   * write fee into the current epoch's pot.
   */
  BlobObject register(TxContext ctx, Operation.RegisterBlob op, Payer payer) {
    StorageResource s = objects().requireOwned(ctx, op.storage(), StorageResource.class);
    int e = t.epoch();
    ObjectId id = ctx.newObjectId();
    Abort.check(e >= s.startEpoch() && e < s.endEpoch(), AbortCodes.BLOB, AbortCodes.BLOB_RESOURCE_BOUNDS,
        "Storage [" + s.startEpoch() + ", " + s.endEpoch() + ") does not cover the current epoch " + e);
    long encoded = EncodedSize.encodedBlobLength(op.size(), op.encodingType(), t.nShards());
    Abort.check(Long.compareUnsigned(encoded, s.size()) <= 0, AbortCodes.BLOB, AbortCodes.BLOB_RESOURCE_SIZE,
        "the blob's encoded size " + encoded + " exceeds the Storage's " + s.size() + " bytes");
    Abort.check(op.rootHash().length == Node.LENGTH
            && BlobMetadata.deriveBlobId(EncodingType.RS2, op.size(), Node.digest(op.rootHash())).equals(op.blobId()),
        AbortCodes.BLOB, AbortCodes.BLOB_INVALID_BLOB_ID,
        "blob ID " + op.blobId() + " is not derived from this root hash, size and encoding");
    ctx.emit(new LedgerEvent.BlobRegistered(
        e, op.blobId(), op.size(), op.encodingType(), s.endEpoch(), op.deletable(), id));
    BlobObject blob = new BlobObject(
        id, ctx.sender(), e, op.blobId(), op.rootHash().clone(), op.size(), op.encodingType(), Optional.empty(),
        s, op.deletable(), NO_ATTRIBUTES);
    long fee = Checked.mul(t.state().writePrice(), EncodedSize.storageUnits(encoded));
    if (fee != 0) {
      payer.pay(fee);
      t.ring.addRewards(0, fee);
    }
    objects().delete(ctx, s.id());
    objects().put(blob);
    t.blobIndex.add(blob.blobId(), id, BlobHolding.OWNED);
    return blob;
  }

  /**
   * {@code certify_blob}: a quorum certificate of the current committee, of this epoch, over a
   * storage confirmation for exactly this blob (and, if deletable, this object).
   */
  BlobObject certify(TxContext ctx, ObjectId blobObject, BlsSignature signature, byte[] bitmap, byte[] message) {
    BlobObject blob = objects().requireOwned(ctx, blobObject, BlobObject.class);
    int e = t.epoch();
    CertifiedMessage msg = verifier.verify(
        t.ledger.staking().committee(), signature, bitmap, message, CertificateVerifier.RequiredWeight.QUORUM);
    Abort.check(msg.certEpoch() == e, AbortCodes.SYSTEM, AbortCodes.SYS_INVALID_ID_EPOCH,
        "certificate of epoch " + msg.certEpoch() + " in epoch " + e);
    CertifiedMessage.CertifiedBlob cert = msg.blobCertification();
    Abort.check(blob.blobId().equals(cert.blobId()), AbortCodes.BLOB, AbortCodes.BLOB_INVALID_BLOB_ID,
        "the certificate is for blob " + cert.blobId() + ", this object holds " + blob.blobId());
    Abort.check(!blob.isCertified(), AbortCodes.BLOB, AbortCodes.BLOB_ALREADY_CERTIFIED,
        "blob object " + blob.id() + " is already certified");
    Abort.check(e < blob.endEpoch(), AbortCodes.BLOB, AbortCodes.BLOB_RESOURCE_BOUNDS,
        "blob object " + blob.id() + " expired at epoch " + blob.endEpoch());
    Abort.check(blob.deletable() == cert.deletable(), AbortCodes.BLOB, AbortCodes.BLOB_INVALID_PERSISTENCE_TYPE,
        "the certificate is for a " + (cert.deletable() ? "deletable" : "permanent") + " blob");
    Abort.check(!blob.deletable() || cert.deletableObject().get().equals(blob.id()), AbortCodes.BLOB,
        AbortCodes.BLOB_INVALID_OBJECT, "the certificate names another blob object");
    BlobObject certified = new BlobObject(
        blob.id(), blob.ownerAddress(), blob.registeredEpoch(), blob.blobId(), blob.rootHash(), blob.size(),
        blob.encodingType(), Optional.of(e), blob.storage(), blob.deletable(), blob.attributes());
    objects().put(certified);
    emitCertified(ctx, certified, false);
    return certified;
  }

  /**
   * {@code extend_blob}: pays {@code epochs} more epochs of the blob's Storage after its current
   * end and reserves their capacity. Works on the record so shared blobs use it too; the caller
   * stores the result.
   */
  BlobObject extend(TxContext ctx, BlobObject blob, int epochs, Payer payer) {
    int e = t.epoch();
    assertCertifiedNotExpired(blob, e);
    long startOffset = (long) blob.endEpoch() - e;
    long endOffset = startOffset + Integer.toUnsignedLong(epochs);
    if (endOffset > 0xFFFF_FFFFL) {
      throw new Abort(Checked.MODULE, 0, "u32 overflow: epoch offset " + endOffset);
    }
    Abort.check(epochs != 0, AbortCodes.SYSTEM, AbortCodes.SYS_INVALID_EPOCHS_AHEAD, "an extension needs epochs");
    Abort.check(endOffset <= t.maxEpochsAhead(), AbortCodes.SYSTEM, AbortCodes.SYS_INVALID_EPOCHS_AHEAD,
        "extension to epoch offset " + endOffset + " is beyond " + t.maxEpochsAhead() + " epochs ahead");
    long size = blob.storage().size();
    storage.processStoragePayments(size, startOffset, endOffset, payer);
    storage.reserveCapacity(size, startOffset, endOffset, true);
    StorageResource s = blob.storage();
    BlobObject extended = withStorage(blob, new StorageResource(
        s.id(), s.ownerAddress(), s.startEpoch(), Checked.toU32(e + endOffset), s.size()));
    emitCertified(ctx, extended, true);
    return extended;
  }

  /** {@code extend_blob} of an owned blob, paid by the sender. */
  void extendOwned(TxContext ctx, ObjectId blobObject, int epochs) {
    BlobObject blob = objects().requireOwned(ctx, blobObject, BlobObject.class);
    objects().put(extend(ctx, blob, epochs, t.account(ctx.sender())));
  }

  /**
   * {@code extend_blob_with_resource}: the Storage {@code extension} must start where the blob's
   * ends and have the same size; it is consumed, nothing is paid (it was paid when reserved).
   */
  void extendWithResource(TxContext ctx, ObjectId blobObject, ObjectId extensionId) {
    BlobObject blob = objects().requireOwned(ctx, blobObject, BlobObject.class);
    StorageResource extension = objects().requireOwned(ctx, extensionId, StorageResource.class);
    assertCertifiedNotExpired(blob, t.epoch());
    Abort.check(extension.endEpoch() > blob.endEpoch(), AbortCodes.BLOB, AbortCodes.BLOB_RESOURCE_BOUNDS,
        "the extension ends at " + extension.endEpoch() + ", not after the blob's end " + blob.endEpoch());
    BlobObject extended = withStorage(blob, StorageRules.fusePeriods(blob.storage(), extension));
    objects().delete(ctx, extension.id());
    objects().put(extended);
    emitCertified(ctx, extended, true);
  }

  /**
   * {@code delete_blob}: a deletable, unexpired blob is removed and its Storage (original ID and
   * range) goes back to the sender for reuse; its capacity stays reserved.
   */
  StorageResource delete(TxContext ctx, ObjectId blobObject) {
    BlobObject blob = objects().requireOwned(ctx, blobObject, BlobObject.class);
    int e = t.epoch();
    Abort.check(blob.deletable(), AbortCodes.BLOB, AbortCodes.BLOB_NOT_DELETABLE,
        "blob object " + blob.id() + " is not deletable");
    Abort.check(blob.endEpoch() > e, AbortCodes.BLOB, AbortCodes.BLOB_RESOURCE_BOUNDS,
        "blob object " + blob.id() + " expired at epoch " + blob.endEpoch());
    objects().delete(ctx, blob.id());
    t.blobIndex.remove(blob.blobId(), blob.id());
    StorageResource returned = blob.storage().withOwner(ctx.sender());
    objects().put(returned);
    ctx.emit(new LedgerEvent.BlobDeleted(e, blob.blobId(), blob.endEpoch(), blob.id(), blob.isCertified()));
    return returned;
  }

  /** {@code blob::burn}: any owned blob, at any time; the object and its Storage are gone, no event. */
  void burn(TxContext ctx, ObjectId blobObject) {
    BlobObject blob = objects().requireOwned(ctx, blobObject, BlobObject.class);
    objects().delete(ctx, blob.id());
    t.blobIndex.remove(blob.blobId(), blob.id());
  }

  /** {@code insert_or_update_metadata_pair}: sets one attribute (creating the map if needed). */
  void setAttribute(TxContext ctx, ObjectId blobObject, String key, String value) {
    BlobObject blob = objects().requireOwned(ctx, blobObject, BlobObject.class);
    TreeMap<String, String> attributes = new TreeMap<>(blob.attributes());
    attributes.put(key, value);
    objects().put(withAttributes(blob, attributes));
  }

  /**
   * {@code remove_metadata_pair}: aborts {@code EMissingMetadata} when the blob has no attributes
   * and {@code vec_map::EKeyDoesNotExist} when it lacks {@code key}. (Move distinguishes an empty
   * metadata map from none; the object here keeps no empty map, so both report the first.)
   */
  void removeAttribute(TxContext ctx, ObjectId blobObject, String key) {
    BlobObject blob = objects().requireOwned(ctx, blobObject, BlobObject.class);
    Abort.check(!blob.attributes().isEmpty(), AbortCodes.BLOB, AbortCodes.BLOB_MISSING_METADATA,
        "blob object " + blob.id() + " has no attributes");
    Abort.check(blob.attributes().containsKey(key), AbortCodes.VEC_MAP, AbortCodes.VEC_MAP_KEY_DOES_NOT_EXIST,
        "blob object " + blob.id() + " has no attribute " + key);
    TreeMap<String, String> attributes = new TreeMap<>(blob.attributes());
    attributes.remove(key);
    objects().put(withAttributes(blob, attributes));
  }

  /**
   * {@code invalidate_blob_id}: a certificate of at least one correct node (f + 1 shards) of the
   * current committee and epoch that a blob ID is inconsistent; emits {@code InvalidBlobID}.
   */
  BlobId invalidateBlobId(TxContext ctx, BlsSignature signature, byte[] bitmap, byte[] message) {
    CertifiedMessage msg = verifier.verify(t.ledger.staking().committee(), signature, bitmap, message,
        CertificateVerifier.RequiredWeight.ONE_CORRECT_NODE);
    BlobId blobId = msg.invalidBlobId();
    Abort.check(msg.certEpoch() == t.epoch(), AbortCodes.SYSTEM, AbortCodes.SYS_INVALID_ID_EPOCH,
        "certificate of epoch " + msg.certEpoch() + " in epoch " + t.epoch());
    ctx.emit(new LedgerEvent.InvalidBlobId((int) msg.certEpoch(), blobId));
    return blobId;
  }

  private static void assertCertifiedNotExpired(BlobObject blob, int epoch) {
    Abort.check(blob.isCertified(), AbortCodes.BLOB, AbortCodes.BLOB_NOT_CERTIFIED,
        "blob object " + blob.id() + " is not certified");
    Abort.check(epoch < blob.endEpoch(), AbortCodes.BLOB, AbortCodes.BLOB_RESOURCE_BOUNDS,
        "blob object " + blob.id() + " expired at epoch " + blob.endEpoch());
  }

  /** {@code BlobCertified}; its epoch is the first certified epoch, also for extensions. */
  private static void emitCertified(TxContext ctx, BlobObject blob, boolean extension) {
    ctx.emit(new LedgerEvent.BlobCertified(
        blob.certifiedEpoch().orElseThrow(), blob.blobId(), blob.endEpoch(), blob.deletable(), blob.id(), extension));
  }

  private static BlobObject withStorage(BlobObject b, StorageResource s) {
    return new BlobObject(b.id(), b.ownerAddress(), b.registeredEpoch(), b.blobId(), b.rootHash(), b.size(),
        b.encodingType(), b.certifiedEpoch(), s, b.deletable(), b.attributes());
  }

  private static BlobObject withAttributes(BlobObject b, SortedMap<String, String> attributes) {
    return new BlobObject(b.id(), b.ownerAddress(), b.registeredEpoch(), b.blobId(), b.rootHash(), b.size(),
        b.encodingType(), b.certifiedEpoch(), b.storage(), b.deletable(),
        Collections.unmodifiableSortedMap(attributes));
  }

  private ObjectStore objects() {
    return t.ledger.objects();
  }
}
