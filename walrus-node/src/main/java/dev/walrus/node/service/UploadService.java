package dev.walrus.node.service;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.InvalidMetadataException;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.UnsupportedEncodingTypeException;
import dev.walrus.core.hash.Node;
import dev.walrus.node.api.ApiError;
import dev.walrus.node.api.StoreOutcome;
import dev.walrus.node.api.StoredOnNodeStatus;
import dev.walrus.node.state.BlobState;
import dev.walrus.node.store.Batch;
import dev.walrus.node.store.GroupCommitter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Metadata and slivers in and out (protocol.md §5.2): everything is verified against the blob ID
 * before it is stored, uploads need a registered blob (or go to the bounded pending cache), and a
 * sliver is accepted only for a shard the node owns now.
 */
public final class UploadService {
  /** Blobs whose parsed metadata is kept: enough for many concurrent uploads, ~10 MiB at n = 1000. */
  static final int METADATA_CACHE_ENTRIES = 64;
  /** How long an upload waits for its verification and commit before it is answered 503. */
  public static final long INGEST_TIMEOUT_MILLIS = 60_000;

  private final NodeContext node;
  private final ShardGate shards;
  private final SliverVerification verification;
  private final GroupCommitter committer;
  private final IngestBudget budget;
  private final PendingUploads pending = new PendingUploads();
  /** Striped locks that serialise the flushes of one blob (see {@link #flushPending}). */
  private final Object[] flushLocks = new Object[64];
  private final MetadataCache metadataCache = new MetadataCache(METADATA_CACHE_ENTRIES);
  private final Counter sliversStored;
  private final Counter sliverBytesStored;

