package dev.walrus.daemon;

import dev.walrus.client.BlobNotFoundException;
import dev.walrus.client.BlobObject;
import dev.walrus.client.OpenedBlob;
import dev.walrus.client.ReadOptions;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /v1alpha/blobs/concat}: several blobs, named by blob ID or Blob object ID, as one body.
 * Every ID is resolved and every blob's metadata fetched before the answer starts, so a missing or
 * blocked blob is a clean 404 or 451 and the total length is known; then the blobs stream one
 * after the other. The ETag is base64url(SHA-256 of the IDs joined by commas), as Walrus's.
 */
final class Concat {
  static final Map<Integer, String> ERRORS = Map.of(
      200, "The blobs' bytes, one after the other",
      400, "No IDs, a malformed ID (INVALID_ID_FORMAT) or INVALID_CONSISTENCY_CHECK",
      403, "A blob is larger than this aggregator serves (BLOB_TOO_LARGE)",
      404, "An object or blob does not exist (OBJECT_ID_RESOLUTION_FAILED, BLOB_NOT_FOUND)",
      451, "A blob is blocked (FORBIDDEN_BLOB)",
      500, "A blob could not be read (BLOB_READ_FAILED); may end the body early");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_BODY = 1 << 20;
  private static final Set<String> BODY_FIELDS = Set.of("ids", "strict_consistency_check", "skip_consistency_check");

  private final DaemonContext ctx;
  private final Exchange x;

  Concat(DaemonContext ctx, Exchange x) {
    this.ctx = ctx;
    this.x = x;
  }

  void fromQuery() throws IOException {
    String ids = x.query("ids").orElseThrow(() -> DaemonError.invalidArgument("INVALID_QUERY_PARAMETER",
        "missing query parameter 'ids'"));
    serve(Exchange.split(ids), AggregatorRoutes.readOptions(x.flag("strict_consistency_check"),
        x.flag("skip_consistency_check")));
  }

  void fromBody() throws IOException {
    JsonNode body;
    try (InputStream in = x.body()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw DaemonError.plain(413, "the request body exceeds the maximum of " + MAX_BODY + " bytes");
      }
      body = JSON.readTree(bytes);
    } catch (JacksonException e) {
      throw DaemonError.invalidArgument("INVALID_JSON", "the body is not JSON: " + e.getOriginalMessage());
    }
    if (!body.isObject()) {
      throw DaemonError.invalidArgument("INVALID_JSON", "the body must be a JSON object with 'ids'");
    }
    for (String name : body.propertyNames()) {
      if (!BODY_FIELDS.contains(name)) {
        throw DaemonError.invalidArgument("INVALID_JSON", "unknown field '" + name + "'; expected ids, "
            + "strict_consistency_check, skip_consistency_check");
      }
    }
    JsonNode ids = body.get("ids");
    if (ids == null || !ids.isArray()) {
      throw DaemonError.invalidArgument("INVALID_JSON", "'ids' must be an array of blob or object IDs");
    }
    List<String> list = new ArrayList<>();
    for (JsonNode id : ids) {
      if (!id.isString()) {
        throw DaemonError.invalidArgument("INVALID_JSON", "'ids' must be an array of strings");
      }
      list.add(id.stringValue());
    }
    serve(list, AggregatorRoutes.readOptions(bool(body, "strict_consistency_check"),
        bool(body, "skip_consistency_check")));
  }

  private static boolean bool(JsonNode body, String name) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw DaemonError.invalidArgument("INVALID_JSON", "'" + name + "' must be true, false or null");
    }
    return v.booleanValue();
  }

  private record Part(BlobId blobId, OpenedBlob blob) {}

  private void serve(List<String> ids, ReadOptions options) throws IOException {
    if (ids.isEmpty()) {
      throw DaemonError.plain(400, "at least one blob ID or object ID must be provided");
    }
    String etag = AggregatorRoutes.sha256Tag(String.join(",", ids));
    List<BlobId> blobIds = new ArrayList<>();
    Map<String, String> firstAttributes = null;
    for (int i = 0; i < ids.size(); i++) {
      Resolved r = resolve(ids.get(i));
      blobIds.add(r.blobId);
      if (i == 0) {
        firstAttributes = r.attributes;
      }
    }
    List<Part> parts = new ArrayList<>();
    long total = 0;
    for (BlobId id : blobIds) {
      OpenedBlob blob = open(id);
      parts.add(new Part(id, blob));
      total += blob.size();
    }
    ResponseHeaders.forRead(x, etag);
    if (firstAttributes != null) {
      ResponseHeaders.fromAttributes(x, firstAttributes, ctx.settings().allowedHeaders());
    }
    x.headers().put(HttpHeader.CONTENT_LENGTH, total);
    x.stream(200, out -> {
      for (Part p : parts) {
        try {
          p.blob.writeTo(out, options);
        } catch (RuntimeException e) {
          throw DaemonError.of(500, "INTERNAL", "BLOB_READ_FAILED",
              "failed to read blob " + p.blobId + ": " + e.getMessage());
        }
      }
    });
  }

  private record Resolved(BlobId blobId, Map<String, String> attributes) {}

  private Resolved resolve(String id) {
    try {
      return new Resolved(BlobId.parse(id), null);
    } catch (RuntimeException notABlobId) {
      ObjectId objectId;
      try {
        objectId = ObjectId.parse(id);
      } catch (RuntimeException notAnObjectId) {
        throw DaemonError.invalidArgument("INVALID_ID_FORMAT", "invalid ID format: " + id);
      }
      try {
        BlobObject object = ctx.walrus().blobObject(objectId);
        return new Resolved(object.blobId(), object.attributes());
      } catch (RuntimeException e) {
        throw DaemonError.of(404, "NOT_FOUND", "OBJECT_ID_RESOLUTION_FAILED",
            "failed to resolve object ID " + objectId + ": " + e.getMessage());
      }
    }
  }

  private OpenedBlob open(BlobId id) {
    if (ctx.blocklist().isBlocked(id)) {
      throw DaemonError.of(451, "UNAVAILABLE_FOR_LEGAL_REASONS", "FORBIDDEN_BLOB", "blob is blocked: " + id);
    }
    OpenedBlob blob;
    try {
      blob = ctx.walrus().open(id);
    } catch (BlobNotFoundException e) {
      throw DaemonError.of(404, "NOT_FOUND", "BLOB_NOT_FOUND", "blob not found: " + id);
    } catch (RuntimeException e) {
      throw DaemonError.of(500, "INTERNAL", "BLOB_READ_FAILED", "failed to read blob " + id + ": " + e.getMessage());
    }
    Long max = ctx.settings().maxBlobSize();
    if (max != null && blob.size() > max) {
      throw DaemonError.of(403, "SIZE_EXCEEDED", "BLOB_TOO_LARGE",
          "blob exceeds maximum size: " + id + " (size: " + blob.size() + ")");
    }
    return blob;
  }
}
