package dev.walrus.daemon;

import dev.walrus.daemon.Route.Doc;
import dev.walrus.daemon.Route.Param;
import dev.walrus.client.BlobNotFoundException;
import dev.walrus.client.BlobObject;
import dev.walrus.client.BlobObjectNotFoundException;
import dev.walrus.client.BlobUnavailableException;
import dev.walrus.client.InvalidByteRangeException;
import dev.walrus.client.OpenedBlob;
import dev.walrus.client.ReadOptions;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.encoding.ConsistencyCheck;
import dev.walrus.core.encoding.InconsistentBlobException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The aggregator's endpoints (protocol.md §7.1): blobs by ID or by Blob object, byte ranges (the
 * {@code Range} header answered with 206, the {@code byte-range} endpoint with a cacheable 200),
 * the alpha streaming and concatenation endpoints. Every read streams: the length comes from the
 * verified metadata before the first byte, then rows are written as they arrive.
 */
final class AggregatorRoutes {
  private static final String BLOB_ID = "blob_id";
  private static final Set<String> READ_OPTIONS = Set.of("strict_consistency_check", "skip_consistency_check");
  private static final Param BLOB_ID_PARAM = new Param(BLOB_ID, "path", "string", true, "The blob ID (URL-safe base64).");
  private static final List<Param> READ_PARAMS = List.of(
      new Param("strict_consistency_check", "query", "boolean", false, "Re-encode the whole blob to check it."),
      new Param("skip_consistency_check", "query", "boolean", false, "Skip the consistency check."));
  private static final Map<Integer, String> READ_ERRORS = Map.of(
      400, "Malformed ID or parameters (INVALID_BLOB_ID, INVALID_CONSISTENCY_CHECK)",
      403, "The blob is larger than this aggregator serves (BLOB_TOO_LARGE)",
      404, "The blob does not exist (BLOB_NOT_FOUND)",
      429, "Too many requests",
      451, "The blob is blocked (FORBIDDEN_BLOB)",
      500, "Internal error",
      503, "Too few storage nodes answered (BLOB_UNAVAILABLE)");

  private final DaemonContext ctx;
  private final ContentTypes contentTypes;

  private AggregatorRoutes(DaemonContext ctx) {
    this.ctx = ctx;
    this.contentTypes = new ContentTypes(ctx.ledger());
  }

  static List<Route> routes(DaemonContext ctx, LoadShedder limit) {
    AggregatorRoutes r = new AggregatorRoutes(ctx);
    return List.of(
        Route.of("GET", "/v1/blobs/{blob_id}", READ_OPTIONS, limit,
            doc("Read a blob", params(BLOB_ID_PARAM, new Param("Range", "header", "string", false,
                "bytes=START-END: answer 206 with that part of the blob only")),
                Map.of(200, "The blob's bytes", 206, "The requested range", 416, "Bad Range (INVALID_BYTE_RANGE)")),
            x -> r.readBlob(x, x.blobId(BLOB_ID), null)),
        Route.of("GET", "/v1/blobs/by-object-id/{blob_object_id}", READ_OPTIONS, limit,
            doc("Read the blob a Blob object registers; its allowed attributes become headers",
                params(new Param("blob_object_id", "path", "string", true, "The Blob (or shared blob) object ID, 0x…")),
                Map.of(200, "The blob's bytes", 206, "The requested range", 416, "Bad Range (INVALID_BYTE_RANGE)")),
            r::readByObjectId),
        Route.of("GET", "/v1/blobs/{blob_id}/byte-range", Set.of("start", "length"), limit,
            new Doc("aggregator", "Read bytes [start, start+length) of a blob (200, cacheable)",
                List.of(BLOB_ID_PARAM, new Param("start", "query", "integer", true, "First byte"),
                    new Param("length", "query", "integer", true, "Number of bytes, at least 1")),
                Route.merge(READ_ERRORS, Map.of(200, "The bytes", 400, "Bad range (INVALID_BYTE_RANGE) or ID")), null),
            r::readByteRange),
        Route.of("GET", "/v1alpha/blobs/{blob_id}/stream", null, limit,
            new Doc("aggregator", "Stream a blob as its slivers arrive (alpha)", List.of(BLOB_ID_PARAM),
                Route.merge(READ_ERRORS, Map.of(200, "The blob's bytes", 500, "A sliver could not be retrieved "
                    + "(SLIVER_RETRIEVAL_FAILED); may end the body early")), null),
            r::stream),
        Route.of("GET", "/v1alpha/blobs/concat", Set.of("ids", "strict_consistency_check", "skip_consistency_check"),
            limit, new Doc("aggregator", "Concatenate blobs (alpha)", params(new Param("ids", "query", "string", true,
                "Comma-separated blob IDs and/or Blob object IDs")), Concat.ERRORS, null),
            x -> new Concat(ctx, x).fromQuery()),
        Route.of("POST", "/v1alpha/blobs/concat", null, limit,
            new Doc("aggregator", "Concatenate blobs (alpha)", List.of(), Concat.ERRORS,
                "{\"ids\": [\"<blob or object ID>\", …], \"strict_consistency_check\"?: bool, "
                    + "\"skip_consistency_check\"?: bool}"),
            x -> new Concat(ctx, x).fromBody()));
  }

