package dev.walrus.client;

import java.util.List;

/**
 * What {@link WalrusClient#extendAll} did: every blob it extended, in how many ledger transactions,
 * and what that cost in FROST.
 *
 * @param epochsExtended epochs added to each blob
 * @param storageCost the storage price paid for the added epochs, from the ledger's quotes
 * @param fees the transaction fees charged
 */
public record ExtensionSummary(
    int epochsExtended, List<BlobExtension> blobs, int transactions, long storageCost, long fees) {
  public ExtensionSummary {
    blobs = List.copyOf(blobs);
  }
}
