package dev.walrus.daemon;

import dev.walrus.daemon.Route.Doc;
import dev.walrus.daemon.Route.Param;
import dev.walrus.client.QuiltMetadata;
import dev.walrus.client.QuiltStoreResult;
import dev.walrus.client.QuiltStoreResultJson;
import dev.walrus.client.StoreOptions;
import dev.walrus.core.BlobId;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.quilt.Quilt;
import dev.walrus.core.quilt.QuiltEncoder;
import dev.walrus.core.quilt.QuiltException;
import dev.walrus.core.quilt.QuiltFile;
import dev.walrus.core.quilt.QuiltPatch;
import dev.walrus.core.quilt.QuiltPatchId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The quilt endpoints (protocol.md §7.1, §7.2, §8): the publisher's {@code PUT /v1/quilts}, which
 * lays the files of a multipart form out as one quilt and stores it like a blob, and the
 * aggregator's reads of single patches — by quilt patch ID or by quilt ID and identifier, the
 * patch's tags as headers — and the list of a quilt's patches.
 */
final class QuiltRoutes {
  static final String PATCH_IDENTIFIER_HEADER = "X-Quilt-Patch-Identifier";
  private static final Param QUILT_ID = new Param("quilt_id", "path", "string", true, "The quilt's blob ID.");
  private static final Map<Integer, String> READ_ERRORS = Map.of(
      400, "Malformed ID (INVALID_BLOB_ID, INVALID_QUILT_PATCH_ID)",
      404, "The quilt does not exist (BLOB_NOT_FOUND) or has no such patch (QUILT_PATCH_NOT_FOUND)",
      429, "Too many requests",
      451, "The quilt is blocked (FORBIDDEN_BLOB)",
      500, "Internal error (the blob is not a well-formed quilt)",
      503, "Too few storage nodes answered (BLOB_UNAVAILABLE)");
  private static final String PATCH_BYTES = "The patch's bytes; X-Quilt-Patch-Identifier names it, its allowed "
      + "tags are headers, the ETag is the quilt ID";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final DaemonContext ctx;

  private QuiltRoutes(DaemonContext ctx) {
    this.ctx = ctx;
  }

  /** The aggregator's reads. */
  static List<Route> readRoutes(DaemonContext ctx, LoadShedder limit) {
    QuiltRoutes r = new QuiltRoutes(ctx);
    return List.of(
        Route.of("GET", "/v1/blobs/by-quilt-patch-id/{quilt_patch_id}", null, limit,
            new Doc("aggregator", "Read a quilt patch by its quilt patch ID",
                List.of(new Param("quilt_patch_id", "path", "string", true,
                    "The quilt patch ID (URL-safe base64 without padding, 50 characters).")),
                Route.merge(READ_ERRORS, Map.of(200, PATCH_BYTES)), null),
            r::readByPatchId),
        Route.of("GET", "/v1/blobs/by-quilt-id/{quilt_id}/{identifier}", null, limit,
            new Doc("aggregator", "Read a quilt patch by the quilt's ID and the patch's identifier",
                List.of(QUILT_ID, new Param("identifier", "path", "string", true, "The patch's identifier.")),
                Route.merge(READ_ERRORS, Map.of(200, PATCH_BYTES)), null),
            r::readByIdentifier),
        Route.of("GET", "/v1/quilts/{quilt_id}/patches", null, limit,
            new Doc("aggregator", "List the patches of a quilt", List.of(QUILT_ID),
                Route.merge(READ_ERRORS,
                    Map.of(200, "[{\"identifier\": s, \"patch_id\": s, \"tags\": {k: v}}], in quilt order")), null),
            r::listPatches));
  }

  /** The publisher's store; {@code auth} is {@code null} when it takes uploads without tokens. */
  static Route storeRoute(DaemonContext ctx, LoadShedder limit, JwtAuth auth, Path uploads) {
    QuiltRoutes r = new QuiltRoutes(ctx);
    return Route.of("PUT", "/v1/quilts", PublisherQuery.NAMES, limit,
        new Doc("publisher", "Store files as one quilt",
            PublisherQuery.params("The quilt format: v1, V1 or 1 (the default and only version)"),
            Route.merge(PublisherRoutes.STORE_RESPONSES, Map.of(
                200, "{\"blobStoreResult\": BlobStoreResult, \"storedQuiltBlobs\": [{\"identifier\", "
                    + "\"quiltPatchId\", \"range\": [start, end]}]}",
                400, "Bad parameters or token claims, or a malformed form or quilt (MALFORMED_REQUEST)",
                413, "The body exceeds --max-quilt-body-size")),
            "multipart/form-data: one part per file, its field name the identifier; optionally a part "
                + "_metadata = [{\"identifier\": s, \"tags\": {k: v}}]"),
        x -> r.store(x, auth, uploads));
  }

