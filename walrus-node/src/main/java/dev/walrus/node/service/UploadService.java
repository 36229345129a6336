package dev.walrus.node.service;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.InvalidMetadataException;
import dev.walrus.core.encoding.InvalidSliverException;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SliverVerifier;
import dev.walrus.core.encoding.UnsupportedEncodingTypeException;
import dev.walrus.node.api.ApiError;
import dev.walrus.node.api.StoreOutcome;
import dev.walrus.node.api.StoredOnNodeStatus;
import dev.walrus.node.state.BlobState;
import dev.walrus.node.store.Batch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;

/**
 * Metadata and slivers in and out (protocol.md §5.2): everything is verified against the blob ID
 * before it is stored, uploads need a registered blob (or go to the bounded pending cache), and a
 * sliver is accepted only for a shard the node owns now.
 */
public final class UploadService {
  private final NodeContext node;
  private final ShardGate shards;
  private final PendingUploads pending = new PendingUploads();
  private final Counter sliversStored;
  private final Counter sliverBytesStored;

  public UploadService(NodeContext node, ShardGate shards, MeterRegistry metrics) {
    this.node = node;
    this.shards = shards;
    this.sliversStored = Counter.builder("walrus.node.slivers.stored").register(metrics);
    this.sliverBytesStored = Counter.builder("walrus.node.sliver.bytes.stored").baseUnit("bytes").register(metrics);
  }

  // ---- metadata --------------------------------------------------------------------------------

  public StoreOutcome putMetadata(BlobId blobId, byte[] body, boolean allowPending) {
    BlobMetadata metadata = parseMetadata(blobId, body);
    BlobState state = node.blobs().get(blobId);
    if (state.isInvalid()) {
      throw NodeApiException.invalid("INVALID_BLOB", "blob " + blobId + " was invalidated on the ledger");
    }
    if (node.store().hasMetadata(blobId)) {
      return StoreOutcome.ALREADY_STORED;
    }
    if (state.registeredAt(node.epoch())) {
      try (Batch batch = node.store().batch()) {
        batch.putMetadata(blobId, metadata);
        batch.commit();
      }
      return StoreOutcome.CREATED;
    }
    if (!allowPending) {
      throw notRegistered(blobId);
    }
    if (!pending.putMetadata(blobId, metadata)) {
      throw NodeApiException.invalid("CACHE_SATURATED", "too many unregistered uploads are waiting; retry later");
    }
    return StoreOutcome.BUFFERED;
  }

  private BlobMetadata parseMetadata(BlobId blobId, byte[] body) {
    EncodingConfig config = node.encoding();
    BlobMetadata metadata;
    try {
      metadata = BlobMetadata.fromBcs(body);
    } catch (UnsupportedEncodingTypeException e) {
      throw NodeApiException.invalid("UNSUPPORTED_ENCODING_TYPE", e.getMessage());
    } catch (BcsException | IllegalArgumentException e) {
      throw NodeApiException.invalid("INVALID_METADATA", "malformed BCS metadata: " + e.getMessage());
    }
    try {
      new BlobMetadataWithId(blobId, metadata).verify(config);
    } catch (InvalidMetadataException e) {
      throw NodeApiException.invalid("INVALID_METADATA", e.getMessage());
    }
    return metadata;
  }

  /** The stored metadata of a registered blob. */
  public BlobMetadataWithId metadata(BlobId blobId) {
    requireReadable(blobId);
    return node.store().metadata(blobId)
        .map(m -> new BlobMetadataWithId(blobId, m))
        .orElseThrow(() -> NodeApiException.notFound("METADATA_NOT_FOUND", "no metadata stored for blob " + blobId));
  }

  public StoredOnNodeStatus metadataStatus(BlobId blobId) {
    if (node.store().hasMetadata(blobId)) {
      return StoredOnNodeStatus.STORED;
    }
    return pending.metadata(blobId) != null ? StoredOnNodeStatus.BUFFERED : StoredOnNodeStatus.NONEXISTENT;
  }

  // ---- slivers ---------------------------------------------------------------------------------

