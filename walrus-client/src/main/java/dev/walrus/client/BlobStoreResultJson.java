package dev.walrus.client;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walrus's JSON of a store result, {@code BlobStoreResult} (protocol.md §7.2), so that {@code
 * walrus store --json} and the publisher's {@code PUT /v1/blobs} answer byte for byte alike:
 *
 * <pre>
 * {"newlyCreated":{"blobObject":{…},
 *                  "resourceOperation":{"registerFromScratch":{"encodedLength":…,"epochsAhead":…}},
 *                  "cost":…,"sharedBlobObject":"0x…"?}}
 * {"alreadyCertified":{"blobId":…,"event":{"txDigest":…,"eventSeq":…} | "object":"0x…","endEpoch":…}}
 * {"markedInvalid":{"blobId":…,"event":{…}}}
 * {"error":{"blobId":…|null,"failurePhase":…,"errorMsg":…}}
 * </pre>
 *
 * {@code cost} is FROST excluding transaction fees, as Walrus's excludes gas.
 */
public final class BlobStoreResultJson {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private BlobStoreResultJson() {}

  /** The externally tagged JSON object of {@code result}. */
  public static ObjectNode toJson(StoreResult result) {
    ObjectNode outer = JSON.objectNode();
    switch (result.outcome()) {
      case NEWLY_CREATED -> {
        ObjectNode o = outer.putObject("newlyCreated");
        o.set("blobObject", blobObject(result.blobObject()));
        o.set("resourceOperation", resourceOperation(result.resourceOperation()));
        o.put("cost", result.cost());
        if (result.sharedBlobObject() != null) {
          o.put("sharedBlobObject", result.sharedBlobObject().toString());
        }
      }
      case ALREADY_CERTIFIED -> {
        ObjectNode o = outer.putObject("alreadyCertified");
        o.put("blobId", result.blobId().toString());
        if (result.objectId() != null) {
          o.put("object", result.objectId().toString());
        } else {
          o.set("event", result.event().toJsonNode());
        }
        o.put("endEpoch", result.endEpoch());
      }
      case MARKED_INVALID -> {
        ObjectNode o = outer.putObject("markedInvalid");
        o.put("blobId", result.blobId().toString());
        o.set("event", result.event().toJsonNode());
      }
      case ERROR -> {
        ObjectNode o = outer.putObject("error");
        if (result.blobId() != null) {
          o.put("blobId", result.blobId().toString());
        } else {
          o.putNull("blobId");
        }
        o.put("failurePhase", result.failure().phase());
        o.put("errorMsg", result.failure().message());
      }
    }
    return outer;
  }

  /**
   * Walrus's JSON of a Blob object ({@code walrus list-blobs --json}, a store's {@code
   * blobObject}): {@code id, registeredEpoch, blobId, size, encodingType, certifiedEpoch (null
   * while uncertified), storage {id, startEpoch, endEpoch, storageSize}, deletable}.
   */
  public static ObjectNode blobObject(BlobObject blob) {
    ObjectNode o = JSON.objectNode();
    o.put("id", blob.id().toString());
    o.put("registeredEpoch", blob.registeredEpoch());
    o.put("blobId", blob.blobId().toString());
    o.put("size", blob.size());
    o.put("encodingType", blob.encodingType().name());
    if (blob.certifiedEpoch() != null) {
      o.put("certifiedEpoch", blob.certifiedEpoch().intValue());
    } else {
      o.putNull("certifiedEpoch");
    }
    ObjectNode storage = o.putObject("storage");
    storage.put("id", blob.storage().id().toString());
    storage.put("startEpoch", blob.storage().startEpoch());
    storage.put("endEpoch", blob.storage().endEpoch());
    storage.put("storageSize", blob.storage().storageSize());
    o.put("deletable", blob.deletable());
    return o;
  }

  private static ObjectNode resourceOperation(ResourceOperation op) {
    ObjectNode outer = JSON.objectNode();
    ObjectNode o = outer.putObject(op.kind().jsonName());
    o.put("encodedLength", op.encodedLength());
    switch (op.kind()) {
      case REGISTER_FROM_SCRATCH -> o.put("epochsAhead", op.epochs());
      case REUSE_AND_EXTEND, REUSE_AND_EXTEND_NON_CERTIFIED -> o.put("epochsExtended", op.epochs());
      case REUSE_STORAGE, REUSE_REGISTRATION -> {
        // only the encoded length
      }
    }
    return outer;
  }
}
