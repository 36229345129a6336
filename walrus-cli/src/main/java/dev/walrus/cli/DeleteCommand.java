package dev.walrus.cli;

import dev.walrus.client.BlobObject;
import dev.walrus.client.BlobStoreResultJson;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.WalrusException;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.api.BlobStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code walrus delete}: deletes the wallet's deletable Blob objects named by blob ID (all owned
 * ones with that ID), by file (its blob ID) or by object ID; prints Walrus's result per target
 * ({@code --json}: the array of {@code DeleteOutput}). Targets that failed make the exit code
 * non-zero.
 */
@Command(name = "delete", description = "Delete deletable blobs the wallet owns, by blob ID, file or object ID.")
final class DeleteCommand extends BlobVerb {
  @Option(names = {"--blob-ids", "--blob-id"}, split = ",", paramLabel = "BLOB_ID",
      description = "Delete every owned deletable Blob object with this blob ID (repeatable).")
  List<String> blobIds = new ArrayList<>();

  @Option(names = {"--files", "--file"}, paramLabel = "FILE",
      description = "Delete by the blob ID of this file (repeatable).")
  List<Path> files = new ArrayList<>();

  @Option(names = {"--object-ids", "--object-id"}, split = ",", paramLabel = "ID",
      description = "Delete this owned Blob object (repeatable).")
  List<String> objectIds = new ArrayList<>();

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Option(names = "--no-status-check", description = "Do not ask the committee for the blob's status afterwards.")
  boolean noStatusCheck;

  /** What to delete: Walrus's {@code BlobIdentity}. */
  record Target(BlobId blobId, Path file, ObjectId objectId) {}

  /** Walrus's {@code DeleteOutput} for one target. */
  static final class Result {
    final Target target;
    final List<BlobObject> deleted = new ArrayList<>();
    BlobStatus statusAfter;
    boolean noBlobFound;
    String error;
    boolean aborted;

    Result(Target target) {
      this.target = target;
    }
  }

