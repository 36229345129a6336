package dev.walrus.client;

import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.crypto.Ed25519PrivateKey;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The {@code client_config.yaml} the {@code walrus} command and {@code walrus local} use, read so
 * that a program reaches the same network with the same wallet:
 *
 * <pre>{@code
 * ClientConfigFile config = ClientConfigFile.load(Path.of(System.getProperty("user.home"), ".walrus/local/client_config.yaml"));
 * try (WalrusClient walrus = config.clientBuilder().build()) {
 *   StoreResult stored = walrus.store("Hello, Walrus".getBytes(), StoreOptions.defaults().withEpochs(2));
 * }
 * }</pre>
 *
 * <p>The file lists the ledger's URLs, optionally the replicas' keys to pin for {@code https://}
 * URLs ({@code ledgerKeys}: base64 of each replica's compressed P-256 {@code raftKey}), and the
 * wallet's key file ({@code ~/…} or relative to the configuration's directory); keys this class
 * does not know are ignored. The wallet file is a JSON
 * object {@code {"scheme":"ed25519","privateKey":"<base64 32-byte seed>","address":"0x…"}}.
 *
 * @param ledgerUrls the ledger replicas' HTTP APIs
 * @param ledgerKeys the replicas' keys (33 bytes each) pinned for HTTPS; empty when none are listed
 * @param wallet the wallet key file, resolved; {@code null} when the file names none
 */
public record ClientConfigFile(List<URI> ledgerUrls, List<byte[]> ledgerKeys, Path wallet) {
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private static final JsonMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private static final int COMPRESSED_P256_BYTES = 33;

  private record Stored(List<String> ledgerUrls, List<String> ledgerKeys, String wallet) {}

  private record StoredWallet(String scheme, String privateKey) {}

  public ClientConfigFile {
    ledgerUrls = List.copyOf(ledgerUrls);
    ledgerKeys = ledgerKeys.stream().map(byte[]::clone).toList();
  }

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException if it is not a client configuration with at least one ledger URL
   * @throws NoSuchFileException if it does not exist
   */
  public static ClientConfigFile load(Path file) throws IOException {
    Stored s;
    try {
      s = YAML.readValue(Files.readAllBytes(file), Stored.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(file + " is not a client configuration: " + e.getOriginalMessage(), e);
    }
    if (s == null || s.ledgerUrls() == null || s.ledgerUrls().isEmpty()) {
      throw new IllegalArgumentException(file + " lists no ledgerUrls");
    }
    List<URI> urls;
    try {
      urls = s.ledgerUrls().stream().map(URI::create).toList();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + " has a malformed ledger URL: " + e.getMessage(), e);
    }
    List<byte[]> keys = new ArrayList<>();
    for (String k : s.ledgerKeys() == null ? List.<String>of() : s.ledgerKeys()) {
      byte[] key;
      try {
        key = Base64.getDecoder().decode(k.trim());
      } catch (IllegalArgumentException e) {
        key = new byte[0];
      }
      if (key.length != COMPRESSED_P256_BYTES) {
        throw new IllegalArgumentException(file + ": ledgerKeys entry '" + k
            + "' is not the base64 of a compressed P-256 public key (a replica's raftKey)");
      }
      keys.add(key);
    }
    Path base = file.toAbsolutePath().getParent();
    return new ClientConfigFile(urls, keys, s.wallet() == null ? null : resolve(s.wallet(), base));
  }

  @Override
  public List<byte[]> ledgerKeys() {
    return ledgerKeys.stream().map(byte[]::clone).toList();
  }

  /** The wallet's key pair. */
  public Ed25519KeyPair readWallet() throws IOException {
    if (wallet == null) {
      throw new IllegalStateException("the client configuration names no wallet");
    }
    return readWallet(wallet);
  }

  /**
   * Reads a wallet key file.
   *
   * @throws IllegalArgumentException if it is not an Ed25519 wallet file
   */
  public static Ed25519KeyPair readWallet(Path file) throws IOException {
    StoredWallet s;
    try {
      s = JSON.readValue(Files.readAllBytes(file), StoredWallet.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(file + " is not a wallet file: " + e.getOriginalMessage(), e);
    }
    if (s == null || !"ed25519".equals(s.scheme()) || s.privateKey() == null) {
      throw new IllegalArgumentException(file + " is not an Ed25519 wallet file");
    }
    try {
      return Ed25519KeyPair.of(Ed25519PrivateKey.fromBytes(Base64.getDecoder().decode(s.privateKey())));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + " holds an invalid private key: " + e.getMessage(), e);
    }
  }

  /**
   * A client builder for this network: its ledger, the replicas' keys pinned, and the wallet if
   * the configuration names one.
   */
  public WalrusClient.Builder clientBuilder() throws IOException {
    WalrusClient.Builder b = WalrusClient.builder().ledger(ledgerUrls).ledgerKeys(ledgerKeys);
    return wallet == null ? b : b.wallet(readWallet());
  }

  private static Path resolve(String path, Path base) {
    if (path.equals("~") || path.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + path.substring(1));
    }
    Path p = Path.of(path);
    return p.isAbsolute() || base == null ? p : base.resolve(p);
  }
}
