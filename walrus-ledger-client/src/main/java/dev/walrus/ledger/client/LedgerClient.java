package dev.walrus.ledger.client;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.AccountView;
import dev.walrus.ledger.api.BlobObjectsView;
import dev.walrus.ledger.api.ChallengeEpochView;
import dev.walrus.ledger.api.ChallengeNodeView;
import dev.walrus.ledger.api.ChallengeParamsView;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CostQuoteView;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.EventPage;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.api.SiteResource;
import dev.walrus.ledger.api.SiteResourcesView;
import dev.walrus.ledger.api.SiteView;
import dev.walrus.ledger.api.StakingView;
import dev.walrus.ledger.api.StatusView;
import dev.walrus.ledger.api.SystemInfoView;
import dev.walrus.ledger.api.Transaction;
import dev.walrus.ledger.api.TransactionEffects;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The ledger's HTTP API from Java: reads, transaction submission and event subscriptions.
 *
 * <p>Given several replica URLs it uses one until it fails to answer (connection refused, timeout,
 * {@code 502}/{@code 503}) and then the next; every replica serves every request and forwards
 * transactions to the leader, so any of them will do. Submitting is idempotent: the same signed
 * transaction sent again (after a timeout, to another replica) yields its original effects.
 *
 * <p>Thread-safe; one instance serves a whole application. Close it to release its connections.
 */
public final class LedgerClient implements AutoCloseable {
  private static final HexFormat HEX = HexFormat.of();

  private final Endpoints http;
  private final Duration submitTimeout;
  private final Map<Address, Long> usedSequences = new ConcurrentHashMap<>();
  /** One lock per sending account: its transactions are signed and submitted one at a time. */
  private final Map<Address, ReentrantLock> senders = new ConcurrentHashMap<>();
  private volatile byte[] network;

  private LedgerClient(Builder b) {
    this.http = new Endpoints(b.urls, b.connectTimeout, b.requestTimeout, b.maxConnections, b.replicaTrust);
    this.submitTimeout = b.submitTimeout;
  }

  /** A client of the replicas at {@code urls} (e.g. {@code http://127.0.0.1:9101}). */
  public static Builder builder(List<URI> urls) {
    return new Builder(urls);
  }

  public static LedgerClient of(String... urls) {
    return builder(java.util.Arrays.stream(urls).map(URI::create).toList()).build();
  }

  // ---- reads ----------------------------------------------------------------------------------

  public StatusView status() {
    return http.get("/v1/status", StatusView.class);
  }

  public SystemInfoView system() {
    return http.get("/v1/system", SystemInfoView.class);
  }

  public GenesisConfig genesis() {
    return http.get("/v1/genesis", GenesisConfig.class);
  }

  /** The current committee. */
  public CommitteeView committee() {
    return http.get("/v1/committee", CommitteeView.class);
  }

  /** The previous epoch's committee (the read committee while an epoch change runs). */
  public CommitteeView previousCommittee() {
    return http.get("/v1/committee/previous", CommitteeView.class);
  }

  public AccountView account(Address address) {
    return http.get("/v1/accounts/" + address, AccountView.class);
  }

  /** The object, or a {@link LedgerClientException} with reason {@code OBJECT_NOT_FOUND}. */
  public ObjectView object(ObjectId id) {
    return http.get("/v1/objects/" + id, ObjectView.class);
  }

  public BlobObjectsView blob(BlobId blobId) {
    return http.get("/v1/blobs/" + blobId, BlobObjectsView.class);
  }

  public CostQuoteView cost(long unencodedSize, int epochs) {
    return http.get("/v1/cost?size=" + unencodedSize + "&epochs=" + epochs, CostQuoteView.class);
  }

  /**
   * Up to {@code limit} events from {@code cursor} on; if there are none yet, waits up to {@code
   * wait} for some (long poll) and returns an empty page if none came.
   */
  public EventPage events(long cursor, int limit, Duration wait) {
    return http.get("/v1/events?cursor=" + cursor + "&limit=" + limit + "&waitMs=" + wait.toMillis(),
        EventPage.class, wait.plus(http.requestTimeout()));
  }

