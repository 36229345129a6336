package dev.walrus.node.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.challenge.ChallengeResponse;
import dev.walrus.core.challenge.SignedChallenge;
import dev.walrus.core.SliverType;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.crypto.BlsPublicKey;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.InconsistencyProof;
import dev.walrus.core.encoding.RecoverySymbol;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SymbolId;
import dev.walrus.core.messages.BlobPersistence;
import dev.walrus.core.messages.InvalidBlobIdMessage;
import dev.walrus.core.messages.SignedMessage;
import dev.walrus.core.messages.StorageConfirmation;
import dev.walrus.core.messages.SyncShardMessage;
import dev.walrus.node.api.BlobStatus;
import dev.walrus.node.api.Confirmations;
import dev.walrus.node.api.DecodingSymbols;
import dev.walrus.node.api.EitherDecodingSymbol;
import dev.walrus.node.api.HealthInfo;
import dev.walrus.node.api.NodeApiJson;
import dev.walrus.node.api.RecoverySymbols;
import dev.walrus.node.api.StoreOutcome;
import dev.walrus.node.api.StoredOnNodeStatus;
import dev.walrus.node.api.SyncShardResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.StringJoiner;
import org.eclipse.jetty.client.ByteBufferRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpMethod;

/**
 * The REST API of one storage node (protocol.md §6), as blocking calls meant for virtual threads.
 * Obtained from {@link StorageNodeClients#forNode}; cheap, thread-safe, shares its pool's
 * connections.
 *
 * <p>Responses are parsed strictly but nothing is verified cryptographically: metadata, slivers,
 * symbols and signatures must be checked by the caller against the blob ID, the metadata and the
 * node's key. Every failure is a {@link StorageNodeException}.
 */
public final class StorageNodeClient {
  private static final String BCS = "application/octet-stream";
  private final Exchange exchange;
  private final StorageNodeClients.Limits limits;

  StorageNodeClient(HttpClient http, String node, String baseUrl, StorageNodeClients.Limits limits) {
    this.exchange = new Exchange(http, node, baseUrl);
    this.limits = limits;
  }

  private StorageNodeClient(Exchange exchange, StorageNodeClients.Limits limits) {
    this.exchange = exchange;
    this.limits = limits;
  }

