package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.ObjectView;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Reads a ledger {@code BlobObject} or {@code SharedBlobObject} (its fields as the ledger's JSON
 * renders them) into a {@link BlobObjectInfo}.
 */
final class BlobObjects {
  private BlobObjects() {}

  static BlobObjectInfo parse(ObjectView view) {
    boolean shared = "SharedBlobObject".equals(view.type());
    if (!shared && !"BlobObject".equals(view.type())) {
      throw new BlobObjectNotFoundException(view.id(), "object " + view.id() + " is a " + view.type() + ", not a blob");
    }
    JsonNode blob = shared ? view.fields().path("blob") : view.fields();
    try {
      JsonNode storage = blob.path("storage");
      Map<String, String> attributes = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : blob.path("attributes").properties()) {
        attributes.put(e.getKey(), e.getValue().asString());
      }
      JsonNode certified = blob.path("certifiedEpoch");
      return new BlobObjectInfo(
          view.id(),
          ObjectId.parse(text(blob, "id")),
          shared,
          BlobId.parse(text(blob, "blobId")),
          number(blob, "size"),
          (int) number(blob, "registeredEpoch"),
          certified.isNumber() ? certified.asInt() : null,
          new BlobObjectInfo.Storage(ObjectId.parse(text(storage, "id")), (int) number(storage, "startEpoch"),
              (int) number(storage, "endEpoch"), number(storage, "size")),
          blob.path("deletable").asBoolean(),
          new TreeMap<>(attributes));
    } catch (IllegalArgumentException | dev.walrus.core.WalrusException e) {
      throw new WalrusClientException("the ledger's blob object " + view.id() + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isString()) {
      throw new IllegalArgumentException("no " + field);
    }
    return v.stringValue();
  }

  private static long number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException("no " + field);
    }
    return v.asLong();
  }
}
