package dev.walrus.client;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walrus's JSON of a quilt store, {@code QuiltStoreResult} (protocol.md §7.2), so that {@code
 * walrus store-quilt --json} and the publisher's {@code PUT /v1/quilts} answer alike:
 *
 * <pre>
 * {"blobStoreResult":{…BlobStoreResult…},
 *  "storedQuiltBlobs":[{"identifier":…,"quiltPatchId":…,"range":[start,end]},…]}
 * </pre>
 */
public final class QuiltStoreResultJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private QuiltStoreResultJson() {}

  public static ObjectNode toJson(QuiltStoreResult result) {
    ObjectNode doc = JSON.objectNode();
    doc.set("blobStoreResult", BlobStoreResultJson.toJson(result.blobStoreResult()));
    ArrayNode patches = doc.putArray("storedQuiltBlobs");
    result.storedQuiltBlobs().forEach(p -> patches.add(storedPatch(p)));
    return doc;
  }

  /** Walrus's {@code StoredQuiltPatch}: identifier, patch ID and the column range. */
  public static ObjectNode storedPatch(StoredQuiltPatch p) {
    ObjectNode o = JSON.objectNode();
    o.put("identifier", p.identifier());
    o.put("quiltPatchId", p.quiltPatchId().toString());
    o.putArray("range").add(p.startIndex()).add(p.endIndex());
    return o;
  }
}
