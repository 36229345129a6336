package dev.walrus.cli;

import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.node.NodeMain;
import dev.walrus.node.StorageNode;
import dev.walrus.node.config.HostPort;
import dev.walrus.node.config.InvalidNodeConfigException;
import dev.walrus.node.config.KeyFiles;
import dev.walrus.http.tls.NetworkKeyPair;
import dev.walrus.node.config.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code walrus node init} and {@code walrus node run}: set up and run a storage node. */
final class NodeRunCommands {
  private NodeRunCommands() {}

  @Command(name = "init", description = "Write a node configuration and fresh keys (protocol, network, wallet) into a directory.")
  static final class Init extends Verb {
    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Where node.yaml, the keys and the data go.")
    Path dir;

    @Option(names = "--name", required = true, description = "The node's name.")
    String name;

    @Option(names = "--ledger", required = true, paramLabel = "URL", split = ",",
        description = "Ledger replica API URLs, e.g. http://127.0.0.1:9101.")
    List<String> ledger;

    @Option(names = "--ledger-keys", paramLabel = "KEY", split = ",",
        description = "For https:// replicas: their keys (base64, the raftKey of each; client_config.yaml's"
            + " ledgerKeys), pinned. Without them such replicas need a CA-issued certificate.")
    List<String> ledgerKeys = List.of();

    @Option(names = "--listen", defaultValue = NodeConfig.DEFAULT_LISTEN_ADDRESS, paramLabel = "HOST:PORT",
        description = "Where the storage API listens (default: ${DEFAULT-VALUE}).")
    String listen;

    record Output(String config, String protocolPublicKey, String walletAddress, String networkAddress,
        String networkPublicKey) {}

    @Override
    public Integer call() throws Exception {
      Path configFile = dir.resolve("node.yaml");
      if (Files.exists(configFile)) {
        throw new CliException(configFile + " already exists");
      }
      Files.createDirectories(dir);
      HostPort address = HostPort.parse(listen);
      NodeConfig config;
      try {
        config = NodeConfig.defaults(name, dir.toAbsolutePath(), ledger).withListenAddress(address)
            .withLedgerKeys(ledgerKeys);
      } catch (InvalidNodeConfigException e) {
        throw new CliException(e.getMessage(), e);
      }
      BlsKeyPair protocol = BlsKeyPair.generate();
      Ed25519KeyPair wallet = Ed25519KeyPair.generate();
      KeyFiles.writeProtocolKey(config.protocolKeyFile(), protocol);
      NetworkKeyPair network = NetworkKeyPair.generate();
      KeyFiles.writeNetworkKey(config.networkKeyFile(), network);
      KeyFiles.writeWallet(config.walletFile(), wallet);
      config.write(configFile);
      Output o = new Output(configFile.toString(), Base64.getEncoder().encodeToString(protocol.publicKey().bytes()),
          wallet.publicKey().toAddress().toString(), address.toString(),
          Base64.getEncoder().encodeToString(network.publicKeyBytes()));
      if (json()) {
        Json.print(out(), o);
      } else {
        out().println(terminal().success() + " wrote " + configFile + " (wallet " + o.walletAddress() + ")");
        out().println("next: fund the wallet (walrus get-wal --wallet " + config.walletFile() + "), register with"
            + " 'walrus node register --network-key " + config.networkKeyFile() + "', stake, then"
            + " 'walrus node run --config " + configFile + "'");
      }
      return 0;
    }
  }

  @Command(name = "run", description = "Run a storage node until stopped (Ctrl-C, SIGTERM).")
  static final class Run extends Verb {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The node configuration (node.yaml).")
    Path config;

    @Override
    public Integer call() throws Exception {
      NodeConfig loaded;
      try {
        loaded = NodeConfig.load(config);
      } catch (InvalidNodeConfigException e) {
        throw new CliException(e.getMessage(), e);
      }
      StorageNode node = StorageNode.start(NodeMain.settings(loaded));
      out().println(terminal().success() + " storage node '" + loaded.name() + "' serving "
          + (loaded.disableTls() ? "http://" : "https://") + loaded.listenAddress() + " (metrics at /metrics)");
      out().flush();
      NodeMain.awaitShutdown(node);
      return 0;
    }
  }
}
