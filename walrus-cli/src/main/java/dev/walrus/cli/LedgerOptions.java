package dev.walrus.cli;

import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.client.LedgerClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the ledger is and which wallet to use, for every verb that talks to the ledger: {@code
 * --ledger} URLs (repeatable or comma-separated; the client fails over between them), {@code
 * --wallet}, or a client configuration file ({@code --config}, else the usual places).
 */
final class LedgerOptions {
  @Option(names = "--ledger", paramLabel = "URL", split = ",",
      description = "A ledger replica's API URL, e.g. http://127.0.0.1:9101 (repeatable; default: from the client configuration).")
  List<String> ledgerUrls = new ArrayList<>();

  @Option(names = "--wallet", paramLabel = "FILE",
      description = "The wallet key file (default: from the client configuration, else ~/.walrus/wallet.key).")
  Path wallet;

  @Option(names = "--config", paramLabel = "FILE",
      description = "The client configuration (default: ./client_config.yaml, ~/.config/walrus/, ~/.walrus/).")
  Path config;

  private ClientConfig loaded;
  private Path loadedFrom;

  /**
   * These options, or where none was given, {@code outer}'s: {@code walrus info --ledger URL epoch}
   * names the ledger before the subcommand.
   */
  LedgerOptions orElse(LedgerOptions outer) {
    return ledgerUrls.isEmpty() && wallet == null && config == null ? outer : this;
  }

  private ClientConfig config() throws IOException {
    if (loaded == null) {
      loadedFrom = config != null ? config : ClientConfig.find();
      loaded = loadedFrom != null ? ClientConfig.load(loadedFrom) : new ClientConfig(null, null);
    }
    return loaded;
  }

  /** The client configuration file in use: {@code --config}, else the first found; null if none. */
  Path configFile() throws IOException {
    config();
    return loadedFrom;
  }

  List<URI> urls() throws IOException {
    List<String> urls = !ledgerUrls.isEmpty() ? ledgerUrls : config().ledgerUrls();
    if (urls == null || urls.isEmpty()) {
      throw new CliException("no ledger given: use --ledger URL or list ledgerUrls in client_config.yaml");
    }
    List<URI> out = new ArrayList<>();
    for (String u : urls) {
      URI uri;
      try {
        uri = URI.create(u.trim());
      } catch (IllegalArgumentException e) {
        throw new CliException("'" + u + "' is not a URL");
      }
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
        throw new CliException("'" + u + "' is not an http:// or https:// URL of a ledger replica");
      }
      out.add(uri);
    }
    return out;
  }

  Path walletPath() throws IOException {
    if (wallet != null) {
      return wallet;
    }
    String fromConfig = config().wallet();
    if (fromConfig != null) {
      return ClientConfig.expand(fromConfig, loadedFrom != null ? loadedFrom.toAbsolutePath().getParent() : null);
    }
    return WalletFile.defaultPath();
  }

  Ed25519KeyPair key() throws IOException {
    return WalletFile.read(walletPath());
  }

  /** The replicas' keys from the client configuration ({@code ledgerKeys}), pinned for HTTPS. */
  List<byte[]> replicaKeys() throws IOException {
    List<String> keys = config().ledgerKeys();
    if (keys == null) {
      return List.of();
    }
    List<byte[]> out = new ArrayList<>();
    for (String k : keys) {
      try {
        out.add(dev.walrus.http.tls.NetworkKeyPair.publicKeyFromBase64(k));
      } catch (IllegalArgumentException e) {
        throw new CliException("ledgerKeys in " + loadedFrom + ": '" + k
            + "' is not the base64 of a compressed P-256 public key (a replica's raftKey)");
      }
    }
    return out;
  }

  /** A client builder for the ledger named by these options, its replicas' keys pinned. */
  LedgerClient.Builder clientBuilder() throws IOException {
    return LedgerClient.builder(urls()).replicaKeys(replicaKeys());
  }

  LedgerClient client() throws IOException {
    return clientBuilder().build();
  }
}
