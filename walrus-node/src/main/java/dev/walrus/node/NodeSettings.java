package dev.walrus.node;

import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.Ed25519KeyPair;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a running node needs, resolved (keys loaded, paths absolute). {@code NodeConfig}
 * files become settings in {@link NodeMain}; tests build them directly.
 *
 * @param blobSyncDelay how long after certification a blob's missing slivers wait before recovery
 *     starts, so a client still uploading can finish (Walrus defers 15 s)
 */
public record NodeSettings(
    String name,
    String listenHost,
    int listenPort,
    Path dataDirectory,
    BlsKeyPair protocolKey,
    Ed25519KeyPair wallet,
    List<String> ledgerUrls,
    boolean syncWrites,
    int maxConcurrentBlobSyncs,
    Duration blobSyncDelay) {

  public NodeSettings {
    ledgerUrls = List.copyOf(ledgerUrls);
    if (ledgerUrls.isEmpty()) {
      throw new IllegalArgumentException("at least one ledger URL is needed");
    }
    if (maxConcurrentBlobSyncs < 1) {
      throw new IllegalArgumentException("maxConcurrentBlobSyncs must be at least 1");
    }
  }
}
