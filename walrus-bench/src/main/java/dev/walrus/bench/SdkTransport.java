package dev.walrus.bench;

import dev.walrus.client.StoreOptions;
import dev.walrus.client.StoreResult;
import dev.walrus.client.WalrusClient;
import dev.walrus.core.BlobId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Stores and reads through {@link WalrusClient} in this JVM: the file is memory-mapped for the
 * store, and the read decodes straight into a mapping of the output file — the SDK's paths for
 * blobs larger than the heap.
 */
final class SdkTransport implements BlobTransport {
  private final WalrusClient walrus;

  SdkTransport(String ledgerUrl, Ed25519KeyPair wallet) {
    this.walrus = WalrusClient.builder().ledger(ledgerUrl).wallet(wallet).build();
  }

  @Override
  public String name() {
    return "sdk";
  }

  @Override
  public BlobId store(Path file, int epochs) throws IOException {
    StoreResult result = walrus.store(file, StoreOptions.defaults().withEpochs(epochs));
    // A fresh random blob is new to the network: anything else means no upload was timed.
    if (result.outcome() != StoreResult.Outcome.NEWLY_CREATED) {
      throw new IllegalStateException("store of " + file + " ended " + result.outcome() + ", not NEWLY_CREATED");
    }
    return result.blobId();
  }

  @Override
  public void read(BlobId blobId, Path out) throws IOException {
    walrus.read(blobId, out);
  }

  @Override
  public void close() {
    walrus.close();
  }
}