  private static Doc doc(String summary, List<Param> params, Map<Integer, String> responses) {
    return new Doc("aggregator", summary, params, Route.merge(READ_ERRORS, responses), null);
  }

  private static List<Param> params(Param... first) {
    List<Param> all = new java.util.ArrayList<>(List.of(first));
    all.addAll(READ_PARAMS);
    return all;
  }

  /** The consistency check the query asks for; both flags at once is a 400. */
  static ReadOptions readOptions(boolean strict, boolean skip) {
    if (strict && skip) {
      throw DaemonError.invalidArgument("INVALID_CONSISTENCY_CHECK",
          "cannot set both strict and skip consistency check options");
    }
    ConsistencyCheck check = strict ? ConsistencyCheck.STRICT : skip ? ConsistencyCheck.SKIP : ConsistencyCheck.DEFAULT;
    return ReadOptions.defaults().withConsistencyCheck(check);
  }

  private static ReadOptions readOptions(Exchange x) {
    return readOptions(x.flag("strict_consistency_check"), x.flag("skip_consistency_check"));
  }

  private void readByObjectId(Exchange x) throws Exception {
    ReadOptions options = readOptions(x);
    String text = x.path("blob_object_id");
    ObjectId objectId;
    try {
      objectId = ObjectId.parse(text);
    } catch (RuntimeException e) {
      throw DaemonError.invalidArgument("INVALID_OBJECT_ID", "'" + text + "' is not an object ID (0x + 64 hex digits)");
    }
    BlobObject object;
    try {
      object = ctx.walrus().blobObject(objectId);
    } catch (BlobObjectNotFoundException e) {
      throw DaemonError.blobNotFound();
    }
    readBlob(x, object.blobId(), options, object.attributes());
  }

  private void readBlob(Exchange x, BlobId blobId, Map<String, String> attributes) throws Exception {
    readBlob(x, blobId, readOptions(x), attributes);
  }

  /** GET /v1/blobs/{id} and by object: the whole blob, or with a Range header a part of it (206). */
  private void readBlob(Exchange x, BlobId blobId, ReadOptions options, Map<String, String> attributes)
      throws Exception {
    String rangeHeader = x.header(HttpHeader.RANGE);
    RangeHeader range = rangeHeader == null ? null : RangeHeader.parse(rangeHeader);
    OpenedBlob blob = open(blobId);
    ResponseHeaders.forRead(x, blobId.toString());
    if (attributes != null) {
      ResponseHeaders.fromAttributes(x, attributes, ctx.settings().allowedHeaders());
    } else if (!x.headers().contains(HttpHeader.CONTENT_TYPE)) {
      contentTypes.forBlob(blobId).ifPresent(t -> x.headers().put(HttpHeader.CONTENT_TYPE, t));
    }
    ResponseHeaders.defaultContentType(x);
    try {
      if (range == null) {
        x.headers().put(HttpHeader.CONTENT_LENGTH, blob.size());
        x.stream(200, out -> blob.writeTo(out, options));
      } else {
        checkRange(range.start(), range.length(), blob.size(), 416);
        x.headers().put(HttpHeader.CONTENT_RANGE, "bytes " + range.start() + "-" + range.end() + "/" + blob.size());
        x.headers().put(HttpHeader.CONTENT_LENGTH, range.length());
        x.stream(206, out -> blob.writeRange(range.start(), range.length(), out));
      }
    } catch (RuntimeException e) {
      throw readError(e, 416);
    }
  }

