package dev.walrus.ledger.replication;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;

/**
 * A replica's configuration file (YAML or JSON): who it is, where it keeps its data, the network's
 * genesis file, and every replica of the group with its Raft address and HTTP API URL. All
 * replicas of a group list the same peers and the same genesis. Relative paths are relative to the
 * configuration file. Sections other than the first four are optional.
 *
 * <pre>
 * replicaId: r1
 * dataDir: data/r1
 * genesisFile: genesis.yaml
 * peers:
 *   - {id: r1, raftAddress: 127.0.0.1:9201, apiUrl: http://127.0.0.1:9101, raftKey: A8x…}
 *   - {id: r2, raftAddress: 127.0.0.1:9202, apiUrl: http://127.0.0.1:9102, raftKey: Aq4…}
 * tls: {keyFile: r1-raft-key.pem}            # also serves an https:// apiUrl (optional apiCertificateFile)
 * api: {bindAddress: 127.0.0.1, maxBodyBytes: 65536, submitTimeoutMs: 30000}
 * raft: {electionTimeoutMinMs: 1000, electionTimeoutMaxMs: 2000, snapshotThreshold: 10000}
 * proposer: {tickIntervalMs: 500, maxBlockTransactions: 4096, lingerMs: 2}
 * events: {segmentBytes: 67108864, memoryEvents: 65536}
 * </pre>
 */