  /**
   * Epoch {@code epoch}'s storage challenge, or the current epoch's when empty; {@code reports}
   * adds every report's entries. A network without challenges answers reason {@code
   * CHALLENGES_DISABLED}.
   */
  public ChallengeEpochView challengeEpoch(OptionalInt epoch, boolean reports) {
    String e = epoch.isPresent() ? Integer.toString(epoch.getAsInt()) : "current";
    return http.get("/v1/challenges/epochs/" + e + (reports ? "?reports=true" : ""), ChallengeEpochView.class);
  }

  /** The epoch state machine and every staking pool. */
  public StakingView staking() {
    return http.get("/v1/staking", StakingView.class);
  }

  /** A staking pool as the ledger stores it (node info, votes, commission, accounting) with its stake. */
  public tools.jackson.databind.JsonNode pool(ObjectId nodeId) {
    return http.get("/v1/staking/pools/" + nodeId, tools.jackson.databind.JsonNode.class);
  }

  /** A node's challenge standing: recent results, debt, jail. */
  public ChallengeNodeView challengeNode(ObjectId nodeId) {
    return http.get("/v1/challenges/nodes/" + nodeId, ChallengeNodeView.class);
  }

  /** The challenge constants, penalty sizes, proposals and votes. */
  public ChallengeParamsView challengeParams() {
    return http.get("/v1/challenges/params", ChallengeParamsView.class);
  }

  // ---- Walrus Sites -----------------------------------------------------------------------------

  /** A site, or a {@link LedgerClientException} with reason {@code SITE_NOT_FOUND}. */
  public SiteView site(ObjectId siteId) {
    return http.get("/v1/sites/" + siteId, SiteView.class);
  }