  private void readByteRange(Exchange x) throws Exception {
    BlobId blobId = x.blobId(BLOB_ID);
    long start = x.unsigned("start", Long.MAX_VALUE).orElseThrow(() -> missing("start"));
    long length = x.unsigned("length", Long.MAX_VALUE).orElseThrow(() -> missing("length"));
    if (length == 0) {
      throw DaemonError.invalidByteRange(400, "length must be greater than 0");
    }
    if (length > Long.MAX_VALUE - start) {
      throw DaemonError.invalidByteRange(400, "start + length overflows");
    }
    OpenedBlob blob = open(blobId);
    checkRange(start, length, blob.size(), 400);
    ResponseHeaders.forRead(x, blobId + "-" + start + "-" + length);
    x.headers().put(HttpHeader.CONTENT_LENGTH, length);
    try {
      x.stream(200, out -> blob.writeRange(start, length, out));
    } catch (RuntimeException e) {
      throw readError(e, 400);
    }
  }

  private void stream(Exchange x) throws Exception {
    BlobId blobId = x.blobId(BLOB_ID);
    OpenedBlob blob = open(blobId);
    ResponseHeaders.forRead(x, blobId.toString());
    x.headers().put(HttpHeader.CONTENT_LENGTH, blob.size());
    x.headers().put("x-walrus-streaming", "true");
    try {
      x.stream(200, out -> blob.writeTo(out, ReadOptions.defaults()));
    } catch (BlobUnavailableException | InconsistentBlobException e) {
      throw DaemonError.of(500, "INTERNAL", "SLIVER_RETRIEVAL_FAILED",
          "failed to retrieve sliver after retries: " + e.getMessage());
    } catch (RuntimeException e) {
      throw readError(e, 400);
    }
  }

  /** The blob's verified metadata, after the blocklist and the size limit. */
  private OpenedBlob open(BlobId blobId) {
    if (ctx.blocklist().isBlocked(blobId)) {
      throw DaemonError.forbiddenBlob();
    }
    OpenedBlob blob;
    try {
      blob = ctx.walrus().open(blobId);
    } catch (RuntimeException e) {
      throw readError(e, 400);
    }
    Long max = ctx.settings().maxBlobSize();
    if (max != null && blob.size() > max) {
      throw DaemonError.blobTooLarge(max);
    }
    return blob;
  }

  private static void checkRange(long start, long length, long size, int status) {
    if (start >= size || length > size - start) {
      throw DaemonError.invalidByteRange(status,
          "bytes " + start + ".." + (start + length - 1) + " do not lie within the blob of " + size + " bytes");
    }
  }

  /** Walrus's answer to a failed read. */
  static RuntimeException readError(RuntimeException e, int rangeStatus) {
    return switch (e) {
      case DaemonError d -> d;
      case BlobNotFoundException n -> DaemonError.blobNotFound();
      case BlobUnavailableException u -> DaemonError.blobUnavailable();
      case InvalidByteRangeException r -> DaemonError.invalidByteRange(rangeStatus, r.getMessage());
      case InconsistentBlobException i -> DaemonError.internal("the blob is inconsistent: " + i.getMessage());
      default -> e;
    };
  }

  private static DaemonError missing(String name) {
    return DaemonError.invalidArgument("INVALID_QUERY_PARAMETER", "missing query parameter '" + name + "'");
  }

  /** base64url (no padding) of the SHA-256 of {@code text}: the concat endpoint's ETag. */
  static String sha256Tag(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
