package dev.walrus.cli;

import dev.walrus.client.BlobStoreResultJson;
import dev.walrus.client.ResourceOperation;
import dev.walrus.client.StoreResult;
import dev.walrus.node.api.EventId;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** What {@code walrus store} prints: Walrus's text per blob and summary, or its JSON array. */
final class StoreOutput {
  private final Terminal terminal;
  private final PrintWriter out;

  StoreOutput(Terminal terminal) {
    this.terminal = terminal;
    this.out = terminal.out();
  }

  void print(List<Path> paths, List<StoreResult> results, boolean json) {
    if (json) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < results.size(); i++) {
        ObjectNode o = array.addObject();
        o.set("blobStoreResult", BlobStoreResultJson.toJson(results.get(i)));
        o.put("path", paths.get(i).toString());
      }
      Json.print(out, array);
      return;
    }
    for (int i = 0; i < results.size(); i++) {
      printResult(paths.get(i), results.get(i));
    }
    summary(results);
  }

  /** Walrus's lines for one stored blob ({@code path} names what was stored). */
  void printResult(Path path, StoreResult r) {
    switch (r.outcome()) {
      case NEWLY_CREATED -> {
        out.println(terminal.success() + " " + (r.deletable() ? "Deletable" : "Permanent")
            + " blob stored successfully.");
        out.println("Path: " + path);
        out.println("Blob ID: " + r.blobId());
        out.println("Ledger object ID: " + r.objectId());
        out.println("Unencoded size: " + InfoCommand.bytes(r.unencodedSize()));
        out.println("Encoded size (including replicated metadata): " + InfoCommand.bytes(r.encodedSize()));
        out.println("Cost (excluding transaction fees): " + Amounts.wal(r.cost()) + " "
            + operation(r.resourceOperation().kind()));
        out.println("Expiry epoch (exclusive): " + r.endEpoch());
        if (r.sharedBlobObject() != null) {
          out.println("Shared blob object ID: " + r.sharedBlobObject());
        }
        out.println("Encoding type: " + r.blobObject().encodingType());
      }
      case ALREADY_CERTIFIED -> {
        out.println(terminal.success() + " Blob was already available and certified within Walrus, for a sufficient"
            + " number of epochs.");
        out.println("Path: " + path);
        out.println("Blob ID: " + r.blobId());
        out.println(r.objectId() != null ? "Owned Blob registration object ID: " + r.objectId()
            : "Certification event ID: " + event(r.event()));
        out.println("Expiry epoch (exclusive): " + r.endEpoch());
      }
      case MARKED_INVALID -> {
        out.println(terminal.error() + " Blob was marked as invalid.");
        out.println("Path: " + path);
        out.println("Blob ID: " + r.blobId());
        out.println("Invalidation event ID: " + event(r.event()));
      }
      case ERROR -> {
        out.println(terminal.error() + " Storing blob failed during " + r.failure().phase() + ".");
        out.println("Path: " + path);
        out.println("Blob ID: " + (r.blobId() != null ? r.blobId() : "unknown"));
        out.println("Error: " + r.failure().message());
      }
    }
    out.println();
  }

  /** An event ID as Walrus prints one. */
  static String event(EventId id) {
    return "(tx: " + id.txDigest() + ", seq: " + id.eventSeq() + ")";
  }

  private static String operation(ResourceOperation.Kind kind) {
    return switch (kind) {
      case REGISTER_FROM_SCRATCH -> "(storage was purchased, and a new blob object was registered)";
      case REUSE_STORAGE -> "(already-owned storage was reused, and a new blob object was registered)";
      case REUSE_REGISTRATION -> "(an existing registration was reused)";
      case REUSE_AND_EXTEND -> "(the blob was extended in lifetime)";
      case REUSE_AND_EXTEND_NON_CERTIFIED -> "(an existing registration was reused and extended)";
    };
  }

  /** Walrus's summary of the blobs this call created or extended. */
  private void summary(List<StoreResult> results) {
    long encoded = 0;
    long cost = 0;
    int certified = 0;
    int extended = 0;
    for (StoreResult r : results) {
      if (r.isNewlyCreated()) {
        encoded += r.encodedSize();
        cost += r.cost();
        if (r.resourceOperation().kind() == ResourceOperation.Kind.REUSE_AND_EXTEND) {
          extended++;
        } else {
          certified++;
        }
      }
    }
    if (certified + extended == 0) {
      out.println(terminal.teal("No blobs were modified or created"));
      return;
    }
    String parts = (certified > 0 ? certified + " newly certified" : "")
        + (certified > 0 && extended > 0 ? ", " : "") + (extended > 0 ? extended + " extended" : "");
    out.println(terminal.teal("Summary for Modified or Created Blobs") + " (" + parts + ")");
    out.println("Total encoded size: " + InfoCommand.bytes(encoded));
    out.println("Total cost: " + Amounts.wal(cost));
  }
}
