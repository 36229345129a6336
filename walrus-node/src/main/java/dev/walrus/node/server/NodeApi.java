package dev.walrus.node.server;

import dev.walrus.core.BlobId;
import dev.walrus.core.InvalidObjectIdException;
import dev.walrus.core.ObjectId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.SymbolId;
import dev.walrus.core.hash.Node;
import dev.walrus.core.messages.BlobPersistence;
import dev.walrus.node.api.Confirmations;
import dev.walrus.node.api.DecodingSymbols;
import dev.walrus.node.api.RecoverySymbols;
import dev.walrus.node.api.StoreOutcome;
import dev.walrus.node.challenge.ChallengeService;
import dev.walrus.node.service.ConfirmationService;
import dev.walrus.node.service.NodeContext;
import dev.walrus.node.service.ShardSyncService;
import dev.walrus.node.service.StatusService;
import dev.walrus.node.service.SymbolService;
import dev.walrus.node.service.IngestBudget;
import dev.walrus.node.service.UploadService;
import dev.walrus.node.api.NodeApiJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The storage-node REST API of protocol.md §6: paths, parameters, bodies and answers. */
public final class NodeApi {
  private static final String BLOB = "/v1/blobs/{blobId}";
  private static final long MAX_WAIT_MILLIS = 60_000;

  private final NodeContext node;
  private final UploadService uploads;
  private final ConfirmationService confirmations;
  private final SymbolService symbols;
  private final StatusService status;
  private final ShardSyncService shardSync;
  private final Supplier<Object> health;
  private final Supplier<Object> detailedHealth;
  private final byte[] openApi;
  /** Storage challenges (their endpoints and blackout), or {@code null} on a node without them. */
  private final ChallengeService challenges;

  public NodeApi(NodeContext node, UploadService uploads, ConfirmationService confirmations, SymbolService symbols,
      StatusService status, ShardSyncService shardSync, Supplier<Object> health, Supplier<Object> detailedHealth,
      byte[] openApi) {
    this(node, uploads, confirmations, symbols, status, shardSync, health, detailedHealth, openApi, null);
  }

  public NodeApi(NodeContext node, UploadService uploads, ConfirmationService confirmations, SymbolService symbols,
      StatusService status, ShardSyncService shardSync, Supplier<Object> health, Supplier<Object> detailedHealth,
      byte[] openApi, ChallengeService challenges) {
    this.challenges = challenges;
    this.node = node;
    this.uploads = uploads;
    this.confirmations = confirmations;
    this.symbols = symbols;
    this.status = status;
    this.shardSync = shardSync;
    this.health = health;
    this.detailedHealth = detailedHealth;
    this.openApi = openApi;
  }

  List<Route> routes() {
    List<Route> routes = List.of(
        Route.of("GET", BLOB + "/metadata", Set.of(), c -> c.bcs(200, uploads.metadata(c.blobId()).toBcs())),
        Route.of("PUT", BLOB + "/metadata", Set.of("pending"), c -> {
          BlobId id = c.blobId();
          outcome(c, uploads.putMetadata(id, c.bcsBody(metadataLimit()), c.boolQuery("pending")), "metadata");
        }),
        Route.of("GET", BLOB + "/metadata/status", Set.of(), c -> c.success(200, uploads.metadataStatus(c.blobId()))),
        Route.of("GET", BLOB + "/slivers/{pair}/{type}", Set.of(), c ->
            c.bcs(200, uploads.sliverBcs(c.blobId(), c.pathInt(1, "sliver pair index"), Call.axis(c.path(2))))),
        Route.of("PUT", BLOB + "/slivers/{pair}/{type}", Set.of("pending"), c -> {
          BlobId id = c.blobId();
          int pair = c.pathInt(1, "sliver pair index");
          SliverType type = Call.axis(c.path(2));
          boolean pending = c.boolQuery("pending");
          long limit = sliverLimit();
          // Memory first, then the body: a node flooded with uploads makes them wait, not its heap.
          try (IngestBudget.Permit permit = uploads.admit(c.declaredLength(limit))) {
            outcome(c, uploads.putSliver(id, pair, type, c.bcsBody(limit), pending), "sliver");
          }
        }),
        Route.of("GET", BLOB + "/slivers/{pair}/{type}/status", Set.of(), c ->
            c.success(200, uploads.sliverStatus(c.blobId(), c.pathInt(1, "sliver pair index"), Call.axis(c.path(2))))),
        Route.of("GET", BLOB + "/confirmation/permanent", Set.of("wait_for_registration", "wait_millis"), c ->
            confirm(c, c.blobId(), BlobPersistence.PERMANENT)),
        Route.of("GET", BLOB + "/confirmation/deletable/{objectId}", Set.of("wait_for_registration", "wait_millis"), c -> {
          BlobId id = c.blobId();
          ObjectId object;
          try {
            object = ObjectId.parse(c.path(1));
          } catch (InvalidObjectIdException e) {
            throw Call.invalid("INVALID_OBJECT_ID", "'" + c.path(1) + "' is not an object ID: " + e.getMessage());
          }
          confirm(c, id, BlobPersistence.deletable(object));
        }),
        Route.of("GET", BLOB + "/recoverySymbols", Set.of("id", "targetSliver", "targetType", "proofAxis"), Set.of("id"),
            this::recoverySymbols),
        Route.of("GET", BLOB + "/decodingSymbols", Set.of("targetSlivers", "targetType"), Set.of("targetSlivers"), c -> {
          BlobId id = c.blobId();
          SliverType type = Call.axis(c.query("targetType").orElseThrow(() ->
              Call.invalid("INVALID_FILTER", "targetType (primary or secondary) is required")));
          List<Integer> targets = new ArrayList<>();
          for (String t : c.queryAll("targetSlivers")) {
            targets.add((int) Call.rangedLong("targetSlivers", t, 0, 0xFFFF));
          }
          c.bcs(200, DecodingSymbols.toBcs(symbols.decodingSymbols(id, targets, type)));
        }),
        Route.of("POST", BLOB + "/inconsistencyProof/{axis}", Set.of(), c -> {
          BlobId id = c.blobId();
          SliverType axis = Call.axis(c.path(1));
          c.success(200, Confirmations.signedMessageNode(symbols.checkInconsistency(id, axis, c.bcsBody(proofLimit()))));
        }),
        Route.of("GET", BLOB + "/status", Set.of(), c -> c.success(200, status.status(c.blobId()))),
        Route.of("GET", "/v1/health", Set.of("detailed"), c ->
            c.success(200, c.boolQuery("detailed") ? detailedHealth.get() : health.get())),
        Route.of("POST", "/v1/migrate/sync_shard", Set.of(), c -> c.bcs(200,
            ChallengeRoutes.skipBlackedOut(shardSync.serve(c.header("Authorization"), c.bcsBody(4096)), challenges)
                .toBcs())),
        Route.of("GET", "/v1/api", Set.of(), c -> c.send(200, "application/json", openApi)));
    return challenges == null ? routes : ChallengeRoutes.with(routes, challenges);
  }