  public StoreOutcome putSliver(BlobId blobId, int pairIndex, SliverType type, byte[] body, boolean allowPending) {
    EncodingConfig config = node.encoding();
    int n = config.nShards();
    checkPair(pairIndex, n);
    SliverData sliver;
    try {
      sliver = SliverData.fromBcs(type, body);
    } catch (BcsException | IllegalArgumentException e) {
      throw NodeApiException.invalid("INVALID_SLIVER", "malformed BCS sliver: " + e.getMessage());
    }
    if (sliver.pairIndex(n) != pairIndex) {
      throw NodeApiException.invalid("SLIVER_INDEX_MISMATCH", "a " + type.urlName() + " sliver with index "
          + sliver.index() + " belongs to pair " + sliver.pairIndex(n) + ", not " + pairIndex);
    }
    int shard = blobId.shardForPair(pairIndex, n);
    shards.requireWritable(shard);
    BlobState state = node.blobs().get(blobId);
    if (state.isInvalid()) {
      throw NodeApiException.invalid("INVALID_BLOB", "blob " + blobId + " was invalidated on the ledger");
    }
    boolean registered = state.registeredAt(node.epoch());
    BlobMetadata metadata = node.store().metadata(blobId)
        .or(() -> Optional.ofNullable(allowPending ? pending.metadata(blobId) : null))
        .orElseThrow(() -> registered || !allowPending
            ? NodeApiException.invalid("METADATA_NOT_FOUND", "upload the metadata of blob " + blobId + " first")
            : notRegistered(blobId));
    try {
      new SliverVerifier(config).verify(metadata, sliver);
    } catch (InvalidSliverException e) {
      throw NodeApiException.invalid("INVALID_SLIVER", e.getMessage());
    }
    if (registered) {
      if (node.store().hasSliver(shard, type, blobId)) {
        return StoreOutcome.ALREADY_STORED;
      }
      try (Batch batch = node.store().batch()) {
        batch.putSliver(shard, blobId, sliver);
        batch.commit();
      }
      sliversStored.increment();
      sliverBytesStored.increment(sliver.length());
      return StoreOutcome.CREATED;
    }
    if (!allowPending) {
      throw notRegistered(blobId);
    }
    if (sliver.length() > PendingUploads.MAX_SLIVER_BYTES) {
      throw NodeApiException.invalid("SLIVER_TOO_LARGE",
          "slivers above " + PendingUploads.MAX_SLIVER_BYTES + " bytes cannot be buffered before registration");
    }
    if (!pending.putSliver(blobId, shard, sliver)) {
      throw NodeApiException.invalid("CACHE_SATURATED", "too many unregistered uploads are waiting; retry later");
    }
    return StoreOutcome.BUFFERED;
  }

  public SliverData sliver(BlobId blobId, int pairIndex, SliverType type) {
    int n = node.encoding().nShards();
    checkPair(pairIndex, n);
    int shard = blobId.shardForPair(pairIndex, n);
    shards.requireStored(shard);
    requireReadable(blobId);
    return node.store().sliver(shard, type, blobId)
        .orElseThrow(() -> NodeApiException.notFound("SLIVER_NOT_FOUND",
            "no " + type.urlName() + " sliver of pair " + pairIndex + " is stored for blob " + blobId));
  }

  public StoredOnNodeStatus sliverStatus(BlobId blobId, int pairIndex, SliverType type) {
    int n = node.encoding().nShards();
    checkPair(pairIndex, n);
    int shard = blobId.shardForPair(pairIndex, n);
    shards.requireStored(shard);
    if (node.store().hasSliver(shard, type, blobId)) {
      return StoredOnNodeStatus.STORED;
    }
    return pending.hasSliver(blobId, shard, type) ? StoredOnNodeStatus.BUFFERED : StoredOnNodeStatus.NONEXISTENT;
  }

  /** Moves what was buffered for a blob into the store, now that it is registered. */
  public void flushPending(BlobId blobId) {
    PendingUploads.Taken taken = pending.take(blobId);
    if (taken.metadata() == null && taken.slivers().isEmpty()) {
      return;
    }
    try (Batch batch = node.store().batch()) {
      if (taken.metadata() != null && !node.store().hasMetadata(blobId)) {
        batch.putMetadata(blobId, taken.metadata());
      }
      for (PendingUploads.Sliver s : taken.slivers()) {
        if (node.store().hasShard(s.shard())) {
          batch.putSliver(s.shard(), blobId, s.data());
        }
      }
      batch.commit();
    }
  }

  /** Reads need a blob that is not blocked by the operator, registered now and not invalid. */
  void requireReadable(BlobId blobId) {
    if (node.blocklist().isBlocked(blobId)) {
      throw new NodeApiException(ApiError.unavailableForLegalReasons("FORBIDDEN_BLOB",
          "blob " + blobId + " is blocked by this node's operator"));
    }
    BlobState state = node.blobs().get(blobId);
    if (!state.registeredAt(node.epoch())) {
      throw NodeApiException.notFound("BLOB_NOT_REGISTERED",
          state.isInvalid() ? "blob " + blobId + " is invalid" : "blob " + blobId + " is not registered");
    }
  }

  static void checkPair(int pairIndex, int n) {
    if (pairIndex < 0 || pairIndex >= n) {
      throw NodeApiException.invalid("INDEX_OUT_OF_RANGE", "sliver pair index " + pairIndex + " is out of range [0, " + n + ")");
    }
  }

  private static NodeApiException notRegistered(BlobId blobId) {
    return NodeApiException.invalid("NOT_REGISTERED", "blob " + blobId + " is not registered (yet) on the ledger");
  }
}
