package dev.walrus.cli;

import dev.walrus.client.WalrusClient;
import dev.walrus.core.ObjectId;
import dev.walrus.ledger.client.LedgerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code walrus extend}: pays for more epochs of a certified blob (owned, or shared with {@code --shared}). */
@Command(name = "extend", description = "Extend the lifetime of a certified blob by a number of epochs.")
final class ExtendCommand extends BlobVerb {
  @Option(names = "--blob-obj-id", required = true, paramLabel = "ID",
      description = "The Blob (or shared blob) object.")
  String blobObjId;

  @Option(names = "--epochs-extended", required = true, paramLabel = "N", description = "Epochs to add.")
  int epochsExtended;

  @Option(names = "--shared", description = "The object is a shared blob, paid from its funds.")
  boolean shared;

  /** Walrus's {@code ExtendBlobOutput}, with the new end epoch. */
  record Output(int epochsExtended, int endEpoch) {}

  @Override
  public Integer call() throws Exception {
    ObjectId id = WalletCommand.parse(blobObjId, ObjectId::parse);
    if (epochsExtended < 1) {
      throw new CliException("--epochs-extended must be at least 1");
    }
    int endEpoch;
    try (LedgerClient ledgerClient = ledger.client(); WalrusClient client = walletClient(ledgerClient)) {
      endEpoch = shared ? client.extendShared(id, epochsExtended) : client.extend(id, epochsExtended);
    }
    if (json()) {
      Json.print(out(), new Output(epochsExtended, endEpoch));
    } else {
      out().println(terminal().success() + " The blob has been extended by " + epochsExtended
          + " epochs; it expires at epoch " + endEpoch + " (exclusive).");
    }
    return 0;
  }
}