  /**
   * @param verification checks slivers against their metadata
   * @param committer writes verified slivers, many requests per commit
   * @param budget bounds the upload bytes held in memory at once
   */
  public UploadService(NodeContext node, ShardGate shards, MeterRegistry metrics, SliverVerification verification,
      GroupCommitter committer, IngestBudget budget) {
    this.node = node;
    this.shards = shards;
    this.verification = verification;
    this.committer = committer;
    this.budget = budget;
    for (int i = 0; i < flushLocks.length; i++) {
      flushLocks[i] = new Object();
    }
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
    metadataCache.put(blobId, metadata);
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
    return flushIfRegisteredMeanwhile(blobId);
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

  /**
   * Stores an uploaded sliver: checks its framing and shape, verifies it against the blob's
   * metadata once (on the {@link SliverVerification} pool), and commits the body as it came with
   * other uploads ({@link GroupCommitter}). Answers only once the sliver survives a crash of the
   * process.
   */
  public StoreOutcome putSliver(BlobId blobId, int pairIndex, SliverType type, byte[] body, boolean allowPending)
      throws InterruptedException {
    EncodingConfig config = node.encoding();
    int n = config.nShards();
    checkPair(pairIndex, n);
    SliverBody sliver = SliverBody.parse(type, body);
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
    BlobMetadata metadata = metadataCache.get(blobId, () -> node.store().metadata(blobId))
        .or(() -> Optional.ofNullable(allowPending ? pending.metadata(blobId) : null))
        .orElseThrow(() -> registered || !allowPending
            ? NodeApiException.invalid("METADATA_NOT_FOUND", "upload the metadata of blob " + blobId + " first")
            : notRegistered(blobId));
    Node expected = expectedHash(config, metadata, sliver);
    if (!await(verification.verify(config, sliver, expected))) {
      throw NodeApiException.invalid("INVALID_SLIVER",
          type.urlName() + " sliver " + sliver.index() + " does not match the blob's metadata");
    }
    if (registered) {
      if (node.store().hasSliver(shard, type, blobId)) {
        return StoreOutcome.ALREADY_STORED;
      }
      await(committer.putSliverBcs(shard, type, blobId, body));
      sliversStored.increment();
      sliverBytesStored.increment(sliver.dataLength());
      return StoreOutcome.CREATED;
    }
    if (!allowPending) {
      throw notRegistered(blobId);
    }
    if (sliver.dataLength() > PendingUploads.MAX_SLIVER_BYTES) {
      throw NodeApiException.invalid("SLIVER_TOO_LARGE",
          "slivers above " + PendingUploads.MAX_SLIVER_BYTES + " bytes cannot be buffered before registration");
    }
    if (!pending.putSliver(blobId, shard, sliver.toSliverData())) {
      throw NodeApiException.invalid("CACHE_SATURATED", "too many unregistered uploads are waiting; retry later");
    }
    return flushIfRegisteredMeanwhile(blobId);
  }

  /**
   * Reserves memory for an upload of {@code declaredBytes} before its body is read; close the
   * permit once it is answered.
   */
  public IngestBudget.Permit admit(long declaredBytes) throws InterruptedException {
    return budget.acquire(declaredBytes);
  }

  /** Checks the sliver's shape against the blob (spec §10) and returns the hash its pair must have. */
  private static Node expectedHash(EncodingConfig config, BlobMetadata metadata, SliverBody sliver) {
    int n = config.nShards();
    if (metadata.nShards() != n) {
      throw NodeApiException.invalid("INVALID_SLIVER",
          "the blob's metadata has " + metadata.nShards() + " sliver pairs, the network " + n + " shards");
    }
    if (sliver.index() >= n) {
      throw NodeApiException.invalid("INVALID_SLIVER", "sliver index " + sliver.index() + " is out of range for " + n + " shards");
    }
    int symbolSize = config.symbolSize(metadata.unencodedLength());
    if (sliver.symbolSize() != symbolSize) {
      throw NodeApiException.invalid("INVALID_SLIVER",
          "sliver symbol size " + sliver.symbolSize() + " differs from the blob's " + symbolSize);
    }
    int length = config.sliverSize(sliver.type(), symbolSize);
    if (sliver.dataLength() != length) {
      throw NodeApiException.invalid("INVALID_SLIVER",
          sliver.type().urlName() + " sliver has " + sliver.dataLength() + " bytes, expected " + length);
    }
    return metadata.hashes().get(sliver.pairIndex(n)).hash(sliver.type());
  }

  /** Waits for a step of the ingest pipeline; a node too busy to finish it in time answers 503. */
  private static <T> T await(CompletableFuture<T> step) throws InterruptedException {
    try {
      return step.get(INGEST_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new NodeApiException(ApiError.unavailable("NODE_BUSY", "the upload could not be verified and stored in "
          + INGEST_TIMEOUT_MILLIS / 1000 + " s; retry later"));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("an ingest step failed", e.getCause());
    }
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

  /** The stored sliver's BCS as it was stored, for {@code GET …/slivers}: read once, not parsed or re-encoded. */
  public byte[] sliverBcs(BlobId blobId, int pairIndex, SliverType type) {
    int n = node.encoding().nShards();
    checkPair(pairIndex, n);
    int shard = blobId.shardForPair(pairIndex, n);
    shards.requireStored(shard);
    requireReadable(blobId);
    return node.store().sliverBcs(shard, type, blobId)
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

  /**
   * An upload is buffered after its check found the blob unregistered; if the registration was
   * applied in between, the event's flush may already have run and would never see this upload.
   * Checking again after buffering closes the gap: either this check sees the registration and
   * flushes, or the registration comes later and its flush finds the upload buffered.
   */
  private StoreOutcome flushIfRegisteredMeanwhile(BlobId blobId) {
    if (node.blobs().get(blobId).registeredAt(node.epoch())) {
      flushPending(blobId);
      return StoreOutcome.CREATED;
    }
    return StoreOutcome.BUFFERED;
  }

  /**
   * Moves what was buffered for a blob into the store, now that it is registered. Flushes of one
   * blob are serialised, so a caller returns only once what was buffered before its call is in
   * the store even if another flush took it (a confirmation relies on that).
   */
  public void flushPending(BlobId blobId) {
    synchronized (flushLocks[Math.floorMod(blobId.hashCode(), flushLocks.length)]) {
      flushTaken(blobId);
    }
  }

  private void flushTaken(BlobId blobId) {
    PendingUploads.Taken taken = pending.take(blobId);
    if (taken.metadata() != null) {
      metadataCache.put(blobId, taken.metadata());
    }
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