  /** This node's client with another per-request timeout. */
  public StorageNodeClient withTimeout(Duration requestTimeout) {
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("request timeout must be positive, got " + requestTimeout);
    }
    return new StorageNodeClient(exchange, new StorageNodeClients.Limits(requestTimeout,
        limits.maxJsonResponseBytes(), limits.maxBinaryResponseBytes(), limits.maxSyncShardResponseBytes()));
  }

  /** The node's {@code host:port}. */
  public String node() {
    return exchange.node();
  }

  public Duration requestTimeout() {
    return limits.requestTimeout();
  }

  // ---- metadata -------------------------------------------------------------------------------

  /** The blob's metadata; the blob ID in the answer must be the one asked for (not verified further). */
  public BlobMetadataWithId metadata(BlobId blobId) {
    BoundedBodyListener.Reply reply = binaryGet(blob(blobId, "/metadata"));
    BlobMetadataWithId m = exchange.decode(reply, "metadata", BlobMetadataWithId::fromBcs);
    if (!m.blobId().equals(blobId)) {
      throw exchange.invalid(reply.status(), "metadata for blob " + m.blobId() + " instead of " + blobId);
    }
    return m;
  }

  /** Uploads metadata; {@code pending} asks the node to buffer it if the blob is not registered yet. */
  public StoreOutcome putMetadata(BlobId blobId, BlobMetadata metadata, boolean pending) {
    return store(blob(blobId, "/metadata") + pendingQuery(pending), metadata.toBcs());
  }

  public StoredOnNodeStatus metadataStatus(BlobId blobId) {
    return json(blob(blobId, "/metadata/status"), StoredOnNodeStatus.class);
  }

  // ---- slivers --------------------------------------------------------------------------------

  public SliverData sliver(BlobId blobId, int pairIndex, SliverType type) {
    BoundedBodyListener.Reply reply = binaryGet(sliverPath(blobId, pairIndex, type));
    return exchange.decode(reply, "sliver", body -> SliverData.fromBcs(type, body));
  }

  /** Uploads a sliver of pair {@code pairIndex}; its axis is {@code sliver.type()}. */
  public StoreOutcome putSliver(BlobId blobId, int pairIndex, SliverData sliver, boolean pending) {
    // The BCS body is length ‖ symbols ‖ symbol size ‖ index: sent as three buffers, so a sliver
    // of tens of megabytes is not copied once more to be sent.
    byte[] prefix = new BcsWriter(5).uleb128(sliver.length()).toByteArray();
    byte[] suffix = new BcsWriter(4).u16(sliver.symbolSize()).u16(sliver.index()).toByteArray();
    BoundedBodyListener.Reply reply = exchange.send(HttpMethod.PUT,
        sliverPath(blobId, pairIndex, sliver.type()) + pendingQuery(pending),
        new ByteBufferRequestContent(BCS, ByteBuffer.wrap(prefix), sliver.data(), ByteBuffer.wrap(suffix)),
        limits.requestTimeout(), limits.maxJsonResponseBytes());
    return storeOutcome(reply);
  }

  public StoredOnNodeStatus sliverStatus(BlobId blobId, int pairIndex, SliverType type) {
    return json(sliverPath(blobId, pairIndex, type) + "/status", StoredOnNodeStatus.class);
  }

  // ---- confirmations, status, health ----------------------------------------------------------

  /**
   * The node's signed storage confirmation. With {@code waitForRegistration} (not {@code null},
   * not zero) the node waits up to that long for the blob's registration to reach it; the
   * request timeout is extended by the same amount.
   */
  public SignedMessage<StorageConfirmation> confirmation(
      BlobId blobId, BlobPersistence persistence, Duration waitForRegistration) {
    String path = switch (persistence) {
      case BlobPersistence.Permanent p -> blob(blobId, "/confirmation/permanent");
      case BlobPersistence.Deletable d -> blob(blobId, "/confirmation/deletable/" + d.objectId());
    };
    Duration timeout = limits.requestTimeout();
    if (waitForRegistration != null && !waitForRegistration.isZero() && !waitForRegistration.isNegative()) {
      path += "?wait_for_registration=true&wait_millis=" + waitForRegistration.toMillis();
      timeout = timeout.plus(waitForRegistration);
    }
    BoundedBodyListener.Reply reply = exchange.send(HttpMethod.GET, path, null, null, timeout, limits.maxJsonResponseBytes());
    return exchange.decode(reply, "storage confirmation",
        body -> Confirmations.parseStorageConfirmation(NodeApiJson.successData(body)));
  }

  public BlobStatus blobStatus(BlobId blobId) {
    BoundedBodyListener.Reply reply = jsonGet(blob(blobId, "/status"));
    return exchange.decode(reply, "blob status", body -> BlobStatus.fromJsonNode(NodeApiJson.successData(body)));
  }

  public HealthInfo health(boolean detailed) {
    return json("/v1/health" + (detailed ? "?detailed=true" : ""), HealthInfo.class);
  }

  // ---- recovery -------------------------------------------------------------------------------

  /**
   * The recovery symbols {@code ids} (those this node's shards hold), each with a proof from a
   * sliver of {@code proofAxis} ({@code null}: the node chooses).
   */
  public List<RecoverySymbol> recoverySymbols(BlobId blobId, List<SymbolId> ids, SliverType proofAxis) {
    if (ids.isEmpty()) {
      throw new IllegalArgumentException("no symbol IDs given");
    }
    StringJoiner query = new StringJoiner("&", "?", "");
    if (proofAxis != null) {
      query.add("proofAxis=" + proofAxis.urlName());
    }
    for (SymbolId id : ids) {
      query.add("id=" + id);
    }
    return symbols(blob(blobId, "/recoverySymbols") + query);
  }

  /** Every recovery symbol this node's shards can give towards sliver {@code targetSliver} of {@code targetType}. */
  public List<RecoverySymbol> recoverySymbols(
      BlobId blobId, int targetSliver, SliverType targetType, SliverType proofAxis) {
    checkU16(targetSliver, "target sliver");
    String query = (proofAxis != null ? "?proofAxis=" + proofAxis.urlName() + "&" : "?")
        + "targetSliver=" + targetSliver + "&targetType=" + targetType.urlName();
    return symbols(blob(blobId, "/recoverySymbols") + query);
  }

  /** For each systematic target sliver, the decoding symbols this node can give towards it. */
  public SortedMap<Integer, List<EitherDecodingSymbol>> decodingSymbols(
      BlobId blobId, List<Integer> targetSlivers, SliverType targetType) {
    if (targetSlivers.isEmpty()) {
      throw new IllegalArgumentException("no target slivers given");
    }
    StringJoiner query = new StringJoiner("&", "?", "");
    for (int t : targetSlivers) {
      query.add("targetSlivers=" + checkU16(t, "target sliver"));
    }
    query.add("targetType=" + targetType.urlName());
    BoundedBodyListener.Reply reply = binaryGet(blob(blobId, "/decodingSymbols") + query);
    return exchange.decode(reply, "decoding symbols", DecodingSymbols::fromBcs);
  }

  /** Submits an inconsistency proof; the node answers with its signed attestation that the blob is invalid. */
  public SignedMessage<InvalidBlobIdMessage> inconsistencyProof(BlobId blobId, InconsistencyProof proof) {
    String path = blob(blobId, "/inconsistencyProof/" + proof.targetType().urlName());
    BoundedBodyListener.Reply reply = exchange.send(
        HttpMethod.POST, path, proof.toBcs(), null, limits.requestTimeout(), limits.maxJsonResponseBytes());
    return exchange.decode(reply, "invalid-blob attestation",
        body -> Confirmations.parseInvalidBlobIdAttestation(NodeApiJson.successData(body)));
  }

  // ---- shard migration ------------------------------------------------------------------------

  /** Asks the previous owner of a shard for its slivers; {@code requester} is the signer's public key. */
  public SyncShardResponse syncShard(SignedMessage<SyncShardMessage> request, BlsPublicKey requester) {
    BoundedBodyListener.Reply reply = exchange.send(HttpMethod.POST, "/v1/migrate/sync_shard",
        request.toBcs(), requester.toBase64(), limits.requestTimeout(), limits.maxSyncShardResponseBytes());
    return exchange.decode(reply, "sync-shard response", SyncShardResponse::fromBcs);
  }

  // ---- storage challenges (spec/challenges.md §6.4) -------------------------------------------

  /**
   * Sends a signed challenge request; the answer's items are not checked here (the challenger
   * checks each against the blob's metadata).
   */
  public ChallengeResponse challenge(long epoch, SignedChallenge request) {
    BoundedBodyListener.Reply reply = exchange.send(HttpMethod.POST, "/v1/challenges/" + epoch, request.toBcs(), null,
        limits.requestTimeout(), limits.maxBinaryResponseBytes());
    return exchange.decode(reply, "challenge response", ChallengeResponse::fromBcs);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private List<RecoverySymbol> symbols(String pathAndQuery) {
    return exchange.decode(binaryGet(pathAndQuery), "recovery symbols", RecoverySymbols::fromBcs);
  }

  private StoreOutcome store(String pathAndQuery, byte[] bcs) {
    return storeOutcome(exchange.send(
        HttpMethod.PUT, pathAndQuery, bcs, null, limits.requestTimeout(), limits.maxJsonResponseBytes()));
  }

  private StoreOutcome storeOutcome(BoundedBodyListener.Reply reply) {
    return exchange.decode(reply, "store answer", body -> {
      NodeApiJson.successData(body);
      return StoreOutcome.fromHttpStatus(reply.status());
    });
  }

  private <T> T json(String pathAndQuery, Class<T> type) {
    return exchange.decode(jsonGet(pathAndQuery), type.getSimpleName(), body -> NodeApiJson.parseSuccess(body, type));
  }

  private BoundedBodyListener.Reply jsonGet(String pathAndQuery) {
    return exchange.send(HttpMethod.GET, pathAndQuery, null, null, limits.requestTimeout(), limits.maxJsonResponseBytes());
  }

  private BoundedBodyListener.Reply binaryGet(String pathAndQuery) {
    return exchange.send(HttpMethod.GET, pathAndQuery, null, null, limits.requestTimeout(), limits.maxBinaryResponseBytes());
  }

  private static String blob(BlobId blobId, String rest) {
    return "/v1/blobs/" + blobId + rest;
  }

  private static String sliverPath(BlobId blobId, int pairIndex, SliverType type) {
    return blob(blobId, "/slivers/" + checkU16(pairIndex, "sliver pair index") + "/" + type.urlName());
  }

  private static String pendingQuery(boolean pending) {
    return pending ? "?pending=true" : "";
  }

  private static int checkU16(int v, String what) {
    if (v < 0 || v > 0xFFFF) {
      throw new IllegalArgumentException(what + " " + v + " is not a u16");
    }
    return v;
  }

  @Override
  public String toString() {
    return "StorageNodeClient[" + exchange.node() + "]";
  }
}
