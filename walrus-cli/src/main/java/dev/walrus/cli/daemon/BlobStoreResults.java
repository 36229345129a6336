package dev.walrus.cli.daemon;

import dev.walrus.client.BlobObjectInfo;
import dev.walrus.client.StoreResult;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.node.api.EventId;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The publisher's {@code BlobStoreResult} JSON (protocol.md §7.2: camelCase, externally tagged).
 * To be replaced by {@code dev.walrus.client.BlobStoreResultJson}, the CLI's mapping of the same
 * shape, when both are merged.
 */
final class BlobStoreResults {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private BlobStoreResults() {}

  /** {@code newlyCreated}: the Blob object as it was right after certification. */
  static ObjectNode newlyCreated(StoreResult result, BlobObjectInfo object, int epochsAhead, ObjectId sharedBlob) {
    ObjectNode root = F.objectNode();
    ObjectNode created = root.putObject("newlyCreated");
    ObjectNode blob = created.putObject("blobObject");
    blob.put("id", object.blobObjectId().toString());
    blob.put("registeredEpoch", object.registeredEpoch());
    blob.put("blobId", object.blobId().toString());
    blob.put("size", object.size());
    blob.put("encodingType", "RS2");
    if (object.certifiedEpoch() != null) {
      blob.put("certifiedEpoch", object.certifiedEpoch());
    } else {
      blob.putNull("certifiedEpoch");
    }
    ObjectNode storage = blob.putObject("storage");
    storage.put("id", object.storage().id().toString());
    storage.put("startEpoch", object.storage().startEpoch());
    storage.put("endEpoch", object.storage().endEpoch());
    storage.put("storageSize", object.storage().size());
    blob.put("deletable", object.deletable());
    ObjectNode register = created.putObject("resourceOperation").putObject("registerFromScratch");
    register.put("encodedLength", result.encodedSize());
    register.put("epochsAhead", epochsAhead);
    created.put("cost", result.cost());
    if (sharedBlob != null) {
      created.put("sharedBlobObject", sharedBlob.toString());
    }
    return root;
  }

  /** {@code alreadyCertified}, with the event that certified the blob. */
  static ObjectNode alreadyCertified(BlobId blobId, EventId event, int endEpoch) {
    ObjectNode root = F.objectNode();
    ObjectNode certified = root.putObject("alreadyCertified");
    certified.put("blobId", blobId.toString());
    ObjectNode e = certified.putObject("event");
    e.put("txDigest", event.txDigest());
    e.put("eventSeq", Long.toString(event.eventSeq()));
    certified.put("endEpoch", endEpoch);
    return root;
  }
}
