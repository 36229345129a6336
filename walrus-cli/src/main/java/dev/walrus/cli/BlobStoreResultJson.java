package dev.walrus.cli;

import dev.walrus.client.StoreResult;
import dev.walrus.client.WalrusClient;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.api.BlobStatus;
import dev.walrus.node.api.EventId;
import java.io.PrintWriter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A store's outcome as Walrus's {@code BlobStoreResult} (protocol.md §7.2, camelCase, externally
 * tagged): {@code newlyCreated} with the Blob object read back from the ledger, {@code
 * alreadyCertified} or {@code markedInvalid} with the event the committee reports. Also the text
 * Walrus's CLI prints for it.
 */
final class BlobStoreResultJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private BlobStoreResultJson() {}

  static ObjectNode of(StoreResult r, int epochsAhead, LedgerClient ledger, WalrusClient client) {
    ObjectNode doc = NODES.objectNode();
    switch (r.outcome()) {
      case NEWLY_CREATED -> {
        ObjectNode created = doc.putObject("newlyCreated");
        created.set("blobObject", blobObject(ledger.object(r.objectId())));
        created.putObject("resourceOperation").putObject("registerFromScratch")
            .put("encodedLength", r.encodedSize()).put("epochsAhead", epochsAhead);
        created.put("cost", r.cost());
      }
      case ALREADY_CERTIFIED -> {
        ObjectNode certified = doc.putObject("alreadyCertified");
        certified.put("blobId", r.blobId().toString());
        if (client.blobStatus(r.blobId()) instanceof BlobStatus.Permanent p) {
          certified.set("event", event(p.statusEvent()));
        }
        certified.put("endEpoch", r.endEpoch());
      }
      case MARKED_INVALID -> {
        ObjectNode invalid = doc.putObject("markedInvalid");
        invalid.put("blobId", r.blobId().toString());
        if (client.blobStatus(r.blobId()) instanceof BlobStatus.Invalid i) {
          invalid.set("event", event(i.event()));
        }
      }
    }
    return doc;
  }

  /** Walrus's Blob object fields, from the ledger's view of it. */
  private static ObjectNode blobObject(ObjectView view) {
    JsonNode f = view.fields();
    ObjectNode o = NODES.objectNode();
    o.put("id", view.id().toString());
    o.set("registeredEpoch", f.get("registeredEpoch"));
    o.set("blobId", f.get("blobId"));
    o.set("size", f.get("size"));
    o.put("encodingType", "RS2");
    o.set("certifiedEpoch", f.hasNonNull("certifiedEpoch") ? f.get("certifiedEpoch") : NODES.nullNode());
    JsonNode s = f.get("storage");
    o.putObject("storage")
        .put("id", s.get("id").asString())
        .<ObjectNode>set("startEpoch", s.get("startEpoch"))
        .<ObjectNode>set("endEpoch", s.get("endEpoch"))
        .set("storageSize", s.get("size"));
    o.set("deletable", f.get("deletable"));
    return o;
  }

  private static ObjectNode event(EventId e) {
    return NODES.objectNode().put("txDigest", e.txDigest()).put("eventSeq", Long.toString(e.eventSeq()));
  }

  /** The lines Walrus's CLI prints for a store; {@code path} names what was stored. */
  static void printText(Terminal terminal, StoreResult r, String path) {
    PrintWriter out = terminal.out();
    switch (r.outcome()) {
      case NEWLY_CREATED -> {
        out.println(terminal.success() + " " + (r.deletable() ? "Deletable" : "Permanent") + " blob stored successfully.");
        out.println("Path: " + path);
        out.println("Blob ID: " + r.blobId());
        out.println("Object ID: " + r.objectId());
        out.println("Unencoded size: " + r.unencodedSize() + " B");
        out.println("Encoded size (including replicated metadata): " + r.encodedSize() + " B");
        out.println("Cost (including the transaction fees): " + Amounts.both(r.cost())
            + " (storage was purchased, and a new blob object was registered)");
        out.println("Expiry epoch (exclusive): " + r.endEpoch());
        out.println("Encoding type: RS2");
      }
      case ALREADY_CERTIFIED -> {
        out.println(terminal.success() + " Blob was already available and certified within Walrus, for a sufficient"
            + " number of epochs.");
        out.println("Path: " + path);
        out.println("Blob ID: " + r.blobId());
        out.println("Expiry epoch (exclusive): " + r.endEpoch());
      }
      case MARKED_INVALID -> {
        out.println("Error: Blob was marked as invalid.");
        out.println("Path: " + path);
        out.println("Blob ID: " + r.blobId());
      }
    }
    out.println();
  }
}
