package dev.walrus.node.service;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.messages.BlobPersistence;
import dev.walrus.core.messages.SignedMessage;
import dev.walrus.core.messages.StorageConfirmation;
import dev.walrus.node.committee.Committees;
import dev.walrus.node.state.BlobState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Storage confirmations (protocol.md §3.5–3.6): the node signs that it stores a blob only when the
 * blob is registered with the asked persistence and the node holds both slivers of every shard it
 * owns in the current epoch. Signing is BLS min-pk over the exact BCS confirmation.
 */
public final class ConfirmationService {
  private final NodeContext node;
  private final Waiters waiters;

  /** Finishes moving a blob's buffered uploads into the store (they may still be on their way). */
  private final Consumer<BlobId> flushPending;

  public ConfirmationService(NodeContext node, Waiters waiters, Consumer<BlobId> flushPending) {
    this.node = node;
    this.waiters = waiters;
    this.flushPending = flushPending;
  }

  public SignedMessage<StorageConfirmation> confirm(BlobId blobId, BlobPersistence persistence, long waitMillis)
      throws InterruptedException {
    if (waitMillis > 0 && !registered(node.blobs().get(blobId), persistence, node.epoch())) {
      waiters.await(blobId, waitMillis, () -> registered(node.blobs().get(blobId), persistence, node.epoch()));
    }
    // One committee snapshot and one read of the blob's records for the checks and the signature.
    Committees committee = node.committee();
    BlobState state = node.blobs().get(blobId);
    if (state.isInvalid()) {
      throw NodeApiException.invalid("INVALID_BLOB", "blob " + blobId + " was invalidated on the ledger");
    }
    if (!registered(state, persistence, committee.epoch())) {
      throw NodeApiException.invalid("NOT_REGISTERED", switch (persistence) {
        case BlobPersistence.Permanent p -> "blob " + blobId + " is not registered as a permanent blob";
        case BlobPersistence.Deletable d -> "object " + d.objectId() + " is not a live deletable Blob of " + blobId;
      });
    }
    // Uploads buffered before the registration was seen are flushed by the event follower right
    // after it applies the registration: make sure that flush is done before counting.
    flushPending.accept(blobId);
    List<String> missing = missingSlivers(blobId, committee);
    if (!missing.isEmpty()) {
      throw NodeApiException.invalid("MISSING_SLIVERS", "the node does not yet store every sliver of blob " + blobId
          + " for its shards; missing: " + String.join(", ", missing.subList(0, Math.min(8, missing.size())))
          + (missing.size() > 8 ? " and " + (missing.size() - 8) + " more" : ""));
    }
    // A confirmation must not outlive the slivers it vouches for, even after a power loss.
    node.store().syncToDisk();
    StorageConfirmation confirmation = new StorageConfirmation(committee.epoch(), blobId, persistence);
    return SignedMessage.sign(node.protocolKey(), confirmation);
  }

  private static boolean registered(BlobState state, BlobPersistence persistence, int epoch) {
    return switch (persistence) {
      case BlobPersistence.Permanent p -> state.permanentRegisteredAt(epoch);
      case BlobPersistence.Deletable d -> state.liveDeletableObject(d.objectId(), epoch);
    };
  }

  /** "shard 7 primary"-style names of what is missing for the shards owned now. */
  List<String> missingSlivers(BlobId blobId, Committees committee) {
    List<String> missing = new ArrayList<>();
    if (!node.store().hasMetadata(blobId)) {
      missing.add("metadata");
    }
    for (int shard : committee.ownShards()) {
      for (SliverType type : SliverType.values()) {
        if (!node.store().hasSliver(shard, type, blobId)) {
          missing.add("shard " + shard + " " + type.urlName());
        }
      }
    }
    return missing;
  }
}