public record ReplicaConfig(
    String replicaId,
    String dataDir,
    String genesisFile,
    List<Peer> peers,
    ApiConfig api,
    RaftConfig raft,
    ProposerConfig proposer,
    EventLogConfig events,
    TlsConfig tls) {

  public ReplicaConfig(String replicaId, String dataDir, String genesisFile, List<Peer> peers, ApiConfig api,
      RaftConfig raft, ProposerConfig proposer, EventLogConfig events) {
    this(replicaId, dataDir, genesisFile, peers, api, raft, proposer, events, null);
  }

  /**
   * One replica of the group: its Raft (gRPC) {@code host:port}, its API base URL and, when the
   * group runs Raft over mutual TLS, its Raft key: the base64 of the 33-byte compressed P-256
   * public key its certificate must carry.
   */
  public record Peer(String id, String raftAddress, String apiUrl, String raftKey) {
    public Peer(String id, String raftAddress, String apiUrl) {
      this(id, raftAddress, apiUrl, null);
    }
  }

  /**
   * Raft over mutual TLS: {@code keyFile} is this replica's P-256 key (PKCS#8 PEM, as {@code walrus
   * ledger genesis --replicas} writes it); every peer then needs its {@code raftKey}, and a replica
   * accepts only connections from, and connects only to, holders of those keys.
   *
   * <p>The same key serves the client API when this replica's {@code apiUrl} is {@code https://}:
   * with a self-signed certificate (clients pin the replicas' keys, as they pin storage nodes'), or
   * with the chain in {@code apiCertificateFile} (PEM, leaf first, e.g. from a CA), whose leaf must
   * certify that key; the file is re-read when it changes.
   */
  public record TlsConfig(String keyFile, String apiCertificateFile) {
    public TlsConfig(String keyFile) {
      this(keyFile, null);
    }
  }

  /**
   * The HTTP API: the address to bind (the port is the one of this replica's {@code apiUrl}; when
   * set, the Raft listener binds it too, with its port from {@code raftAddress}), the
   * largest accepted transaction, and how long a submission waits for execution by default and at
   * most. Zero or absent means default (host of {@code apiUrl}, 64 KiB, 30 s, 120 s).
   */
  public record ApiConfig(String bindAddress, int maxBodyBytes, long submitTimeoutMs, long maxSubmitTimeoutMs) {
    public static final ApiConfig DEFAULT = new ApiConfig(null, 0, 0, 0);

    public ApiConfig {
      maxBodyBytes = maxBodyBytes > 0 ? maxBodyBytes : 64 << 10;
      submitTimeoutMs = submitTimeoutMs > 0 ? submitTimeoutMs : 30_000;
      maxSubmitTimeoutMs = maxSubmitTimeoutMs > 0 ? maxSubmitTimeoutMs : 120_000;
    }
  }

  /**
   * Raft: election timeouts (a leader is suspected dead after the minimum), a snapshot every
   * {@code snapshotThreshold} log entries, log segments of {@code segmentSizeBytes}, and how far
   * behind the snapshot the log is kept ({@code purgeGap} entries; a replica further behind gets
   * the snapshot). Zero means default (1 s, 2 s, 10 000, 8 MiB, 1 024).
   */
  public record RaftConfig(
      long electionTimeoutMinMs, long electionTimeoutMaxMs, long snapshotThreshold, long segmentSizeBytes, long purgeGap) {
    public static final RaftConfig DEFAULT = new RaftConfig(0, 0, 0, 0, 0);

    public RaftConfig {
      electionTimeoutMinMs = electionTimeoutMinMs > 0 ? electionTimeoutMinMs : 1_000;
      electionTimeoutMaxMs = electionTimeoutMaxMs > electionTimeoutMinMs ? electionTimeoutMaxMs : 2 * electionTimeoutMinMs;
      snapshotThreshold = snapshotThreshold > 0 ? snapshotThreshold : 10_000;
      segmentSizeBytes = segmentSizeBytes > 0 ? segmentSizeBytes : 8L << 20;
      purgeGap = purgeGap > 0 ? purgeGap : 1_024;
    }
  }

  public ReplicaConfig {
    api = api != null ? api : ApiConfig.DEFAULT;
    raft = raft != null ? raft : RaftConfig.DEFAULT;
    proposer = proposer != null ? proposer : ProposerConfig.DEFAULT;
    events = events != null ? events : EventLogConfig.DEFAULT;
  }

  /**
   * A group of one on {@code host}: the embedded ledger of a local network ({@code walrus local}),
   * with default settings.
   */
  public static ReplicaConfig single(Path dataDir, Path genesisFile, String host, int apiPort, int raftPort) {
    Peer self = new Peer("r1", host + ":" + raftPort, "http://" + host + ":" + apiPort);
    return new ReplicaConfig("r1", dataDir.toAbsolutePath().toString(), genesisFile.toAbsolutePath().toString(),
        List.of(self), null, null, null, null, null).validated();
  }

  /** Reads and checks a configuration file; paths in it become absolute. */
  public static ReplicaConfig load(Path file) throws IOException {
    ReplicaConfig c;
    try {
      c = ConfigFiles.yamlStrict().readValue(Files.readAllBytes(file), ReplicaConfig.class);
    } catch (NoSuchFileException e) {
      throw new IOException("no such configuration file: " + file);
    } catch (JacksonException e) {
      throw new IOException(file + " is not a valid replica configuration: " + e.getOriginalMessage());
    }
    if (c == null) {
      throw new IOException(file + " is not a valid replica configuration: it holds no YAML document");
    }
    Path base = file.toAbsolutePath().getParent();
    return c.validated().withPathsFrom(base);
  }

  private ReplicaConfig withPathsFrom(Path base) {
    return new ReplicaConfig(replicaId, base.resolve(dataDir).normalize().toString(),
        base.resolve(genesisFile).normalize().toString(), peers, api, raft, proposer, events,
        tls == null ? null : new TlsConfig(base.resolve(tls.keyFile()).normalize().toString(),
            tls.apiCertificateFile() == null ? null : base.resolve(tls.apiCertificateFile()).normalize().toString()));
  }

  /** Checks the fields; throws {@link IllegalArgumentException} naming the first problem. */
  public ReplicaConfig validated() {
    require(replicaId != null && !replicaId.isBlank(), "replicaId is missing");
    require(dataDir != null && !dataDir.isBlank(), "dataDir is missing");
    require(genesisFile != null && !genesisFile.isBlank(), "genesisFile is missing");
    require(peers != null && !peers.isEmpty(), "peers is missing or empty");
    Set<String> ids = new HashSet<>();
    for (Peer p : peers) {
      require(p != null, "peers has an empty entry");
      require(p.id() != null && p.id().matches("[A-Za-z0-9_.-]{1,64}"),
          "peer id '" + p.id() + "' must be 1-64 letters, digits, '.', '_' or '-'");
      require(ids.add(p.id()), "peer id " + p.id() + " appears twice");
      require(p.raftAddress() != null && p.raftAddress().matches("[^:\\s]+:\\d{1,5}"),
          "peer " + p.id() + ": raftAddress must be host:port, got '" + p.raftAddress() + "'");
      URI url = parseUrl(p);
      require(url.getPort() > 0, "peer " + p.id() + ": apiUrl needs an explicit port");
      if (tls != null) {
        require(p.raftKey() != null, "peer " + p.id() + ": raftKey is missing (tls is on: every peer needs its key)");
        raftKeyBytes(p);
      }
    }
    require(ids.contains(replicaId), "replicaId " + replicaId + " is not among the peers " + ids);
    require(tls == null || (tls.keyFile() != null && !tls.keyFile().isBlank()), "tls.keyFile is missing");
    require(tls != null || !servesHttps(), "apiUrl " + self().apiUrl() + " is https: tls.keyFile (the key its "
        + "certificate carries) and every peer's raftKey are needed");
    return this;
  }

  private static URI parseUrl(Peer p) {
    try {
      URI u = URI.create(p.apiUrl());
      require(("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null,
          "peer " + p.id() + ": apiUrl must be http://host:port or https://host:port");
      return u;
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("peer " + p.id() + ": apiUrl '" + p.apiUrl() + "' is not a URL");
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** A peer's Raft key: 33 bytes, a compressed P-256 point. */
  public static byte[] raftKeyBytes(Peer p) {
    byte[] key;
    try {
      key = java.util.Base64.getDecoder().decode(p.raftKey());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("peer " + p.id() + ": raftKey is not base64");
    }
    try {
      dev.walrus.http.tls.NetworkKeyPair.decodePublicKey(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("peer " + p.id() + ": raftKey is not a compressed P-256 public key: "
          + e.getMessage());
    }
    return key;
  }

  /** Whether this replica serves its API over HTTPS (its {@code apiUrl} says {@code https://}). */
  public boolean servesHttps() {
    return URI.create(self().apiUrl()).getScheme().equals("https");
  }

  public Peer self() {
    return peers.stream().filter(p -> p.id().equals(replicaId)).findFirst().orElseThrow();
  }

  public Peer peer(String id) {
    return peers.stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
  }

  public Path dataPath() {
    return Path.of(dataDir);
  }

  public Path genesisPath() {
    return Path.of(genesisFile);
  }
}
