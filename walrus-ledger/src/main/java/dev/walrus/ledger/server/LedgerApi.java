package dev.walrus.ledger.server;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.WalrusException;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.EventPage;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.api.StatusView;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.replication.Admission;
import dev.walrus.ledger.replication.EventLog;
import dev.walrus.ledger.replication.ReplicaConfig;
import dev.walrus.ledger.replication.Submitted;
import dev.walrus.ledger.replication.Submitter;
import dev.walrus.ledger.state.ChainInfo;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The ledger's HTTP API: transactions, reads, events, the OpenAPI document and metrics. Paths and
 * their parameters are listed in {@link #routes()}; {@code /v1/api} describes them in OpenAPI 3.
 */
final class LedgerApi {
  static final int MAX_EVENTS_PER_PAGE = 1000;
  static final long MAX_WAIT_MS = 60_000;

  private final LedgerBackend backend;
  private final ReplicaConfig.ApiConfig config;
  private final PrometheusMeterRegistry metrics;
  private final EventStreams streams;
  private final byte[] openApi;
  private final Timer submitTimer;

  LedgerApi(LedgerBackend backend, ReplicaConfig.ApiConfig config, PrometheusMeterRegistry metrics, byte[] openApi,
      EventStreams streams) {
    this.backend = backend;
    this.config = config;
    this.metrics = metrics;
    this.openApi = openApi;
    this.streams = streams;
    this.submitTimer = Timer.builder("ledger.submit").description("Submission to effects, as seen by the API")
        .publishPercentiles(0.5, 0.99).register(metrics);
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", "/v1/transactions", Set.of("timeoutMs"), this::submit),
        Route.of("GET", "/v1/transactions/{digest}", Set.of(), this::transaction),
        Route.of("GET", "/v1/status", Set.of(), x -> x.json(200, status())),
        Route.of("GET", "/v1/system", Set.of(), x -> x.json(200, backend.read(Views::system))),
        Route.of("GET", "/v1/genesis", Set.of(), x -> x.json(200, backend.genesis())),
        Route.of("GET", "/v1/committee", Set.of(),
            x -> x.json(200, backend.read(s -> Views.committee(s, s.staking().committee())))),
        Route.of("GET", "/v1/committee/previous", Set.of(),
            x -> x.json(200, backend.read(s -> Views.committee(s, s.staking().previousCommittee())))),
        Route.of("GET", "/v1/staking", Set.of(), x -> x.json(200, backend.read(Views::staking))),
        Route.of("GET", "/v1/staking/pools/{nodeId}", Set.of(), this::pool),
        Route.of("GET", "/v1/staking/staked-wal/{id}", Set.of("epoch"), this::stakeQuote),
        Route.of("GET", "/v1/accounts/{address}", Set.of("objects"), this::account),
        Route.of("GET", "/v1/accounts/{address}/sites", Set.of(), this::sitesOf),
        Route.of("GET", "/v1/objects/{id}", Set.of(), this::object),
        Route.of("GET", "/v1/sites/{id}", Set.of(), this::site),
        Route.of("GET", "/v1/sites/{id}/resource", Set.of("path"), this::siteResource),
        Route.of("GET", "/v1/sites/{id}/resources", Set.of("after", "limit"), this::siteResources),
        Route.of("GET", "/v1/blobs/{blobId}", Set.of(), this::blob),
        Route.of("GET", "/v1/cost", Set.of("size", "epochs"), this::cost),
        Route.of("GET", "/v1/challenges/epochs/{epoch}", Set.of("reports"), this::challengeEpoch),
        Route.of("GET", "/v1/challenges/nodes/{nodeId}", Set.of(),
            x -> x.json(200, backend.read(s -> ChallengeViews.node(s, parse(x.path(0), ObjectId::parse, "INVALID_OBJECT_ID"))))),
        Route.of("GET", "/v1/challenges/params", Set.of(), x -> x.json(200, backend.read(ChallengeViews::params))),
        Route.of("GET", "/v1/events", Set.of("cursor", "limit", "waitMs"), this::events),
        Route.of("GET", "/v1/events/stream", Set.of("cursor"), streams::stream),
        Route.of("GET", "/v1/api", Set.of(), x -> x.bytes(200, "application/json", openApi)),
        Route.of("GET", "/metrics", Set.of(),
            x -> x.bytes(200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.scrape().getBytes(StandardCharsets.UTF_8))));
  }

  // ---- transactions ---------------------------------------------------------------------------

  private void submit(Exchange x) throws Exception {
    String type = x.header("Content-Type");
    if (type != null && !type.startsWith("application/octet-stream")) {
      throw new ApiException(415, "INVALID_ARGUMENT", "UNSUPPORTED_CONTENT_TYPE",
          "the body must be a BCS SignedTransaction (Content-Type: application/octet-stream), not " + type);
    }
    long timeoutMs = x.longQuery("timeoutMs", config.submitTimeoutMs(), 1, config.maxSubmitTimeoutMs());
    byte[] body = x.body(config.maxBodyBytes());
    SignedTransaction tx;
    try {
      tx = SignedTransaction.fromBcs(body);
    } catch (RuntimeException e) {
      throw ApiException.invalid("MALFORMED_TRANSACTION", "the body is not a BCS SignedTransaction: " + e.getMessage());
    }
    Optional<TransactionEffects> known = backend.recentTransaction(tx.transaction().digest());
    if (known.isPresent() && known.get().status() != TransactionEffects.Status.REJECTED) {
      x.json(200, known.get());
      return;
    }
    try {
      Admission.checkStateless(tx, backend.network(), backend.genesis());
      backend.read(s -> {
        Admission.checkSequence(tx, s);
        return null;
      });
    } catch (Admission.Refused r) {
      throw new ApiException(400, r.precondition() ? "FAILED_PRECONDITION" : "INVALID_ARGUMENT", r.reason(), r.getMessage());
    }
    long start = System.nanoTime();
    Submitted effects = backend.submit(tx, body, timeoutMs, x.header(Submitter.FORWARDED_HEADER) != null);
    submitTimer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    x.bytes(200, "application/json", effects.json());
  }

  private void transaction(Exchange x) {
    String hex = x.path(0);
    byte[] digest;
    try {
      digest = HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
    } catch (IllegalArgumentException e) {
      digest = null;
    }
    if (digest == null || digest.length != 32) {
      throw ApiException.invalid("INVALID_DIGEST", "'" + hex + "' is not a transaction digest (64 hex digits)");
    }
    TransactionEffects e = backend.recentTransaction(digest).orElseThrow(() -> ApiException.notFound(
        "TRANSACTION_NOT_FOUND", "transaction " + hex + " is not among the recent transactions this replica remembers"));
    x.json(200, e);
  }

  // ---- reads ----------------------------------------------------------------------------------

  StatusView status() {
    return backend.read(s -> {
      ChainInfo c = s.chain();
      return new StatusView(backend.replicaId(), backend.leaderId().orElse(null), backend.role(),
          backend.genesis().networkName(), backend.network(), c.height(), c.timeMs(), s.stateDigest(),
          s.lastBlockRoot(), c.nextEventSequence(), backend.lastAppliedIndex());
    });
  }

  private void account(Exchange x) {
    Address address = parse(x.path(0), Address::parse, "INVALID_ADDRESS");
    boolean objects = x.boolQuery("objects", true);
    x.json(200, backend.read(s -> Views.account(s, address, objects)));
  }

  private void object(Exchange x) {
    ObjectId id = parse(x.path(0), ObjectId::parse, "INVALID_OBJECT_ID");
    x.json(200, backend.read(s -> Views.object(s, id)));
  }

  // ---- Walrus Sites ----------------------------------------------------------------------------

  private void site(Exchange x) {
    ObjectId id = parse(x.path(0), ObjectId::parse, "INVALID_OBJECT_ID");
    x.json(200, backend.read(s -> SiteViews.site(s, id)));
  }

  /** {@code ?path=} the resource's path (required): one point lookup. */
  private void siteResource(Exchange x) {
    ObjectId id = parse(x.path(0), ObjectId::parse, "INVALID_OBJECT_ID");
    String path = x.query("path");
    if (path == null) {
      throw ApiException.invalid("MISSING_PARAMETER", "the query parameter path (the resource's path, e.g. /index.html) is required");
    }
    x.json(200, backend.read(s -> SiteViews.resource(s, id, path)));
  }

  /** {@code ?after=} a path (exclusive; default: from the first), {@code ?limit=} 1 to 1 000 (default 100). */
  private void siteResources(Exchange x) {
    ObjectId id = parse(x.path(0), ObjectId::parse, "INVALID_OBJECT_ID");
    int limit = (int) x.longQuery("limit", SiteViews.DEFAULT_PAGE, 1, SiteViews.MAX_PAGE);
    String after = x.query("after");
    x.json(200, backend.read(s -> SiteViews.resources(s, id, after, limit)));
  }

  private void sitesOf(Exchange x) {
    Address owner = parse(x.path(0), Address::parse, "INVALID_ADDRESS");
    x.json(200, backend.read(s -> SiteViews.owned(s, owner)));
  }

  private void pool(Exchange x) {
    ObjectId id = parse(x.path(0), ObjectId::parse, "INVALID_OBJECT_ID");
    x.json(200, backend.read(s -> Views.pool(s, id)));
  }

  /** {@code ?epoch=} the withdrawal epoch to quote for (default: the current epoch). */
  private void stakeQuote(Exchange x) {
    ObjectId id = parse(x.path(0), ObjectId::parse, "INVALID_OBJECT_ID");
    x.json(200, backend.read(s -> {
      int epoch = (int) x.longQuery("epoch", s.staking().epoch(), 0, Integer.MAX_VALUE);
      return Views.stakeQuote(s, id, epoch);
    }));
  }

  private void blob(Exchange x) {
    BlobId id = parse(x.path(0), BlobId::parse, "INVALID_BLOB_ID");
    x.json(200, backend.read(s -> Views.blob(s, id)));
  }

  private void cost(Exchange x) {
    if (x.query("size") == null || x.query("epochs") == null) {
      throw ApiException.invalid("MISSING_PARAMETER", "both size (bytes) and epochs are required");
    }
    long size = x.longQuery("size", 0, 0, Long.MAX_VALUE);
    int epochs = (int) x.longQuery("epochs", 1, 1, backend.genesis().maxEpochsAhead());
    x.json(200, backend.read(s -> Views.cost(s, size, epochs)));
  }

  /** {@code epoch}: a number or {@code current}; {@code ?reports=true} adds every report's entries. */
  private void challengeEpoch(Exchange x) {
    String text = x.path(0);
    java.util.Optional<Integer> epoch;
    if (text.equals("current")) {
      epoch = java.util.Optional.empty();
    } else {
      try {
        epoch = java.util.Optional.of(Integer.parseUnsignedInt(text));
      } catch (NumberFormatException e) {
        throw ApiException.invalid("INVALID_EPOCH", "'" + text + "' is not an epoch number or 'current'");
      }
    }
    boolean reports = x.boolQuery("reports", false);
    x.json(200, backend.read(s -> ChallengeViews.epoch(s, epoch, reports)));
  }

  private static <T> T parse(String text, Function<String, T> parser, String reason) {
    try {
      return parser.apply(text);
    } catch (WalrusException | IllegalArgumentException e) {
      throw ApiException.invalid(reason, e.getMessage());
    }
  }

  // ---- events ---------------------------------------------------------------------------------

  private void events(Exchange x) throws InterruptedException {
    long cursor = x.longQuery("cursor", 0, 0, Long.MAX_VALUE);
    int limit = (int) x.longQuery("limit", 100, 1, MAX_EVENTS_PER_PAGE);
    long waitMs = x.longQuery("waitMs", 0, 0, MAX_WAIT_MS);
    EventLog log = backend.events();
    streams.awaitHead(log, cursor, waitMs);
    List<EventEnvelope> events = log.read(cursor, limit);
    if (events.isEmpty() && waitMs > 0 && log.await(cursor, waitMs)) {
      events = log.read(cursor, limit);
    }
    x.json(200, new EventPage(events, cursor + events.size(), log.next()));
  }
}
