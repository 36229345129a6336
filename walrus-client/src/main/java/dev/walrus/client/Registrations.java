package dev.walrus.client;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.api.ObjectIds;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds or buys the registration a store needs (protocol.md §3, steps 1 and 3), reusing what the
 * wallet owns before paying, as Walrus's resource manager does:
 *
 * <ol>
 *   <li>a live Blob object of the same blob ID and persistence: certified and long enough →
 *       nothing to do; certified but too short → extend it; only registered → upload and
 *       certify it, extending it if too short. With {@code force}, only registered ones count;
 *   <li>else the smallest owned Storage object that covers the current epoch up to the requested
 *       end and holds the encoded size, split to that size so the rest stays reusable;
 *   <li>else new storage is reserved.
 * </ol>
 *
 * Objects a store of this client is using are claimed until it ends, so concurrent stores never
 * pick the same one; should another wallet user take a Storage object first, the store buys new
 * storage instead.
 */
final class Registrations {
  private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);

  private final LedgerClient ledger;
  private final Ed25519KeyPair wallet;
  private final Set<ObjectId> claimed = ConcurrentHashMap.newKeySet();

  Registrations(LedgerClient ledger, Ed25519KeyPair wallet) {
    this.ledger = ledger;
    this.wallet = wallet;
  }

  /** What a store does next. */
  sealed interface Plan {
    /** The object that must be released when the store ends, if any. */
    ObjectId claim();
  }

  /** The wallet already owns a certified Blob object that lasts long enough. */
  record AlreadyOwned(BlobObject blob) implements Plan {
    @Override
    public ObjectId claim() {
      return null;
    }
  }

  /**
   * The Blob object to certify (unless {@code operation} extends a certified one), and what
   * obtaining it cost.
   *
   * @param extendBy epochs to extend the blob by once certified; 0 for none
   */
  record Registered(ObjectId object, ResourceOperation operation, int extendBy, long cost, long fees, ObjectId claim)
      implements Plan {}

  /** The blob to register: its ID, Merkle root and sizes. */
  record Blob(BlobId blobId, byte[] rootHash, long size, long encodedSize) {}

  /**
   * Decides and performs the ledger steps up to a registered Blob object for {@code blob},
   * stored until at least {@code currentEpoch + options.epochs()}.
   */
  Plan plan(Blob blob, int currentEpoch, StoreOptions options) {
    int target = currentEpoch + options.epochs();
    if (options.reuseResources()) {
      List<ObjectView> owned = ledger.account(address()).objects();
      Optional<Plan> reuse = ownedBlob(owned, blob, currentEpoch, target, options);
      if (reuse.isPresent()) {
        return reuse.get();
      }
      Optional<Registered> storage = ownedStorage(owned, blob, currentEpoch, target, options);
      if (storage.isPresent()) {
        return storage.get();
      }
    }
    return fromScratch(blob, options);
  }

  /** Ends the store's claim on the objects it used. */
  void release(Plan plan) {
    if (plan != null && plan.claim() != null) {
      claimed.remove(plan.claim());
    }
  }

  private Optional<Plan> ownedBlob(List<ObjectView> owned, Blob blob, int currentEpoch, int target,
      StoreOptions options) {
    for (ObjectView view : owned) {
      if (!BlobObject.LEDGER_TYPE.equals(view.type())) {
        continue;
      }
      BlobObject b = BlobObject.fromLedger(view);
      boolean usable = b.blobId().equals(blob.blobId()) && b.endEpoch() > currentEpoch
          && b.deletable() == options.deletable() && (!options.force() || !b.isCertified());
      if (!usable || !claimed.add(b.id())) {
        continue;
      }
      int extendBy = Math.max(0, target - b.endEpoch());
      if (b.isCertified() && extendBy == 0) {
        claimed.remove(b.id());
        LOG.debug("blob {} is certified in owned object {} until epoch {}", blob.blobId(), b.id(), b.endEpoch());
        return Optional.of(new AlreadyOwned(b));
      }
      ResourceOperation.Kind kind = extendBy == 0 ? ResourceOperation.Kind.REUSE_REGISTRATION
          : b.isCertified() ? ResourceOperation.Kind.REUSE_AND_EXTEND
          : ResourceOperation.Kind.REUSE_AND_EXTEND_NON_CERTIFIED;
      long cost = extendBy == 0 ? 0 : ledger.cost(blob.size(), extendBy).storageCost();
      LOG.debug("blob {}: reusing owned object {} ({})", blob.blobId(), b.id(), kind);
      return Optional.of(new Registered(b.id(), new ResourceOperation(kind, blob.encodedSize(), extendBy), extendBy,
          cost, 0, b.id()));
    }
    return Optional.empty();
  }

  private Optional<Registered> ownedStorage(List<ObjectView> owned, Blob blob, int currentEpoch, int target,
      StoreOptions options) {
    List<StorageResource> fitting = new ArrayList<>();
    for (ObjectView view : owned) {
      if (StorageResource.LEDGER_TYPE.equals(view.type())) {
        StorageResource s = StorageResource.fromLedger(view);
        if (s.startEpoch() <= currentEpoch && s.endEpoch() >= target && s.storageSize() >= blob.encodedSize()) {
          fitting.add(s);
        }
      }
    }
    fitting.sort(Comparator.comparingLong(StorageResource::storageSize).thenComparingInt(StorageResource::endEpoch));
    for (StorageResource s : fitting) {
      if (!claimed.add(s.id())) {
        continue;
      }
      long fees = 0;
      try {
        if (s.storageSize() > blob.encodedSize()) {
          fees += ok("split_by_size", ledger.execute(wallet, new Operation.SplitStorageBySize(s.id(),
              blob.encodedSize()))).feeCharged();
        }
        TransactionEffects registered = ok("register_blob", register(s.id(), blob, options));
        fees += registered.feeCharged();
        long cost = ledger.cost(blob.size(), 1).writeCost();
        LOG.debug("blob {}: registered with owned storage {}", blob.blobId(), s.id());
        return Optional.of(new Registered(registered.created().getFirst(),
            new ResourceOperation(ResourceOperation.Kind.REUSE_STORAGE, blob.encodedSize(), 0), 0, cost, fees, s.id()));
      } catch (LedgerOperationException e) {
        // Another user of the wallet consumed it meanwhile: buy instead.
        claimed.remove(s.id());
        LOG.info("could not register blob {} with owned storage {}, buying storage instead: {}", blob.blobId(),
            s.id(), e.getMessage());
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Buys storage and registers the blob in one transaction ({@code reserve_space} then
   * {@code register_blob} on the storage just reserved, as Walrus's clients do in one programmable
   * transaction): one round through consensus instead of two, and no storage left over if the
   * registration fails.
   */
  private Registered fromScratch(Blob blob, StoreOptions options) {
    long cost = ledger.cost(blob.size(), options.epochs()).totalCost();
    TransactionEffects registered = ok("reserve_space + register_blob", ledger.execute(wallet, Operation.Batch.of(
        new Operation.ReserveSpace(blob.encodedSize(), options.epochs()),
        registerOperation(ObjectIds.batchResult(0), blob, options))));
    // The batch creates the storage (wrapped in the blob at once), then the blob.
    return new Registered(registered.created().get(1), new ResourceOperation(
        ResourceOperation.Kind.REGISTER_FROM_SCRATCH, blob.encodedSize(), options.epochs()), 0, cost,
        registered.feeCharged(), null);
  }

  private TransactionEffects register(ObjectId storage, Blob blob, StoreOptions options) {
    return ledger.execute(wallet, registerOperation(storage, blob, options));
  }

  private static Operation.RegisterBlob registerOperation(ObjectId storage, Blob blob, StoreOptions options) {
    return new Operation.RegisterBlob(storage, blob.blobId(), blob.rootHash(), blob.size(), EncodingType.RS2.value(),
        options.deletable());
  }

  private Address address() {
    return wallet.publicKey().toAddress();
  }

  static TransactionEffects ok(String operation, TransactionEffects effects) {
    if (!effects.succeeded()) {
      throw new LedgerOperationException(operation, effects);
    }
    return effects;
  }
}
