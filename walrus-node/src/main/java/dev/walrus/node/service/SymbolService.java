package dev.walrus.node.service;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.ExpandedSliver;
import dev.walrus.core.encoding.InconsistencyProof;
import dev.walrus.core.encoding.RecoverySymbol;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SymbolId;
import dev.walrus.core.messages.InvalidBlobIdMessage;
import dev.walrus.core.messages.SignedMessage;
import dev.walrus.node.api.ApiError;
import dev.walrus.node.api.EitherDecodingSymbol;
import dev.walrus.core.encoding.InvalidSliverException;
import dev.walrus.core.encoding.DecodingSymbol;
import dev.walrus.core.encoding.SliverExpansions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Symbols for other nodes and readers (protocol.md §5.3–5.4, §4.2): recovery symbols with Merkle
 * proofs computed from this node's slivers, proof-less decoding symbols, and the check of an
 * inconsistency proof that earns the prover this node's signed invalid-blob attestation. The
 * slivers a request needs are expanded together, their Merkle trees built on the vector hasher in
 * one batch of leaves, and kept in a cache for the requests that follow.
 * Expanding a sliver is CPU work, so concurrent expansions are bounded; a request that cannot get
 * a permit within a few seconds is answered 503.
 */
public final class SymbolService {
  private final NodeContext node;
  private final UploadService uploads;
  private final Semaphore permits;
  /** Expansions kept for later requests: 256 MiB, or a sixth of a small heap. */
  private final ExpandedSliverCache cache =
      new ExpandedSliverCache(Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 6));

  public SymbolService(NodeContext node, UploadService uploads, int maxConcurrentExpansions) {
    this.node = node;
    this.uploads = uploads;
    this.permits = new Semaphore(maxConcurrentExpansions);
  }

  /** A bound on the expansions made at once for one request (more are made batch after batch). */
  static final long EXPANSION_BATCH_BYTES = 32L << 20;
  /** Most symbol bytes one {@code decodingSymbols} answer holds. */
  static final long MAX_DECODING_SYMBOL_BYTES = 32L << 20;

  /** Symbols by ID; {@code targetType} (from {@code proofAxis}) picks the source axis, else either. */
  public List<RecoverySymbol> recoverySymbols(BlobId blobId, List<SymbolId> ids, Optional<SliverType> targetType)
      throws InterruptedException {
    if (ids.isEmpty()) {
      throw NodeApiException.invalid("NO_SYMBOLS_SPECIFIED", "give symbol IDs (id=P-S) or targetSliver and targetType");
    }
    uploads.requireReadable(blobId);
    EncodingConfig config = node.encoding();
    int n = config.nShards();
    List<RecoverySymbol> out = new ArrayList<>();
    ApiError last = ApiError.invalidArgument("SYMBOL_NOT_PRESENT_AT_SHARDS",
        "none of the requested symbols can be computed from slivers this node stores");
    // IDs a batch at a time, so the expansions held at once stay within EXPANSION_BATCH_BYTES.
    int perBatch = idsPerBatch(blobId, config, targetType);
    acquire();
    try {
      for (int from = 0; from < ids.size(); from += perBatch) {
        List<SymbolId> batch = ids.subList(from, Math.min(ids.size(), from + perBatch));
        Map<SourceKey, ExpandedSliver> expanded = expandTogether(blobId, config, sources(batch, targetType, n));
        for (SymbolId id : batch) {
          if (id.primaryIndex() >= n || id.secondaryIndex() >= n) {
            last = ApiError.invalidArgument("RECOVERY_SYMBOL_OUT_OF_RANGE", "symbol " + id + " is out of range for " + n + " shards");
            continue;
          }
          Optional<RecoverySymbol> symbol = Optional.empty();
          if (targetType.isEmpty() || targetType.get() == SliverType.SECONDARY) {
            symbol = Optional.ofNullable(expanded.get(new SourceKey(SliverType.PRIMARY, id.primaryIndex())))
                .map(e -> e.recoverySymbol(id.secondaryIndex()));
          }
          if (symbol.isEmpty() && (targetType.isEmpty() || targetType.get() == SliverType.PRIMARY)) {
            symbol = Optional.ofNullable(expanded.get(new SourceKey(SliverType.SECONDARY, id.secondaryIndex())))
                .map(e -> e.recoverySymbol(id.primaryIndex()));
          }
          symbol.ifPresent(out::add);
        }
      }
    } finally {
      permits.release();
    }
    if (out.isEmpty()) {
      throw new NodeApiException(last);
    }
    return out;
  }

  /** The symbols every owned shard contributes to rebuilding one sliver. */
  public List<RecoverySymbol> recoverySymbolsFor(BlobId blobId, int targetSliver, SliverType targetType,
      Optional<SliverType> proofAxis) throws InterruptedException {
    int n = node.encoding().nShards();
    if (targetSliver < 0 || targetSliver >= n) {
      throw NodeApiException.invalid("RECOVERY_SYMBOL_OUT_OF_RANGE", "target sliver " + targetSliver + " is out of range");
    }
    if (proofAxis.isPresent() && proofAxis.get() != targetType.orthogonal()) {
      throw NodeApiException.invalid("INVALID_FILTER", "symbols for a " + targetType.urlName()
          + " sliver come from, and are proven against, " + targetType.orthogonal().urlName() + " slivers");
    }
    List<SymbolId> ids = new ArrayList<>();
    for (int shard : node.committee().ownShards()) {
      int pair = blobId.pairForShard(shard, n);
      ids.add(targetType == SliverType.PRIMARY
          ? new SymbolId(targetSliver, n - 1 - pair)
          : new SymbolId(pair, targetSliver));
    }
    return recoverySymbols(blobId, ids, Optional.of(targetType));
  }

  /**
   * Proof-less symbols for systematic target slivers, from every owned shard: target index →
   * symbols (each tagged with the target's axis, indexed by its source sliver).
   */
  public SortedMap<Integer, List<EitherDecodingSymbol>> decodingSymbols(BlobId blobId, List<Integer> targets, SliverType targetType)
      throws InterruptedException {
    if (targets.isEmpty()) {
      throw NodeApiException.invalid("NO_TARGET_SLIVERS_SPECIFIED", "give at least one targetSlivers value");
    }
    uploads.requireReadable(blobId);
    EncodingConfig config = node.encoding();
    int n = config.nShards();
    int systematic = config.sourceSymbols(targetType);
    for (int t : targets) {
      if (t < 0 || t >= systematic) {
        throw NodeApiException.invalid("RECOVERY_SYMBOL_OUT_OF_RANGE", "target " + targetType.urlName() + " sliver " + t
            + " is not systematic (must be below " + systematic + ")");
      }
    }
    targets = targets.stream().distinct().toList();
    // The code is systematic: the symbol a source sliver gives a systematic target is one it
    // stores, so nothing is expanded (expanding every owned sliver of a large blob at once would
    // take the node's heap many times over).
    SliverType sourceType = targetType.orthogonal();
    SortedMap<Integer, List<EitherDecodingSymbol>> out = new TreeMap<>();
    Set<Integer> ownShards = node.committee().ownShards();
    boolean sizeChecked = false;
    acquire();
    try {
      for (int shard : ownShards) {
        Optional<SliverData> source = node.store().sliver(shard, sourceType, blobId);
        if (source.isEmpty()) {
          continue;
        }
        SliverData sliver = source.get();
        int symbolSize = sliver.symbolSize();
        if (!sizeChecked) {
          requireAnswerWithinBound(targets.size(), ownShards.size(), symbolSize);
          sizeChecked = true;
        }
        for (int t : targets) {
          if (t >= sliver.symbolCount()) {
            continue; // a stored sliver of another shape (never written by this node)
          }
          byte[] symbol = new byte[symbolSize];
          sliver.copySymbol(t, symbol, 0);
          out.computeIfAbsent(t, k -> new ArrayList<>())
              .add(new EitherDecodingSymbol(targetType, new DecodingSymbol(sliver.index(), symbol)));
        }
      }
    } finally {
      permits.release();
    }
    return out;
  }

  /**
   * The answer is built in memory: one symbol per owned shard and target. Bound it (checked with
   * the first stored sliver, before any symbol is copied), so a request naming many targets of a
   * large blob cannot take the heap; one target is always answered.
   */
  private static void requireAnswerWithinBound(int targets, int shards, int symbolSize) {
    long perTarget = (long) shards * symbolSize;
    if (targets > 1 && perTarget * targets > MAX_DECODING_SYMBOL_BYTES) {
      throw NodeApiException.invalid("TOO_MANY_TARGET_SLIVERS", "the symbols of " + targets
          + " target slivers of this blob exceed " + (MAX_DECODING_SYMBOL_BYTES >> 20) + " MiB; ask for at most "
          + Math.max(1, MAX_DECODING_SYMBOL_BYTES / perTarget) + " per request");
    }
  }

  /** Checks a proof that the blob is inconsistent; if it holds, attests that the blob ID is invalid. */
  public SignedMessage<InvalidBlobIdMessage> checkInconsistency(BlobId blobId, SliverType targetType, byte[] body) {
    BlobMetadata metadata = node.store().metadata(blobId)
        .orElseThrow(() -> NodeApiException.invalid("METADATA_NOT_FOUND", "this node has no metadata of blob " + blobId));
    InconsistencyProof proof;
    try {
      proof = InconsistencyProof.fromBcs(targetType, body);
    } catch (BcsException | IllegalArgumentException e) {
      throw NodeApiException.invalid("INVALID_PROOF", "malformed BCS inconsistency proof: " + e.getMessage());
    }
    if (!proof.verify(node.encoding(), metadata)) {
      throw NodeApiException.invalid("INVALID_PROOF", "the proof does not show that blob " + blobId + " is inconsistent");
    }
    return SignedMessage.sign(node.protocolKey(), new InvalidBlobIdMessage(node.epoch(), blobId));
  }

  public void forget(BlobId blobId) {
    cache.evict(blobId);
  }

  /** A sliver symbols are computed from: its axis and index. */
  private record SourceKey(SliverType type, int index) {}

  /** How many symbol IDs' source slivers, expanded, fit in {@link #EXPANSION_BATCH_BYTES}. */
  private int idsPerBatch(BlobId blobId, EncodingConfig config, Optional<SliverType> targetType) {
    int symbolSize = node.store().metadata(blobId).map(m -> config.symbolSize(m.unencodedLength())).orElse(1);
    long perId = 2L * config.nShards() * symbolSize * (targetType.isEmpty() ? 2 : 1);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, EXPANSION_BATCH_BYTES / perId));
  }

  /** The source slivers the symbols {@code ids} may come from. */
  private static Set<SourceKey> sources(List<SymbolId> ids, Optional<SliverType> targetType, int n) {
    Set<SourceKey> out = new LinkedHashSet<>();
    for (SymbolId id : ids) {
      if (id.primaryIndex() >= n || id.secondaryIndex() >= n) {
        continue;
      }
      if (targetType.isEmpty() || targetType.get() == SliverType.SECONDARY) {
        out.add(new SourceKey(SliverType.PRIMARY, id.primaryIndex()));
      }
      if (targetType.isEmpty() || targetType.get() == SliverType.PRIMARY) {
        out.add(new SourceKey(SliverType.SECONDARY, id.secondaryIndex()));
      }
    }
    return out;
  }

  /**
   * The expansions of the {@code sources} this node stores: cached ones, and the others expanded
   * together per axis ({@link SliverExpansions}: one Reed–Solomon run and one batch of leaf hashes
   * for all of them) and cached. The caller keeps {@code sources} within {@link
   * #EXPANSION_BATCH_BYTES} of expansions ({@link #idsPerBatch}).
   */
  private Map<SourceKey, ExpandedSliver> expandTogether(BlobId blobId, EncodingConfig config, Set<SourceKey> sources) {
    int n = config.nShards();
    Map<SourceKey, ExpandedSliver> out = new HashMap<>();
    Map<SliverType, List<SliverData>> toExpand = new EnumMap<>(SliverType.class);
    for (SourceKey key : sources) {
      Optional<ExpandedSliver> cached = cache.peek(blobId, key.type(), key.index());
      if (cached.isPresent()) {
        out.put(key, cached.get());
        continue;
      }
      int pair = key.type() == SliverType.PRIMARY ? key.index() : n - 1 - key.index();
      node.store().sliver(blobId.shardForPair(pair, n), key.type(), blobId)
          .ifPresent(sliver -> toExpand.computeIfAbsent(key.type(), t -> new ArrayList<>()).add(sliver));
    }
    for (List<SliverData> slivers : toExpand.values()) {
      List<ExpandedSliver> expanded;
      try {
        expanded = SliverExpansions.expandAll(config, slivers);
      } catch (InvalidSliverException e) {
        // Stored slivers of different shapes (never written by this node): expand them one by one.
        expanded = slivers.stream().map(sl -> ExpandedSliver.of(config, sl)).toList();
      }
      for (int i = 0; i < slivers.size(); i++) {
        SliverData sliver = slivers.get(i);
        cache.put(blobId, sliver.type(), sliver.index(), n, sliver.symbolSize(), expanded.get(i));
        out.put(new SourceKey(sliver.type(), sliver.index()), expanded.get(i));
      }
    }
    return out;
  }

  private void acquire() throws InterruptedException {
    if (!permits.tryAcquire(5, TimeUnit.SECONDS)) {
      throw new NodeApiException(ApiError.unavailable());
    }
  }
}
