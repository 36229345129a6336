package dev.walrus.node;

import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.node.store.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a running node needs, resolved (keys loaded, paths absolute). {@code NodeConfig}
 * files become settings in {@link NodeMain}; tests build them directly.
 *
 * @param blobSyncDelay how long after certification a blob's missing slivers wait before recovery
 *     starts, so a client still uploading can finish (Walrus defers 15 s)
 * @param blocklistFile blob IDs the node refuses to serve (Walrus's YAML list), if any
 * @param gcMaxDelay the longest a garbage-collection pass waits after its epoch starts
 * @param store the store's memory budgets and segment size; its {@code syncWrites} is replaced by
 *     {@code syncWrites}
 * @param tls how the API is served: HTTPS under the network key, or plain HTTP behind a terminator
 * @param ledgerKeys the ledger replicas' keys, pinned for {@code https://} ledger URLs (empty: CA trust)
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
    Duration blobSyncDelay,
    Optional<Path> blocklistFile,
    Duration gcMaxDelay,
    StoreOptions store,
    TlsSettings tls,
    List<byte[]> ledgerKeys) {

  /** How long a garbage-collection pass may wait after its epoch starts, spreading nodes' passes. */
  public static final Duration DEFAULT_GC_MAX_DELAY = Duration.ofSeconds(60);

  public NodeSettings {
    ledgerUrls = List.copyOf(ledgerUrls);
    ledgerKeys = List.copyOf(ledgerKeys);
    if (ledgerUrls.isEmpty()) {
      throw new IllegalArgumentException("at least one ledger URL is needed");
    }
    if (maxConcurrentBlobSyncs < 1) {
      throw new IllegalArgumentException("maxConcurrentBlobSyncs must be at least 1");
    }
    java.util.Objects.requireNonNull(blocklistFile, "blocklistFile");
    java.util.Objects.requireNonNull(tls, "tls");
    store = store.withSyncWrites(syncWrites);
  }

  /** Settings with the store's default budgets. */
  public NodeSettings(String name, String listenHost, int listenPort, Path dataDirectory, BlsKeyPair protocolKey,
      Ed25519KeyPair wallet, List<String> ledgerUrls, boolean syncWrites, int maxConcurrentBlobSyncs,
      Duration blobSyncDelay, Optional<Path> blocklistFile, Duration gcMaxDelay, TlsSettings tls) {
    this(name, listenHost, listenPort, dataDirectory, protocolKey, wallet, ledgerUrls, syncWrites,
        maxConcurrentBlobSyncs, blobSyncDelay, blocklistFile, gcMaxDelay, StoreOptions.defaults(), tls, List.of());
  }

  /** Settings without a blocklist and with the default garbage-collection delay. */
  public NodeSettings(String name, String listenHost, int listenPort, Path dataDirectory, BlsKeyPair protocolKey,
      Ed25519KeyPair wallet, List<String> ledgerUrls, boolean syncWrites, int maxConcurrentBlobSyncs,
      Duration blobSyncDelay, TlsSettings tls) {
    this(name, listenHost, listenPort, dataDirectory, protocolKey, wallet, ledgerUrls, syncWrites,
        maxConcurrentBlobSyncs, blobSyncDelay, Optional.empty(), DEFAULT_GC_MAX_DELAY, StoreOptions.defaults(), tls,
        List.of());
  }
}