  /** The resource at {@code path} of a site (one point lookup), or empty if it has none there. */
  public Optional<SiteResource> siteResource(ObjectId siteId, String path) {
    try {
      return Optional.of(http.get("/v1/sites/" + siteId + "/resource?path=" + query(path), SiteResource.class));
    } catch (LedgerClientException e) {
      if (e.httpCode() == 404 && "RESOURCE_NOT_FOUND".equals(e.reason())) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Up to {@code limit} (at most 1 000) resources of a site after {@code after} (null: from the start). */
  public SiteResourcesView siteResources(ObjectId siteId, String after, int limit) {
    String q = "?limit=" + limit + (after == null ? "" : "&after=" + query(after));
    return http.get("/v1/sites/" + siteId + "/resources" + q, SiteResourcesView.class);
  }

  /** Every site {@code owner} owns (at most 1 000). */
  public List<SiteView> sites(Address owner) {
    return List.of(http.get("/v1/accounts/" + owner + "/sites", SiteView[].class));
  }

  private static String query(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The effects of a recently executed transaction, if this replica still remembers them. */
  public Optional<TransactionEffects> transaction(byte[] digest) {
    try {
      return Optional.of(http.get("/v1/transactions/" + HEX.formatHex(digest), TransactionEffects.class));
    } catch (LedgerClientException e) {
      if (e.httpCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  // ---- transactions ---------------------------------------------------------------------------

  /**
   * Submits a signed transaction and waits until a block containing it was executed. Effects with
   * status {@code ABORTED} or {@code REJECTED} are returned, not thrown: the transaction was
   * ordered. A transaction refused before ordering (malformed, bad signature, wrong network,
   * stale sequence number) throws with status {@code INVALID_ARGUMENT} or {@code
   * FAILED_PRECONDITION}; a ledger without quorum throws {@code DEADLINE_EXCEEDED}.
   */
  public TransactionEffects submit(SignedTransaction transaction) {
    TransactionEffects effects;
    try {
      effects = http.post("/v1/transactions?timeoutMs=" + submitTimeout.toMillis(), transaction.toBcs(),
          TransactionEffects.class, submitTimeout.plus(http.requestTimeout()));
    } catch (LedgerClientException e) {
      if (!"STALE_SEQUENCE".equals(e.reason())) {
        throw e;
      }
      // A resubmission after a replica failed mid-request (the client fails over and sends the
      // same transaction again) finds its sequence number used, possibly by this very transaction:
      // then its effects are the answer.
      effects = executedEarlier(transaction).orElseThrow(() -> e);
    }
    if (effects.status() != TransactionEffects.Status.REJECTED) {
      // The next transaction signed here must not reuse the sequence, even if a lagging replica says so.
      usedSequences.merge(transaction.transaction().sender().toAddress(), transaction.transaction().sequence() + 1,
          Math::max);
    }
    return effects;
  }

  /** The effects of {@code transaction} if a replica reports it executed (it may lag a moment). */
  private Optional<TransactionEffects> executedEarlier(SignedTransaction transaction) {
    byte[] digest = transaction.transaction().digest();
    for (int attempt = 0; attempt < 10; attempt++) {
      Optional<TransactionEffects> effects = transaction(digest);
      if (effects.isPresent()) {
        return effects;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Signs {@code operation} as the next transaction of {@code key}'s account (its sequence number
   * and the network's fee read from the ledger) and submits it. Concurrent calls for the same
   * account wait for each other: two transactions signed at once would take the same sequence
   * number and one would be rejected (a publisher storing many blobs from one wallet does this).
   */
  public TransactionEffects execute(Ed25519KeyPair key, Operation operation) {
    Address sender = key.publicKey().toAddress();
    ReentrantLock lock = senders.computeIfAbsent(sender, a -> new ReentrantLock());
    lock.lock();
    try {
      return submit(sign(key, operation));
    } finally {
      lock.unlock();
    }
  }

  /**
   * The transaction {@link #execute} would submit, signed. Its sequence number is the account's
   * next as the ledger reports it, but never one this client already used: a replica that lags
   * behind reports an old one, and signing the same operation again with it would only repeat
   * (and get the effects of) the earlier transaction.
   */
  public SignedTransaction sign(Ed25519KeyPair key, Operation operation) {
    long fee = system().ledgerInfo().transactionFee();
    Address sender = key.publicKey().toAddress();
    long sequence = Math.max(account(sender).nextSequence(), usedSequences.getOrDefault(sender, 0L));
    return new Transaction(network(), key.publicKey(), sequence, fee, operation).sign(key);
  }

  /** The network's identity (genesis digest), read once. */
  public byte[] network() {
    byte[] n = network;
    if (n == null) {
      n = status().network();
      network = n;
    }
    return n.clone();
  }

  // ---- events ---------------------------------------------------------------------------------

  /**
   * Delivers every event from {@code cursor} on, in order and exactly once, to {@code onEvent}
   * (called on one background thread). The subscription survives disconnects and replica
   * failures: it reconnects, to another replica if needed, from the next undelivered sequence
   * number. Close it to stop.
   */
  public EventSubscription subscribe(long cursor, Consumer<EventEnvelope> onEvent) {
    return new EventSubscription(http, cursor, onEvent);
  }

  @Override
  public void close() {
    http.close();
  }

  /** Options; defaults: connect 5 s, reads 30 s, submissions 60 s, 64 connections per replica. */
  public static final class Builder {
    private final List<URI> urls;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration submitTimeout = Duration.ofSeconds(60);
    private int maxConnections = 64;
    /** The pins of {@link #replicaKeys}, or null: https:// replicas then need a CA-issued certificate. */
    private dev.walrus.http.tls.PinnedPeersTrustManager replicaTrust;

    private Builder(List<URI> urls) {
      if (urls.isEmpty()) {
        throw new IllegalArgumentException("at least one ledger URL is needed");
      }
      for (URI u : urls) {
        if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
          throw new IllegalArgumentException("ledger URL " + u + " is not http(s)://host:port");
        }
      }
      this.urls = List.copyOf(urls);
    }

    /**
     * The replicas' keys (33-byte compressed P-256, as {@code raftKey} in their configuration):
     * an {@code https://} replica is then trusted iff its certificate carries one of them, as
     * storage nodes are trusted by their registered keys. Without keys, {@code https://} replicas
     * need a certificate the JDK's CAs vouch for, naming the host dialled.
     *
     * @throws IllegalArgumentException if a key is not a P-256 point
     */
    public Builder replicaKeys(List<byte[]> keys) {
      this.replicaTrust = keys.isEmpty() ? null : dev.walrus.http.tls.PinnedPeersTrustManager.anyOf("ledger replica", keys);
      return this;
    }

    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    /** How long a read may take. */
    public Builder requestTimeout(Duration d) {
      this.requestTimeout = d;
      return this;
    }

    /** How long a submission waits for its transaction to be executed. */
    public Builder submitTimeout(Duration d) {
      this.submitTimeout = d;
      return this;
    }

    /** Connections per replica (concurrent submissions each hold one while they wait). */
    public Builder maxConnections(int n) {
      this.maxConnections = n;
      return this;
    }

    public LedgerClient build() {
      return new LedgerClient(this);
    }
  }
}
