package dev.walrus.node.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.walrus.node.store.StoreOptions;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * A storage node's configuration file (YAML). Unknown keys are rejected rather than ignored: in a
 * node's file they are typos that would otherwise silently leave a default in place. Relative
 * paths are resolved against the file's directory, so a node directory can be moved as a whole.
 *
 * <pre>
 * name: node-1
 * listenAddress: 127.0.0.1:9185
 * dataDirectory: data
 * protocolKeyFile: protocol.key
 * networkKeyFile: network.key
 * walletFile: wallet.key
 * ledgerUrls: [http://127.0.0.1:9101]
 * ledgerKeys: [A8x…]           # for https:// replicas: their keys (raftKey), pinned
 * </pre>
 *
 * @param name the node's name, as registered on chain
 * @param listenAddress where the storage API listens; default {@value #DEFAULT_LISTEN_ADDRESS}
 * @param publicAddress what other nodes and clients connect to (the on-chain network address);
 *     defaults to {@code listenAddress}
 * @param dataDirectory the RocksDB store
 * @param protocolKeyFile the BLS key that signs confirmations and certificates ({@link KeyFiles})
 * @param networkKeyFile the ECDSA P-256 network key ({@link KeyFiles}: PKCS#8 PEM, as Walrus and
 *     certbot write it), registered on the ledger; the node's TLS identity, which clients and peers
 *     pin
 * @param walletFile the Ed25519 account that sends the node's transactions, in the CLI's wallet
 *     format
 * @param ledgerUrls ledger replicas to read events from and send transactions to
 * @param metricsAddress where Prometheus metrics are served; null: on the API port at {@code
 *     /metrics}
 * @param blocklistFile optional YAML list of blob ids the node refuses to serve (spec §5.2)
 * @param capacity bytes of storage the node offers; default 1 TiB
 * @param commissionRate staking commission in basis points, 0..10000; default 0
 * @param syncWrites fsync every store commit ({@link StoreOptions#syncWrites()}); default false
 * @param maxConcurrentBlobSyncs blobs recovered at once after certification (spec §5.3); default 100
 * @param maxConcurrentSliverRecoveries Walrus's name, accepted so its configurations load; not used:
 *     recovery is bounded by {@code maxConcurrentBlobSyncs} (at most 4 per core) and the recovery
 *     budget's memory; default 2000
 * @param maxConcurrentShardSyncs Walrus's name, accepted so its configurations load; not used yet:
 *     gained shards are pulled one at a time (each with up to two 32 MiB {@code sync_shard} pages in
 *     memory), until pulls at once share a memory budget; default 10
 * @param blockCacheBytes the store's block cache; default 128 MiB
 * @param writeBufferBytes the store's memtable budget; default 64 MiB
 * @param tlsCertificateFile a PEM certificate chain for the network key (CA-issued, e.g. by certbot
 *     with {@code --key-type ecdsa --reuse-key}), re-read when it changes; null: a self-signed
 *     certificate made from the network key at start, as Walrus's nodes make it
 * @param disableTls serve plain HTTP (Walrus's {@code disable_tls}); clients always speak HTTPS,
 *     so only for a node behind a TLS terminator holding the same key; default false
 * @param ledgerKeys the ledger replicas' keys (base64 of 33-byte compressed P-256, their {@code
 *     raftKey}s): {@code https://} ledger URLs are trusted iff the replica shows one of them; empty:
 *     such replicas need a CA-issued certificate the JDK trusts
 */
public record NodeConfig(
    String name,
    HostPort listenAddress,
    HostPort publicAddress,
    Path dataDirectory,
    Path protocolKeyFile,
    Path networkKeyFile,
    Path walletFile,
    List<String> ledgerUrls,
    HostPort metricsAddress,
    Path blocklistFile,
    long capacity,
    int commissionRate,
    boolean syncWrites,
    int maxConcurrentBlobSyncs,
    int maxConcurrentSliverRecoveries,
    int maxConcurrentShardSyncs,
    long blockCacheBytes,
    long writeBufferBytes,
    Path tlsCertificateFile,
    boolean disableTls,
    List<String> ledgerKeys) {

  public static final String DEFAULT_LISTEN_ADDRESS = "127.0.0.1:9185";
  public static final long DEFAULT_CAPACITY = 1L << 40;
  public static final int DEFAULT_MAX_CONCURRENT_BLOB_SYNCS = 100;
  public static final int DEFAULT_MAX_CONCURRENT_SLIVER_RECOVERIES = 2000;
  public static final int DEFAULT_MAX_CONCURRENT_SHARD_SYNCS = 10;
  private static final int MAX_COMMISSION_RATE = 10_000;

  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
      .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
      .build();

  /** Validates everything at once; a null {@code publicAddress} means {@code listenAddress}. */
  public NodeConfig {
    List<String> problems = new ArrayList<>();
    List<String> urls = ledgerUrls == null ? List.of() : ledgerUrls;
    check(urls.stream().noneMatch(Objects::isNull), "'ledgerUrls' must not contain empty entries", problems);
    ledgerUrls = urls.stream().filter(Objects::nonNull).toList();
    if (publicAddress == null) {
      publicAddress = listenAddress;
    }
    check(name != null && !name.isBlank(), "'name' must not be blank", problems);
    check(listenAddress != null, "'listenAddress' is required", problems);
    check(dataDirectory != null, "'dataDirectory' is required", problems);
    check(protocolKeyFile != null, "'protocolKeyFile' is required", problems);
    check(networkKeyFile != null, "'networkKeyFile' is required", problems);
    check(walletFile != null, "'walletFile' is required", problems);
    check(!ledgerUrls.isEmpty(), "'ledgerUrls' must list at least one ledger replica", problems);
    ledgerUrls.forEach(url -> checkUrl(url, problems));
    ledgerKeys = ledgerKeys == null ? List.of() : List.copyOf(ledgerKeys);
    ledgerKeys.forEach(key -> checkLedgerKey(key, problems));
    check(capacity > 0, "'capacity' must be positive, got " + capacity, problems);
    check(commissionRate >= 0 && commissionRate <= MAX_COMMISSION_RATE,
        "'commissionRate' is in basis points, 0..10000, got " + commissionRate, problems);
    check(maxConcurrentBlobSyncs >= 1, "'maxConcurrentBlobSyncs' must be at least 1", problems);
    check(maxConcurrentSliverRecoveries >= 1, "'maxConcurrentSliverRecoveries' must be at least 1", problems);
    check(maxConcurrentShardSyncs >= 1, "'maxConcurrentShardSyncs' must be at least 1", problems);
    check(blockCacheBytes >= 1 << 20, "'blockCacheBytes' must be at least 1 MiB", problems);
    check(writeBufferBytes >= 4 << 20, "'writeBufferBytes' must be at least 4 MiB", problems);
    check(!disableTls || tlsCertificateFile == null, "'tlsCertificateFile' is set but 'disableTls' is true",
        problems);
    if (!problems.isEmpty()) {
      throw new InvalidNodeConfigException(null, problems);
    }
  }

  /**
   * A configuration with every file under {@code directory} and every other setting at its default.
   * The blocklist is {@code directory/blocklist.yaml}, which need not exist: create it to block
   * blob IDs (it is re-read within a second of a change).
   */
  public static NodeConfig defaults(String name, Path directory, List<String> ledgerUrls) {
    return new NodeConfig(name, HostPort.parse(DEFAULT_LISTEN_ADDRESS), null, directory.resolve("data"),
        directory.resolve("protocol.key"), directory.resolve("network.key"), directory.resolve("wallet.key"),
        ledgerUrls, null, directory.resolve("blocklist.yaml"), DEFAULT_CAPACITY, 0, false, DEFAULT_MAX_CONCURRENT_BLOB_SYNCS,
        DEFAULT_MAX_CONCURRENT_SLIVER_RECOVERIES, DEFAULT_MAX_CONCURRENT_SHARD_SYNCS,
        StoreOptions.DEFAULT_BLOCK_CACHE_BYTES, StoreOptions.DEFAULT_WRITE_BUFFER_BYTES, null, false, List.of());
  }

  /** The same configuration listening on {@code address} (and announcing it, unless set apart). */
  public NodeConfig withListenAddress(HostPort address) {
    HostPort announced = publicAddress.equals(listenAddress) ? address : publicAddress;
    return new NodeConfig(name, address, announced, dataDirectory, protocolKeyFile, networkKeyFile, walletFile,
        ledgerUrls, metricsAddress, blocklistFile, capacity, commissionRate, syncWrites, maxConcurrentBlobSyncs,
        maxConcurrentSliverRecoveries, maxConcurrentShardSyncs, blockCacheBytes, writeBufferBytes, tlsCertificateFile,
        disableTls, ledgerKeys);
  }

  /** The same configuration with another store memory budget (block cache and memtables). */
  public NodeConfig withStoreMemory(long blockCacheBytes, long writeBufferBytes) {
    return new NodeConfig(name, listenAddress, publicAddress, dataDirectory, protocolKeyFile, networkKeyFile,
        walletFile, ledgerUrls, metricsAddress, blocklistFile, capacity, commissionRate, syncWrites,
        maxConcurrentBlobSyncs, maxConcurrentSliverRecoveries, maxConcurrentShardSyncs, blockCacheBytes,
        writeBufferBytes, tlsCertificateFile, disableTls, ledgerKeys);
  }

  /** The same configuration pinning these ledger replica keys (base64) for {@code https://} ledger URLs. */
  public NodeConfig withLedgerKeys(List<String> keys) {
    return new NodeConfig(name, listenAddress, publicAddress, dataDirectory, protocolKeyFile, networkKeyFile,
        walletFile, ledgerUrls, metricsAddress, blocklistFile, capacity, commissionRate, syncWrites,
        maxConcurrentBlobSyncs, maxConcurrentSliverRecoveries, maxConcurrentShardSyncs, blockCacheBytes,
        writeBufferBytes, tlsCertificateFile, disableTls, keys);
  }

  /** The store settings this configuration asks for. */
  public StoreOptions storeOptions() {
    return new StoreOptions(syncWrites, blockCacheBytes, writeBufferBytes);
  }

  /**
   * Reads and validates a configuration file.
   *
   * @throws InvalidNodeConfigException naming the file and every problem: unknown or missing keys,
   *     values of the wrong type or out of range
   * @throws IOException if the file cannot be read
   */
  public static NodeConfig load(Path file) throws IOException {
    Stored s;
    try {
      s = YAML.readValue(Files.readString(file), Stored.class);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "no node configuration file");
    } catch (CharacterCodingException e) {
      throw new InvalidNodeConfigException(file.toString(), List.of("the file is not UTF-8 text"));
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidNodeConfigException(file.toString(), List.of("unknown key '" + e.getPropertyName() + "'"
          + line(e) + "; the known keys are " + String.join(", ", Stored.KEYS)));
    } catch (JacksonException e) {
      throw new InvalidNodeConfigException(file.toString(), List.of(describe(e)));
    }
    if (s == null) {
      throw new InvalidNodeConfigException(file.toString(), List.of("the file is empty"));
    }
    List<String> missing = new ArrayList<>();
    for (var key : Stored.REQUIRED) {
      if (key.getValue().apply(s) == null) {
        missing.add(key.getKey());
      }
    }
    List<String> problems = new ArrayList<>();
    if (!missing.isEmpty()) {
      problems.add("missing required key" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
    }
    Path base = file.toAbsolutePath().getParent();
    HostPort listen = address(s.listenAddress() == null ? DEFAULT_LISTEN_ADDRESS : s.listenAddress(), "listenAddress", problems);
    HostPort publicAddress = address(s.publicAddress(), "publicAddress", problems);
    HostPort metrics = address(s.metricsAddress(), "metricsAddress", problems);
    if (!problems.isEmpty()) {
      throw new InvalidNodeConfigException(file.toString(), problems);
    }
    try {
      return new NodeConfig(s.name(), listen, publicAddress, resolve(base, s.dataDirectory()),
          resolve(base, s.protocolKeyFile()), resolve(base, s.networkKeyFile()), resolve(base, s.walletFile()),
          s.ledgerUrls(), metrics, resolve(base, s.blocklistFile()),
          or(s.capacity(), DEFAULT_CAPACITY), or(s.commissionRate(), 0), or(s.syncWrites(), false),
          or(s.maxConcurrentBlobSyncs(), DEFAULT_MAX_CONCURRENT_BLOB_SYNCS),
          or(s.maxConcurrentSliverRecoveries(), DEFAULT_MAX_CONCURRENT_SLIVER_RECOVERIES),
          or(s.maxConcurrentShardSyncs(), DEFAULT_MAX_CONCURRENT_SHARD_SYNCS),
          or(s.blockCacheBytes(), StoreOptions.DEFAULT_BLOCK_CACHE_BYTES),
          or(s.writeBufferBytes(), StoreOptions.DEFAULT_WRITE_BUFFER_BYTES),
          resolve(base, s.tlsCertificateFile()), or(s.disableTls(), false), s.ledgerKeys());
    } catch (InvalidNodeConfigException e) {
      throw new InvalidNodeConfigException(file.toString(), e.problems());
    }
  }

  /**
   * Writes this configuration as YAML; paths under the file's directory are written relative to it,
   * so that {@link #load} of the file gives this configuration back.
   */
  public void write(Path file) throws IOException {
    Path base = file.toAbsolutePath().getParent();
    Files.createDirectories(base);
    Stored s = new Stored(name, listenAddress.toString(), publicAddress.toString(), relative(base, dataDirectory),
        relative(base, protocolKeyFile), relative(base, networkKeyFile), relative(base, walletFile), ledgerUrls,
        metricsAddress == null ? null : metricsAddress.toString(), relative(base, blocklistFile), capacity,
        commissionRate, syncWrites, maxConcurrentBlobSyncs, maxConcurrentSliverRecoveries, maxConcurrentShardSyncs,
        blockCacheBytes, writeBufferBytes, relative(base, tlsCertificateFile), disableTls ? Boolean.TRUE : null,
        ledgerKeys.isEmpty() ? null : ledgerKeys);
    Files.write(file, YAML.writeValueAsBytes(s));
  }

  /** The file's form: every key optional here, so that missing ones can be named together. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Stored(
      String name,
      String listenAddress,
      String publicAddress,
      String dataDirectory,
      String protocolKeyFile,
      String networkKeyFile,
      String walletFile,
      List<String> ledgerUrls,
      String metricsAddress,
      String blocklistFile,
      Long capacity,
      Integer commissionRate,
      Boolean syncWrites,
      Integer maxConcurrentBlobSyncs,
      Integer maxConcurrentSliverRecoveries,
      Integer maxConcurrentShardSyncs,
      Long blockCacheBytes,
      Long writeBufferBytes,
      String tlsCertificateFile,
      Boolean disableTls,
      List<String> ledgerKeys) {
    static final List<String> KEYS =
        Arrays.stream(Stored.class.getRecordComponents()).map(RecordComponent::getName).toList();
    static final List<Map.Entry<String, Function<Stored, Object>>> REQUIRED = List.of(
        Map.entry("name", Stored::name),
        Map.entry("dataDirectory", Stored::dataDirectory),
        Map.entry("protocolKeyFile", Stored::protocolKeyFile),
        Map.entry("networkKeyFile", Stored::networkKeyFile),
        Map.entry("walletFile", Stored::walletFile),
        Map.entry("ledgerUrls", Stored::ledgerUrls));
  }

  private static void check(boolean ok, String problem, List<String> problems) {
    if (!ok) {
      problems.add(problem);
    }
  }

  private static void checkUrl(String url, List<String> problems) {
    try {
      URI uri = new URI(url);
      check(("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null,
          "ledger URL '" + url + "' is not an http(s) URL with a host", problems);
    } catch (URISyntaxException | NullPointerException e) {
      problems.add("ledger URL '" + url + "' is not a URL");
    }
  }

  private static void checkLedgerKey(String key, List<String> problems) {
    try {
      dev.walrus.http.tls.NetworkKeyPair.publicKeyFromBase64(key);
    } catch (IllegalArgumentException e) {
      problems.add("ledger key '" + key + "' is not the base64 of a compressed P-256 public key (a replica's raftKey)");
    }
  }

  /** {@link #ledgerKeys} decoded. */
  public List<byte[]> ledgerKeyBytes() {
    return ledgerKeys.stream().map(dev.walrus.http.tls.NetworkKeyPair::publicKeyFromBase64).toList();
  }

  private static HostPort address(String text, String key, List<String> problems) {
    if (text == null) {
      return null;
    }
    try {
      return HostPort.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add("'" + key + "': " + e.getMessage());
      return null;
    }
  }

  private static Path resolve(Path base, String path) {
    return path == null ? null : base.resolve(path).normalize();
  }

  private static String relative(Path base, Path path) {
    if (path == null) {
      return null;
    }
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static String line(JacksonException e) {
    return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }

  private static String describe(JacksonException e) {
    String key = e.getPath().stream().map(JacksonException.Reference::getPropertyName)
        .filter(Objects::nonNull).collect(Collectors.joining("."));
    String where = ((key.isEmpty() ? "" : "key '" + key + "'") + line(e)).strip();
    return where.isEmpty() ? e.getOriginalMessage() : where + ": " + e.getOriginalMessage();
  }
}
