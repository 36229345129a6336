package dev.walrus.cli;

import dev.walrus.client.BlobObject;
import dev.walrus.client.BlobStoreResultJson;
import dev.walrus.client.WalrusClient;
import dev.walrus.ledger.client.LedgerClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code walrus list-blobs}: the wallet's Blob objects, as Walrus's table or its JSON array; with
 * {@code --expiring-within N} only those to renew soon (end epoch ≤ current + N).
 */
@Command(name = "list-blobs", description = "List the Blob objects the wallet owns.")
final class ListBlobsCommand extends BlobVerb {
  @Option(names = "--include-expired", description = "Also list blobs whose end epoch has passed.")
  boolean includeExpired;

  @Option(names = "--expiring-within", paramLabel = "N",
      description = "Only blobs whose end epoch is at most N epochs after the current one (N ≥ 0).")
  Integer expiringWithin;

  @Override
  public Integer call() throws Exception {
    List<BlobObject> blobs;
    try (LedgerClient ledgerClient = ledger.client(); WalrusClient client = walletClient(ledgerClient)) {
      if (expiringWithin == null) {
        blobs = client.listBlobs(includeExpired);
      } else {
        if (expiringWithin < 0) {
          throw new CliException("--expiring-within must not be negative");
        }
        if (includeExpired) {
          throw new CliException("--expiring-within lists blobs that have not expired yet: drop --include-expired");
        }
        blobs = client.listBlobsExpiringWithin(expiringWithin);
      }
    }
    if (json()) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      blobs.forEach(b -> array.add(BlobStoreResultJson.blobObject(b)));
      Json.print(out(), array);
    } else {
      table(out(), blobs);
    }
    return 0;
  }

  static void table(PrintWriter out, List<BlobObject> blobs) {
    String format = "%-43s  %14s  %10s  %10s  %10s  %s%n";
    out.printf(Locale.ROOT, format, "Blob ID", "Unencoded size", "Certified?", "Deletable?", "Exp. epoch", "Object ID");
    for (BlobObject b : blobs) {
      out.printf(Locale.ROOT, format, b.blobId(), InfoCommand.bytes(b.size()), b.isCertified(), b.deletable(),
          b.endEpoch(), b.id());
    }
  }
}
