package dev.walrus.cli.daemon;

import dev.walrus.cli.daemon.Route.Doc;
import dev.walrus.cli.daemon.Route.Param;
import dev.walrus.client.NotEnoughConfirmationsException;
import dev.walrus.client.StoreOptions;
import dev.walrus.client.BlobStoreResultJson;
import dev.walrus.client.StoreResult;
import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.node.api.BlobStatus;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import tools.jackson.databind.node.ObjectNode;

/**
 * The publisher's {@code PUT /v1/blobs} (protocol.md §7.2): authorise (JWT, before the body is
 * read), spool the body to a file, refuse blocked content, store it with the publisher's wallet,
 * then transfer or share the new Blob object if asked, and answer Walrus's {@code BlobStoreResult}.
 */
final class PublisherRoutes {
  private static final long MAX_U32 = 0xFFFF_FFFFL;
  private static final Set<String> QUERY = Set.of("encoding_type", "epochs", "deletable", "permanent", "force",
      "quilt_version", "reuse_resources", "send_object_to", "share");
  private static final Doc DOC = new Doc("publisher", "Store a blob", List.of(
      new Param("epochs", "query", "integer", false, "Epochs ahead to store for (default 1)"),
      new Param("permanent", "query", "boolean", false, "Store a permanent blob (default: deletable)"),
      new Param("deletable", "query", "boolean", false, "Deprecated, no effect: blobs are deletable by default"),
      new Param("force", "query", "boolean", false, "Store even if the blob is already certified"),
      new Param("reuse_resources", "query", "boolean", false, "Accepted for compatibility"),
      new Param("encoding_type", "query", "string", false, "RS2 (the only encoding)"),
      new Param("send_object_to", "query", "string", false, "Send the new Blob object to this address (0x…)"),
      new Param("share", "query", "boolean", false, "Turn the new Blob object into a shared blob"),
      new Param("quilt_version", "query", "string", false, "Quilt uploads only; ignored here"),
      new Param("Authorization", "header", "string", false, "Bearer <JWT>, when the publisher requires one")),
      Map.of(200, "BlobStoreResult: {\"newlyCreated\":…} or {\"alreadyCertified\":…}",
          400, "Bad parameters (INVALID_BLOB_PERSISTENCE, …) or token claims",
          401, "The token's signature is invalid (INVALID_SIGNATURE)",
          413, "The body exceeds --max-body-size",
          429, "Too many requests, or the token was already used (TOKEN_ALREADY_USED)",
          451, "The blob is blocked (FORBIDDEN_BLOB)",
          500, "Internal error",
          504, "Too few storage nodes confirmed (INSUFFICIENT_CONFIRMATIONS), or the token expired"),
      "the blob's bytes (application/octet-stream)");

  private final DaemonContext ctx;
  private final JwtAuth auth;
  private final Path uploads;

  private PublisherRoutes(DaemonContext ctx, JwtAuth auth, Path uploads) {
    this.ctx = ctx;
    this.auth = auth;
    this.uploads = uploads;
  }

  /** @param auth {@code null} when the publisher takes uploads without tokens */
  static List<Route> routes(DaemonContext ctx, LoadShedder limit, JwtAuth auth, Path uploads) {
    PublisherRoutes r = new PublisherRoutes(ctx, auth, uploads);
    return List.of(Route.of("PUT", "/v1/blobs", QUERY, limit, DOC, r::put));
  }

  /** The query of a store, validated. */
  private record Query(int epochs, boolean permanent, boolean force, Address sendObjectTo, boolean share) {}

