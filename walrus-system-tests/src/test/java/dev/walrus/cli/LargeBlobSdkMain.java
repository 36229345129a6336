package dev.walrus.cli;

import dev.walrus.client.StoreOptions;
import dev.walrus.client.StoreResult;
import dev.walrus.client.WalrusClient;
import java.nio.file.Path;

/**
 * Stores a file through the SDK and reads it back into another file, in its own JVM so that
 * {@link LargeBlobTest} can give it a heap far smaller than the blob. Arguments: ledger URL,
 * wallet file, file to store, file to read into. Prints the blob ID.
 */
public final class LargeBlobSdkMain {
  private LargeBlobSdkMain() {}

  public static void main(String[] args) throws Exception {
    try (WalrusClient walrus = WalrusClient.builder().ledger(args[0]).wallet(WalletFile.read(Path.of(args[1])))
        .build()) {
      StoreResult stored = walrus.store(Path.of(args[2]), StoreOptions.defaults().withEpochs(5));
      walrus.read(stored.blobId(), Path.of(args[3]));
      System.out.println(stored.blobId());
    }
  }
}
