package dev.walrus.daemon;

import dev.walrus.daemon.Route.Doc;
import dev.walrus.client.BlobStoreResultJson;
import dev.walrus.client.NotEnoughConfirmationsException;
import dev.walrus.client.StoreOptions;
import dev.walrus.client.StoreResult;
import dev.walrus.core.BlobId;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.jetty.http.HttpHeader;
import tools.jackson.databind.node.ObjectNode;

/**
 * The publisher's {@code PUT /v1/blobs} (protocol.md §7.2): authorise (JWT, before the body is
 * read), spool the body to a file, refuse blocked content, store it with the publisher's wallet,
 * then transfer or share the new Blob object if asked, and answer Walrus's {@code BlobStoreResult}.
 * The steps every store shares — the token, the confirmations, the answer — serve {@link
 * QuiltRoutes}' store too.
 */
final class PublisherRoutes {
  /** What a store may answer, for the OpenAPI documents of both stores. */
  static final Map<Integer, String> STORE_RESPONSES = Map.of(
      400, "Bad parameters (INVALID_BLOB_PERSISTENCE, …) or token claims",
      401, "The token's signature is invalid (INVALID_SIGNATURE)",
      429, "Too many requests, or the token was already used (TOKEN_ALREADY_USED)",
      451, "The blob is blocked (FORBIDDEN_BLOB)",
      500, "Internal error",
      504, "Too few storage nodes confirmed (INSUFFICIENT_CONFIRMATIONS), or the token expired");
  private static final Doc DOC = new Doc("publisher", "Store a blob",
      PublisherQuery.params("Quilt uploads only; ignored here"),
      Route.merge(STORE_RESPONSES, Map.of(200, "BlobStoreResult: {\"newlyCreated\":…} or {\"alreadyCertified\":…}",
          413, "The body exceeds --max-body-size (by default the network's maximum blob size)")),
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
    return List.of(Route.of("PUT", "/v1/blobs", PublisherQuery.NAMES, limit, DOC, r::put));
  }

  private void put(Exchange x) throws Exception {
    PublisherQuery q = PublisherQuery.parse(x);
    String authorization = authorise(auth, x, q);
    Long configured = ctx.settings().maxBodyBytes();
    long limit = configured != null ? configured : ctx.walrus().maxBlobSize();
    try (UploadBody body = UploadBody.receive(x, limit, uploads)) {
      checkBodySize(authorization, body.size());
      StoreOptions options = q.storeOptions().withBeforeStoring(this::refuseBlocked);
      StoreResult result = withConfirmations(() -> ctx.walrus().store(body.blob(), options));
      x.json(200, answer(ctx, result, q).toString());
    }
  }

  /** Blocked content is refused once its blob ID is known, before anything is paid. */
  private void refuseBlocked(BlobId blobId) {
    if (ctx.blocklist().isBlocked(blobId)) {
      throw DaemonError.forbiddenBlob();
    }
  }

  /**
   * Checks the bearer token, if the publisher requires one, before the body is read; returns the
   * {@code Authorization} header for {@link #checkBodySize}.
   */
  static String authorise(JwtAuth auth, Exchange x, PublisherQuery q) {
    String authorization = x.header(HttpHeader.AUTHORIZATION);
    if (auth != null) {
      auth.authorise(authorization, q.epochs(), q.sendObjectTo(), x.contentLength());
    }
    return authorization;
  }

  /** Walrus re-checks a token's size claims against what is actually stored. */
  static void checkBodySize(String authorization, long size) {
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      JwtAuth.checkBodySize(authorization, size);
    }
  }

  /** Runs a store; too few confirmations is Walrus's 504. */
  static <T> T withConfirmations(Callable<T> store) throws Exception {
    try {
      return store.call();
    } catch (NotEnoughConfirmationsException e) {
      throw DaemonError.of(504, "DEADLINE_EXCEEDED", "INSUFFICIENT_CONFIRMATIONS",
          "the service timed-out while waiting for confirmations, please try again");
    }
  }

  /** Walrus's {@code BlobStoreResult} JSON, after sending the new Blob object where it was asked to go. */
  static ObjectNode answer(DaemonContext ctx, StoreResult result, PublisherQuery q) {
    return switch (result.outcome()) {
      case MARKED_INVALID -> throw DaemonError.internal(
          "the blob was marked invalid, which is likely a system error, please report it");
      case ERROR -> throw DaemonError.internal(result.failure() == null ? "the store failed" : result.failure().toString());
      case ALREADY_CERTIFIED -> BlobStoreResultJson.toJson(result);
      case NEWLY_CREATED -> {
        if (q.sendObjectTo() != null) {
          execute(ctx, "transfer the blob object", new Operation.TransferObject(result.objectId(), q.sendObjectTo()));
        }
        yield BlobStoreResultJson.toJson(result);
      }
    };
  }

  private static TransactionEffects execute(DaemonContext ctx, String what, Operation op) {
    TransactionEffects e = ctx.ledger().execute(ctx.wallet(), op);
    if (!e.succeeded()) {
      throw DaemonError.internal("the blob was stored but the publisher could not " + what + ": "
          + (e.abort() != null ? e.abort().message() : e.rejection()));
    }
    return e;
  }
}
