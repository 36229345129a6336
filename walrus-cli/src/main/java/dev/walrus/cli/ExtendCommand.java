package dev.walrus.cli;

import dev.walrus.client.BlobExtension;
import dev.walrus.client.BlobObject;
import dev.walrus.client.ExtensionSummary;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.client.LedgerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code walrus extend}: pays for more epochs of certified blobs. Walrus's form extends one object
 * ({@code --blob-obj-id}, owned or with {@code --shared} a shared blob); walrus-java also extends
 * many owned blobs at once — {@code --blob-obj-id} repeated, {@code --file} (the owned blob object
 * of each file's blob ID that lives longest), or {@code --all-expiring-within N} — in as few
 * ledger transactions as batches allow.
 */
@Command(name = "extend", description = "Extend the lifetime of certified blobs by a number of epochs.")
final class ExtendCommand extends BlobVerb {
  @Option(names = "--blob-obj-id", arity = "1..*", paramLabel = "ID",
      description = "The Blob (or, with --shared, shared blob) objects; may be repeated.")
  List<String> blobObjIds = new ArrayList<>();

  @Option(names = "--file", arity = "1..*", paramLabel = "FILE",
      description = "Extend the owned blob object of each file's blob ID (the one that lives longest).")
  List<Path> files = new ArrayList<>();

  @Option(names = "--all-expiring-within", paramLabel = "N",
      description = "Every certified blob the wallet owns whose end epoch is at most N epochs away.")
  Integer allExpiringWithin;

  @Option(names = "--epochs-extended", required = true, paramLabel = "N", description = "Epochs to add.")
  int epochsExtended;

  @Option(names = "--shared", description = "The object is a shared blob, paid from its funds.")
  boolean shared;

  /** Walrus's {@code ExtendBlobOutput}, with the new end epoch. */
  record Output(int epochsExtended, int endEpoch) {}

  @Override
  public Integer call() throws Exception {
    if (epochsExtended < 1) {
      throw new CliException("--epochs-extended must be at least 1");
    }
    int selectors = (blobObjIds.isEmpty() ? 0 : 1) + (files.isEmpty() ? 0 : 1) + (allExpiringWithin == null ? 0 : 1);
    if (selectors != 1) {
      throw new CliException("give exactly one of --blob-obj-id, --file or --all-expiring-within");
    }
    if (allExpiringWithin != null && allExpiringWithin < 0) {
      throw new CliException("--all-expiring-within must not be negative");
    }
    if (shared && blobObjIds.size() != 1) {
      throw new CliException("--shared extends one shared blob: give exactly one --blob-obj-id");
    }
    try (LedgerClient ledgerClient = ledger.client(); WalrusClient client = walletClient(ledgerClient)) {
      if (blobObjIds.size() == 1 && files.isEmpty()) {
        extendOne(client, WalletCommand.parse(blobObjIds.getFirst(), ObjectId::parse));
        return 0;
      }
      List<BlobObject> blobs = selectMany(ledgerClient, client);
      print(blobs.isEmpty() ? new ExtensionSummary(epochsExtended, List.of(), 0, 0, 0)
          : client.extendAll(blobs, epochsExtended));
    }
    return 0;
  }

  private void extendOne(WalrusClient client, ObjectId id) {
    int endEpoch = shared ? client.extendShared(id, epochsExtended) : client.extend(id, epochsExtended);
    if (json()) {
      Json.print(out(), new Output(epochsExtended, endEpoch));
    } else {
      out().println(terminal().success() + " The blob has been extended by " + epochsExtended
          + " epochs; it expires at epoch " + endEpoch + " (exclusive).");
    }
  }

  private List<BlobObject> selectMany(LedgerClient ledgerClient, WalrusClient client) throws Exception {
    if (allExpiringWithin != null) {
      return client.listBlobsExpiringWithin(allExpiringWithin).stream().filter(BlobObject::isCertified).toList();
    }
    if (!blobObjIds.isEmpty()) {
      List<BlobObject> blobs = new ArrayList<>();
      for (String text : blobObjIds) {
        blobs.add(client.blobObject(WalletCommand.parse(text, ObjectId::parse)));
      }
      return blobs;
    }
    List<BlobObject> owned = client.listBlobs(false);
    List<BlobObject> blobs = new ArrayList<>();
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        throw new CliException("no such file: " + file);
      }
      BlobId id = blobIdOfFile(ledgerClient, file);
      blobs.add(owned.stream().filter(b -> b.blobId().equals(id) && b.isCertified())
          .max(Comparator.comparingInt(BlobObject::endEpoch))
          .orElseThrow(() -> new CliException("the wallet owns no certified, unexpired blob object of " + file
              + " (blob ID " + id + ")")));
    }
    return blobs;
  }

  private void print(ExtensionSummary summary) {
    if (json()) {
      Json.print(out(), summary);
      return;
    }
    for (BlobExtension b : summary.blobs()) {
      out().println(b.objectId() + "  " + b.blobId() + "  expires at epoch " + b.endEpoch());
    }
    out().println(terminal().success() + " Extended " + summary.blobs().size() + " blobs by " + summary.epochsExtended()
        + " epochs in " + summary.transactions() + " transactions; storage " + Amounts.wal(summary.storageCost())
        + ", fees " + Amounts.wal(summary.fees()) + ".");
  }
}
