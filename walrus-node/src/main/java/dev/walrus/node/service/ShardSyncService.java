package dev.walrus.node.service;

import dev.walrus.core.BlobId;
import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.core.crypto.CryptoException;
import dev.walrus.core.crypto.SignatureVerificationException;
import dev.walrus.core.messages.SignedMessage;
import dev.walrus.core.messages.SyncShardMessage;
import dev.walrus.core.messages.SyncShardRequest;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.node.api.ApiError;
import dev.walrus.node.api.SyncShardResponse;
import dev.walrus.node.committee.Committees;
import dev.walrus.node.state.BlobState;
import dev.walrus.node.store.StoredSliver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The previous owner's side of a shard hand-over (protocol.md §5.5 step 4): answers a signed
 * {@code sync_shard} request from the shard's new owner with the slivers of blobs certified before
 * the new epoch, in blob-ID order. The requester must be a current member that owns the shard,
 * sign for the current epoch, and stay within the page limit.
 */
public final class ShardSyncService {
  public static final long MAX_SLIVERS_PER_REQUEST = 100_000;
  private static final int SCAN_PAGE = 256;
  /**
   * Most sliver bytes in one answer. A page holds up to the asked count of slivers, but slivers of
   * large blobs are megabytes each; the requester asks again from the last blob until a page
   * comes back empty.
   */
  static final long MAX_PAGE_BYTES = 32L << 20;

  private final NodeContext node;

  public ShardSyncService(NodeContext node) {
    this.node = node;
  }

  public SyncShardResponse serve(String authorization, byte[] body) {
    if (authorization == null || authorization.isBlank()) {
      throw new NodeApiException(ApiError.unauthenticated("MISSING_AUTHORIZATION",
          "sync_shard needs an Authorization header with the requester's base64 BLS public key"));
    }
    BlsPublicKey key;
    try {
      key = BlsPublicKey.fromBase64(authorization.trim());
    } catch (CryptoException | IllegalArgumentException e) {
      throw NodeApiException.invalid("INVALID_AUTHORIZATION_HEADER", "the Authorization header is not a BLS public key: "
          + e.getMessage());
    }
    Committees committees = node.committee();
    Optional<Member> requester = committees.currentMember(key);
    if (requester.isEmpty()) {
      throw new NodeApiException(ApiError.permissionDenied("REQUEST_UNAUTHORIZED",
          "the key is not a member of the committee of epoch " + committees.epoch()));
    }
    SyncShardMessage message;
    try {
      message = SignedMessage.fromBcs(body, SyncShardMessage::fromBcs).verify(key);
    } catch (BcsException | IllegalArgumentException e) {
      throw NodeApiException.invalid("MESSAGE_VERIFICATION_FAILED", "malformed sync_shard request: " + e.getMessage());
    } catch (SignatureVerificationException e) {
      throw NodeApiException.invalid("MESSAGE_VERIFICATION_FAILED", "the request's signature does not verify");
    }
    SyncShardRequest request = message.request();
    if (message.epoch() != committees.epoch() || request.epoch() != committees.epoch()) {
      throw NodeApiException.invalid("INVALID_EPOCH", "the request is for epoch " + request.epoch()
          + " but this node is in epoch " + committees.epoch());
    }
    int shard = request.shardIndex();
    if (!requester.get().shards().contains(shard)) {
      throw new NodeApiException(ApiError.permissionDenied("REQUEST_UNAUTHORIZED",
          "the requester does not own shard " + shard + " in epoch " + committees.epoch()));
    }
    if (request.sliverCount() > MAX_SLIVERS_PER_REQUEST) {
      throw NodeApiException.invalid("SLIVER_COUNT_EXCEEDS_LIMIT",
          "at most " + MAX_SLIVERS_PER_REQUEST + " slivers per request, asked for " + request.sliverCount());
    }
    if (!node.store().hasShard(shard)) {
      throw NodeApiException.invalid("SHARD_NOT_ASSIGNED", "this node does not store shard " + shard);
    }
    return new SyncShardResponse(collect(shard, request, committees.epoch()));
  }

  /** Slivers of blobs certified before {@code epoch} and still certified, up to the asked count. */
  private List<SyncShardResponse.Entry> collect(int shard, SyncShardRequest request, int epoch) {
    List<SyncShardResponse.Entry> out = new ArrayList<>();
    BlobId start = request.startingBlobId();
    boolean first = true;
    long bytes = 0;
    while (out.size() < request.sliverCount() && bytes < MAX_PAGE_BYTES) {
      List<StoredSliver> page = node.store().slivers(shard, request.sliverType(), start, SCAN_PAGE,
          MAX_PAGE_BYTES - bytes);
      boolean advanced = false;
      for (StoredSliver s : page) {
        if (!first && s.blobId().equals(start)) {
          continue;
        }
        advanced = true;
        BlobState state = node.blobs().get(s.blobId());
        boolean certifiedBefore = state.certifiedAt(epoch)
            && state.initialCertifiedEpoch(epoch).map(e -> e < epoch).orElse(false);
        if (certifiedBefore && out.size() < request.sliverCount() && (out.isEmpty() || bytes < MAX_PAGE_BYTES)) {
          out.add(new SyncShardResponse.Entry(s.blobId(), s.sliver()));
          bytes += s.sliver().length();
        }
      }
      if (!advanced) {
        break; // the shard holds nothing past start
      }
      start = page.getLast().blobId();
      first = false;
    }
    return out;
  }
}
