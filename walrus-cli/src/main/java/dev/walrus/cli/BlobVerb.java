package dev.walrus.cli;

import dev.walrus.client.WalrusClient;
import dev.walrus.core.BlobId;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.ledger.client.LedgerClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A verb that works with blobs through the SDK: a {@link WalrusClient} on the verb's ledger
 * connection, with the wallet for verbs that pay or own, without it for verbs that only read.
 */
abstract class BlobVerb extends LedgerVerb {

  /** A client sharing {@code ledgerClient} (which the caller closes), with the wallet. */
  protected WalrusClient walletClient(LedgerClient ledgerClient) throws IOException {
    return WalrusClient.builder().ledgerClient(ledgerClient).wallet(ledger.key()).build();
  }

  /** A read-only client sharing {@code ledgerClient}. */
  protected static WalrusClient readClient(LedgerClient ledgerClient) {
    return WalrusClient.builder().ledgerClient(ledgerClient).build();
  }

  /** A read-only client whose requests to storage nodes time out after {@code timeout}. */
  protected static WalrusClient readClient(LedgerClient ledgerClient, Duration timeout) {
    return WalrusClient.builder().ledgerClient(ledgerClient).requestTimeout(timeout).build();
  }

  /** Parses a blob ID given on the command line. */
  protected static BlobId blobId(String text) {
    return WalletCommand.parse(text, BlobId::parse);
  }

  /** The blob ID {@code file} has on this network (its shard count decides the encoding). */
  protected static BlobId blobIdOfFile(LedgerClient ledgerClient, Path file) throws Exception {
    EncodingConfig config = EncodingConfig.forShards(ledgerClient.system().storageInfo().nShards());
    return BlobId.parse(BlobIdCommand.blobId(file, file.toString(), config).blobId());
  }
}