  private void store(Exchange x, JwtAuth auth, Path uploads) throws Exception {
    PublisherQuery q = PublisherQuery.parse(x);
    String authorization = PublisherRoutes.authorise(auth, x, q);
    List<QuiltFile> files = QuiltForm.read(x, ctx.settings().maxQuiltBodyBytes(), uploads);
    if (authorization != null) {
      // Walrus checks the token's size claims against the quilt.
      PublisherRoutes.checkBodySize(authorization, layOut(files).bytesUnsafe().length);
    }
    StoreOptions options = q.storeOptions().withBeforeStoring(id -> {
      if (ctx.blocklist().isBlocked(id)) {
        throw DaemonError.forbiddenBlob();
      }
    });
    QuiltStoreResult result = PublisherRoutes.withConfirmations(() -> malformedIfNoQuilt(
        () -> ctx.walrus().storeQuilt(files, options)));
    ObjectNode blobStoreResult = PublisherRoutes.answer(ctx, result.blobStoreResult(), q);
    ObjectNode answer = QuiltStoreResultJson.toJson(result);
    answer.set("blobStoreResult", blobStoreResult);
    x.json(200, answer.toString());
  }

  private Quilt layOut(List<QuiltFile> files) {
    EncodingConfig config = EncodingConfig.forShards(ctx.ledger().committee().nShards());
    return malformedIfNoQuilt(() -> new QuiltEncoder(config).encode(files));
  }

  /** Files that form no quilt (duplicate identifiers, too many, too large) are the client's error. */
  private static <T> T malformedIfNoQuilt(Supplier<T> build) {
    try {
      return build.get();
    } catch (QuiltException e) {
      throw DaemonError.malformedRequest("failed to construct quilt: " + e.getMessage());
    }
  }

  private void readByPatchId(Exchange x) throws Exception {
    String text = x.path("quilt_patch_id");
    QuiltPatchId id;
    try {
      id = QuiltPatchId.parse(text);
    } catch (QuiltException e) {
      throw DaemonError.invalidArgument("INVALID_QUILT_PATCH_ID", e.getMessage());
    }
    checkBlocked(id.quiltId());
    answerPatch(x, id.quiltId(), read(() -> ctx.walrus().readQuiltPatch(id)));
  }

  private void readByIdentifier(Exchange x) throws Exception {
    BlobId quiltId = x.blobId("quilt_id");
    String identifier = x.path("identifier");
    checkBlocked(quiltId);
    answerPatch(x, quiltId, read(() -> ctx.walrus().readQuiltFile(quiltId, identifier)));
  }

  private void listPatches(Exchange x) {
    BlobId quiltId = x.blobId("quilt_id");
    checkBlocked(quiltId);
    QuiltMetadata metadata = read(() -> ctx.walrus().listQuiltPatches(quiltId));
    ArrayNode items = NODES.arrayNode();
    for (QuiltPatch p : metadata.index().patches()) {
      ObjectNode item = items.addObject();
      item.put("identifier", p.identifier());
      item.put("patch_id", new QuiltPatchId(quiltId, p.internalId()).toString());
      ObjectNode tags = item.putObject("tags");
      p.tags().forEach(tags::put);
    }
    x.json(200, items.toString());
  }

  private void checkBlocked(BlobId quiltId) {
    if (ctx.blocklist().isBlocked(quiltId)) {
      throw DaemonError.forbiddenBlob();
    }
  }

  /** A read of the quilt, its failures as Walrus answers them. */
  private static <T> T read(Supplier<T> read) {
    try {
      return read.get();
    } catch (QuiltException e) {
      if (e.reason() == QuiltException.Reason.PATCH_NOT_FOUND) {
        throw DaemonError.quiltPatchNotFound(e.getMessage());
      }
      throw DaemonError.internal("the quilt cannot be read: " + e.getMessage());
    } catch (RuntimeException e) {
      throw AggregatorRoutes.readError(e, 400);
    }
  }

  /** The patch's bytes with the read headers, its tags (those allowed) and its identifier. */
  private void answerPatch(Exchange x, BlobId quiltId, QuiltFile file) throws Exception {
    ResponseHeaders.forRead(x, quiltId.toString());
    ResponseHeaders.fromAttributes(x, file.tags(),
        ctx.settings().allowQuiltPatchTagsInResponse() ? null : ctx.settings().allowedHeaders());
    if (ResponseHeaders.isHeaderValue(file.identifier())) {
      x.headers().put(PATCH_IDENTIFIER_HEADER, file.identifier());
    }
    if (!x.headers().contains(HttpHeader.CONTENT_TYPE)) {
      ContentTypes.forIdentifier(file.identifier()).ifPresent(t -> x.headers().put(HttpHeader.CONTENT_TYPE, t));
    }
    ResponseHeaders.defaultContentType(x);
    x.headers().put(HttpHeader.CONTENT_LENGTH, file.size());
    x.stream(200, out -> out.write(file.data()));
  }
}