  private void confirm(Call c, BlobId id, BlobPersistence persistence) throws InterruptedException {
    long waitMillis = c.longQuery("wait_millis", 5_000, 0, MAX_WAIT_MILLIS);
    long wait = c.boolQuery("wait_for_registration") ? waitMillis : 0;
    c.success(200, Confirmations.storageConfirmationNode(confirmations.confirm(id, persistence, wait)));
  }

  private void recoverySymbols(Call c) throws InterruptedException {
    BlobId id = c.blobId();
    Optional<SliverType> proofAxis = c.query("proofAxis").map(Call::axis);
    List<String> ids = c.queryAll("id");
    Optional<String> target = c.query("targetSliver");
    Optional<String> targetType = c.query("targetType");
    if (!ids.isEmpty() && (target.isPresent() || targetType.isPresent())) {
      throw Call.invalid("INVALID_FILTER", "give either id=P-S values or targetSliver and targetType, not both");
    }
    if (ids.isEmpty()) {
      if (target.isEmpty() || targetType.isEmpty()) {
        throw Call.invalid("NO_SYMBOLS_SPECIFIED", "give id=P-S values, or targetSliver and targetType");
      }
      int t = (int) Call.rangedLong("targetSliver", target.get(), 0, 0xFFFF);
      c.bcs(200, RecoverySymbols.toBcs(symbols.recoverySymbolsFor(id, t, Call.axis(targetType.get()), proofAxis)));
      return;
    }
    if (ids.size() > EncodingConfig.MAX_SHARDS) {
      throw Call.invalid("INVALID_FILTER", "too many symbol IDs: " + ids.size());
    }
    List<SymbolId> parsed = new ArrayList<>();
    for (String s : ids) {
      try {
        parsed.add(SymbolId.parse(s));
      } catch (IllegalArgumentException e) {
        throw Call.invalid("INVALID_FILTER", "'" + s + "' is not a symbol ID (P-S)");
      }
    }
    c.bcs(200, RecoverySymbols.toBcs(symbols.recoverySymbols(id, parsed, proofAxis.map(SliverType::orthogonal))));
  }

  /** The few answers to uploads, serialised once: uploads are the node's most frequent request. */
  private static final Map<String, byte[]> OUTCOMES = new ConcurrentHashMap<>();

  private static void outcome(Call c, StoreOutcome outcome, String what) {
    String message = what + " " + outcome.message();
    byte[] body = OUTCOMES.computeIfAbsent(outcome.httpStatus() + " " + message,
        k -> NodeApiJson.success(outcome.httpStatus(), message).getBytes(StandardCharsets.UTF_8));
    c.send(outcome.httpStatus(), "application/json", body);
  }


  private long metadataLimit() {
    return metadataLimit(node.encoding());
  }

  /**
   * BCS metadata: two hashes per sliver pair, each a {@code Node} enum (a tag byte and 32 bytes),
   * plus the enum, type, length and vector-length header. {@code metadataLength()} (64n + 32, what
   * the ledger bills) leaves out the tags, so it is too small from 43 shards on.
   */
  static long metadataLimit(EncodingConfig config) {
    return 2L * config.nShards() * (1 + Node.LENGTH) + 64;
  }

  /** The largest sliver (a primary one: n − f symbols of the largest size) and BCS overhead. */
  private long sliverLimit() {
    EncodingConfig config = node.encoding();
    return (long) config.secondarySymbols() * EncodingConfig.MAX_SYMBOL_SIZE + 128;
  }

  private long proofLimit() {
    EncodingConfig config = node.encoding();
    int depth = 32 - Integer.numberOfLeadingZeros(config.nShards());
    return (long) config.secondarySymbols() * (EncodingConfig.MAX_SYMBOL_SIZE + 16 + 33L * (depth + 1)) + 64;
  }
}
