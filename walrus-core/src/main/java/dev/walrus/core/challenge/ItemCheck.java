package dev.walrus.core.challenge;

import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.hash.Node;
import java.util.Optional;

/**
 * The challenger's check of one answer against the item it asked for (spec/challenges.md §6.5):
 * everything is verified against the blob's metadata, so the challenger never needs its own
 * slivers and the target cannot pass off any other data.
 */
public final class ItemCheck {
  private ItemCheck() {}

  /**
   * @param expected the item as the challenger derived it
   * @param metadata the blob's verified metadata
   * @param denyListRoot the target's on-ledger deny-list root, if it has one (walrus-java's
   *     ledger keeps none yet, so {@code Excused} answers then count as failed)
   */
  public static ItemOutcome check(ItemSpec expected, ItemProof answer, BlobMetadata metadata, EncodingConfig config,
      Optional<Node> denyListRoot) {
    if (!answer.blobId().equals(expected.blobId()) || answer.shard() != expected.shard() || answer.j() != expected.j()
        || metadata.nShards() != config.nShards()) {
      return ItemOutcome.FAILED;
    }
    int n = config.nShards();
    return switch (answer) {
      case ItemProof.Proven p -> {
        if (p.col() != expected.col() || p.row() != expected.row()) {
          yield ItemOutcome.FAILED;
        }
        int ss = config.symbolSize(metadata.unencodedLength());
        byte[] a = p.symA();
        byte[] b = p.symB();
        var hashes = metadata.hashes().get(expected.pair());
        boolean ok = a.length == ss && b.length == ss
            && p.proofA().verifies(hashes.primaryHash(), a, expected.col(), n)
            && p.proofB().verifies(hashes.secondaryHash(), b, expected.row(), n);
        yield ok ? ItemOutcome.OK : ItemOutcome.FAILED;
      }
      case ItemProof.Excused e -> denyListRoot.isPresent() && e.denyCount() <= Integer.MAX_VALUE
          && e.denyIndex() < e.denyCount()
          && e.denyPath().verifies(denyListRoot.get(), expected.blobId().bytes(), (int) e.denyIndex(), (int) e.denyCount())
          ? ItemOutcome.EXCUSED : ItemOutcome.FAILED;
      case ItemProof.Inconsistent i -> i.proof().verify(config, metadata) ? ItemOutcome.VOID : ItemOutcome.FAILED;
      case ItemProof.Unavailable u -> ItemOutcome.FAILED;
    };
  }
}
