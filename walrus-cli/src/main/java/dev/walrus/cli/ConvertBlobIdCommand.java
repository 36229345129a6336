package dev.walrus.cli;

import dev.walrus.core.BlobId;
import java.math.BigInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code walrus convert-blob-id DECIMAL}: the blob ID whose on-chain u256 value (read
 * little-endian, as ledger events and Move show it) is {@code DECIMAL}, in its text form.
 */
@Command(name = "convert-blob-id", description = "Convert a blob ID in decimal (its u256 value) to its text form.")
final class ConvertBlobIdCommand extends Verb {
  @Parameters(paramLabel = "BLOB_ID_DECIMAL", description = "The blob ID as a decimal number.")
  String blobIdDecimal;

  @Override
  public Integer call() {
    BlobId id;
    try {
      id = BlobId.fromU256(new BigInteger(blobIdDecimal.trim()));
    } catch (NumberFormatException e) {
      throw new CliException("'" + blobIdDecimal + "' is not a decimal number");
    }
    if (json()) {
      Json.print(out(), id);
    } else {
      out().println("Walrus blob ID: " + id);
    }
    return 0;
  }
}