  @Override
  public Integer call() throws Exception {
    List<Result> results = new ArrayList<>();
    try (LedgerClient ledgerClient = ledger.client(); WalrusClient client = walletClient(ledgerClient)) {
      for (Target t : targets(ledgerClient)) {
        results.add(delete(client, t));
      }
    }
    if (json()) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      results.forEach(r -> array.add(json(r)));
      Json.print(out(), array);
    } else {
      results.forEach(this::print);
    }
    long failed = results.stream().filter(r -> r.error != null).count();
    if (failed > 0) {
      throw new CliException(failed + " of " + results.size() + " deletion" + (results.size() == 1 ? "" : "s")
          + " failed");
    }
    if (!json()) {
      long done = results.stream().filter(r -> !r.aborted && !r.noBlobFound).count();
      out().println(done == results.size()
          ? terminal().success() + " All " + done + " deletion operations completed successfully."
          : terminal().warning() + " " + done + "/" + results.size() + " deletion operations completed successfully.");
    }
    return 0;
  }

  private List<Target> targets(LedgerClient ledgerClient) throws Exception {
    List<Target> targets = new ArrayList<>();
    for (Path f : files) {
      targets.add(new Target(blobIdOfFile(ledgerClient, f), f, null));
    }
    for (String b : blobIds) {
      targets.add(new Target(blobId(b), null, null));
    }
    for (String o : objectIds) {
      targets.add(new Target(null, null, WalletCommand.parse(o, ObjectId::parse)));
    }
    if (targets.isEmpty()) {
      throw new CliException("no files, blob IDs, or object IDs specified");
    }
    return targets;
  }

  private Result delete(WalrusClient client, Target t) {
    Result r = new Result(t);
    try {
      List<BlobObject> owned = client.listBlobs(false).stream()
          .filter(b -> t.objectId() != null ? b.id().equals(t.objectId())
              : b.blobId().equals(t.blobId()) && b.deletable())
          .toList();
      if (owned.isEmpty()) {
        r.noBlobFound = true;
        return r;
      }
      if (t.blobId() != null && !yes && !json() && !confirmed(t.blobId(), owned)) {
        r.aborted = true;
        return r;
      }
      for (BlobObject b : owned) {
        client.delete(b.id());
        r.deleted.add(b);
      }
      if (t.blobId() != null && !noStatusCheck) {
        // Give the nodes a moment to apply the deletion, as Walrus does.
        Thread.sleep(1000);
        r.statusAfter = client.blobStatus(t.blobId());
      }
    } catch (WalrusException | IOException e) {
      r.error = WalrusCli.message(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      r.error = "interrupted";
    }
    return r;
  }

  private boolean confirmed(BlobId blobId, List<BlobObject> owned) throws IOException {
    out().println("The following blobs with blob ID " + blobId + " are deletable:");
    owned.forEach(b -> out().println(b.id()));
    out().println("Do you want to proceed? [y/N]");
    out().flush();
    String answer = new BufferedReader(new InputStreamReader(terminal().in(), StandardCharsets.UTF_8)).readLine();
    return answer != null && answer.trim().toLowerCase(Locale.ROOT).startsWith("y");
  }

  private static ObjectNode json(Result r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ObjectNode identity = o.putObject("blobIdentity");
    putOrNull(identity, "blobId", r.target.blobId());
    putOrNull(identity, "file", r.target.file());
    putOrNull(identity, "objectId", r.target.objectId());
    ArrayNode deleted = o.putArray("deletedBlobs");
    r.deleted.forEach(b -> deleted.add(BlobStoreResultJson.blobObject(b)));
    if (r.statusAfter != null) {
      o.set("postDeletionStatus", BlobStatus.toJsonNode(r.statusAfter));
    }
    o.put("noBlobFound", r.noBlobFound);
    if (r.error != null) {
      o.put("error", r.error);
    }
    o.put("aborted", r.aborted);
    return o;
  }

  private static void putOrNull(ObjectNode o, String key, Object value) {
    if (value == null) {
      o.putNull(key);
    } else {
      o.put(key, value.toString());
    }
  }

  private void print(Result r) {
    PrintWriter o = out();
    Target t = r.target;
    String identity = (t.blobId() != null ? "blob ID: " + t.blobId() : "")
        + (t.file() != null ? " file: " + t.file() : "") + (t.objectId() != null ? "object ID: " + t.objectId() : "");
    o.println();
    o.println(terminal().teal("Delete result for: ") + identity);
    if (r.error != null) {
      o.println(terminal().error() + " " + r.error);
    } else if (r.aborted) {
      o.println(terminal().warning() + " Operation aborted. No blobs were deleted.");
    } else if (r.noBlobFound) {
      o.println(terminal().warning() + " No owned deletable blobs found.");
      return;
    }
    if (!r.deleted.isEmpty()) {
      o.println(terminal().success() + " The following objects were deleted:");
      ListBlobsCommand.table(o, r.deleted);
      if (r.statusAfter != null) {
        o.println(terminal().teal("Note:") + " " + afterDeletion(r.statusAfter));
      }
    }
  }

  private static String afterDeletion(BlobStatus status) {
    String still = "The above blob objects were removed, but the blob still exists on Walrus.";
    return switch (status) {
      case BlobStatus.Nonexistent n -> "The blob was removed from Walrus (note that the data may still be publicly"
          + " available, i.e., if someone has downloaded it before deletion).";
      case BlobStatus.Invalid i -> "The blob was marked as invalid.";
      case BlobStatus.Permanent p -> still + " There are still one or more "
          + (p.isCertified() ? "certified" : "registered") + " permanent instances available.";
      case BlobStatus.Deletable d -> still + " There are still " + d.deletableCounts().countDeletableCertified()
          + " certified deletable instances (of " + d.deletableCounts().countDeletableTotal() + " registered).";
    };
  }
}
