package dev.walrus.node;

import dev.walrus.node.config.KeyFiles;
import dev.walrus.node.config.NodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a storage node from its configuration file until the process is told to stop (SIGTERM or
 * Ctrl-C close it cleanly; SIGKILL loses nothing acknowledged). {@code walrus node run} calls this.
 */
public final class NodeMain {
  private static final Logger LOG = LoggerFactory.getLogger(NodeMain.class);

  /** How long recovery waits after certification for an upload still in flight (Walrus: 15 s). */
  public static final Duration DEFAULT_BLOB_SYNC_DELAY = Duration.ofSeconds(5);

  private NodeMain() {}

  public static NodeSettings settings(NodeConfig config) throws java.io.IOException {
    return new NodeSettings(config.name(), config.listenAddress().host(), config.listenAddress().port(),
        config.dataDirectory(), KeyFiles.readProtocolKey(config.protocolKeyFile()), KeyFiles.readWallet(config.walletFile()),
        config.ledgerUrls(), config.syncWrites(), config.maxConcurrentBlobSyncs(),
        millisProperty("walrus.node.blobSyncDelayMs", DEFAULT_BLOB_SYNC_DELAY),
        java.util.Optional.ofNullable(config.blocklistFile()),
        millisProperty("walrus.node.gcMaxDelayMs", NodeSettings.DEFAULT_GC_MAX_DELAY), config.storeOptions(),
        new TlsSettings(KeyFiles.readNetworkKey(config.networkKeyFile()), config.publicAddress().host(),
            java.util.Optional.ofNullable(config.tlsCertificateFile()), config.disableTls()), config.ledgerKeyBytes());
  }

  /** Test and benchmark knobs, as JVM system properties in milliseconds. */
  private static Duration millisProperty(String name, Duration otherwise) {
    String ms = System.getProperty(name);
    return ms == null ? otherwise : Duration.ofMillis(Long.parseLong(ms));
  }

  /** Starts the node and blocks until shutdown. */
  public static void run(Path configFile) throws Exception {
    awaitShutdown(StorageNode.start(settings(NodeConfig.load(configFile))));
  }

  /** Closes {@code node} when the JVM is asked to exit, and blocks until then. */
  public static void awaitShutdown(StorageNode node) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("shutting down");
      node.close();
      stopped.countDown();
    }, "node-shutdown"));
    stopped.await();
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2 || !args[0].equals("--config")) {
      System.err.println("usage: NodeMain --config node.yaml");
      System.exit(2);
    }
    run(Path.of(args[1]));
  }
}