  private static Query query(Exchange x) {
    x.query("encoding_type").ifPresent(t -> {
      if (!t.equals("RS2")) {
        throw DaemonError.invalidArgument("INVALID_ENCODING_TYPE", "unsupported encoding type '" + t + "' (only RS2)");
      }
    });
    x.query("quilt_version").ifPresent(v -> {
      if (!Set.of("v1", "V1", "1").contains(v)) {
        throw DaemonError.invalidArgument("INVALID_QUILT_VERSION", "unknown quilt version '" + v + "'");
      }
    });
    long epochs = x.unsigned("epochs", MAX_U32).orElse(1L);
    if (epochs < 1 || epochs > Integer.MAX_VALUE) {
      throw DaemonError.invalidArgument("INVALID_EPOCHS", "epochs must be at least 1, got " + epochs);
    }
    boolean permanent = x.flag("permanent");
    if (permanent && x.flag("deletable")) {
      throw DaemonError.invalidArgument("INVALID_BLOB_PERSISTENCE", "a blob cannot be both deletable and permanent");
    }
    x.flag("reuse_resources");
    Address to = x.query("send_object_to").map(a -> {
      try {
        return Address.parse(a);
      } catch (RuntimeException e) {
        throw DaemonError.invalidArgument("INVALID_ADDRESS", "send_object_to '" + a + "' is not an address (0x…)");
      }
    }).orElse(null);
    boolean shareGiven = x.query("share").isPresent();
    if (to != null && shareGiven) {
      throw DaemonError.invalidArgument("INVALID_ARGUMENT", "send_object_to and share exclude each other");
    }
    return new Query((int) epochs, permanent, x.flag("force"), to, x.flag("share"));
  }

  private void put(Exchange x) throws Exception {
    Query q = query(x);
    String authorization = x.header(HttpHeader.AUTHORIZATION);
    if (auth != null) {
      auth.authorise(authorization, q.epochs(), q.sendObjectTo(), x.contentLength());
    }
    try (UploadBody body = UploadBody.receive(x, ctx.settings().maxBodyBytes(), uploads)) {
      if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        JwtAuth.checkBodySize(authorization, body.size());
      }
      if (ctx.blocklist().size() > 0 && ctx.blocklist().isBlocked(blobId(body.file()))) {
        throw DaemonError.forbiddenBlob();
      }
      StoreOptions options = StoreOptions.defaults().withEpochs(q.epochs()).withDeletable(!q.permanent())
          .withForce(q.force()).withShare(q.share());
      StoreResult result;
      try {
        result = ctx.walrus().store(body.file(), options);
      } catch (NotEnoughConfirmationsException e) {
        throw DaemonError.of(504, "DEADLINE_EXCEEDED", "INSUFFICIENT_CONFIRMATIONS",
            "the service timed-out while waiting for confirmations, please try again");
      }
      x.json(200, answer(result, q).toString());
    }
  }

  /** Walrus's {@code BlobStoreResult} JSON, after sending the new Blob object where it was asked to go. */
  private ObjectNode answer(StoreResult result, Query q) {
    return switch (result.outcome()) {
      case MARKED_INVALID -> throw DaemonError.internal(
          "the blob was marked invalid, which is likely a system error, please report it");
      case ERROR -> throw DaemonError.internal(result.failure() == null ? "the store failed" : result.failure().toString());
      case ALREADY_CERTIFIED -> BlobStoreResultJson.toJson(result);
      case NEWLY_CREATED -> {
        if (q.sendObjectTo() != null) {
          execute("transfer the blob object", new Operation.TransferObject(result.objectId(), q.sendObjectTo()));
        }
        yield BlobStoreResultJson.toJson(result);
      }
    };
  }

  private TransactionEffects execute(String what, Operation op) {
    TransactionEffects e = ctx.ledger().execute(ctx.wallet(), op);
    if (!e.succeeded()) {
      throw DaemonError.internal("the blob was stored but the publisher could not " + what + ": "
          + (e.abort() != null ? e.abort().message() : e.rejection()));
    }
    return e;
  }

  /** The blob ID the upload will have, to check it against the blocklist before paying for it. */
  private BlobId blobId(Path file) throws IOException {
    EncodingConfig config = EncodingConfig.forShards(ctx.ledger().committee().nShards());
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofShared()) {
      MemorySegment data = ch.size() == 0 ? MemorySegment.ofArray(new byte[0])
          : ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      return new BlobEncoder(config).computeMetadata(data).blobId();
    }
  }
}
