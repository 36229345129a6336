package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.BlobSource;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SpillSpace;
import dev.walrus.core.messages.BlobPersistence;
import dev.walrus.core.messages.ProtocolMessageCertificate;
import dev.walrus.core.messages.SignedMessage;
import dev.walrus.core.messages.StorageConfirmation;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.client.LedgerClient;
import dev.walrus.node.api.BlobStatus;
import dev.walrus.node.api.StoreOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write flow (protocol.md §3): encode, status check, obtain a registration (reusing what the
 * wallet owns, see {@link Registrations}), upload to every committee node at once, collect and
 * verify confirmations up to a quorum (plus a short tail so more nodes get their data directly
 * rather than by recovery), certify; then extend or share if asked.
 *
 * <p>The blob is encoded once, through a {@link BlobSource}, with what the encoding computes kept
 * in a {@link SpillSpace} (a temporary file for large blobs). A sliver is read from there only
 * when its upload is about to start, into a buffer of the client's {@link SliverBuffers}, so the
 * memory a store needs is bounded by those, not by the blob.
 */
final class BlobWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BlobWriter.class);
  /** Upload-and-confirm rounds per store: the first, plus retries for stragglers or a new epoch. */
  private static final int MAX_ROUNDS = 3;
  private static final Duration TAIL_BASE = Duration.ofMillis(500);
  /** Slivers up to this size may wait in a node's pending cache (it takes at most 4 MiB each). */
  private static final int MAX_PENDING_SLIVER_BYTES = 256 << 10;
  /** Threads that read slivers out of encodings: copies from the page cache, a few suffice. */
  private static final int SLIVER_READERS = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));

  private final LedgerClient ledger;
  private final Ed25519KeyPair wallet;
  private final Committees committees;
  private final NodeApi.Directory nodes;
  private final StatusQuery statusQuery;
  private final Registrations registrations;
  private final Retry retry;
  private final int perNodeConcurrency;
  private final Duration confirmationWait;
  private final SpillSpace spill;
  private final SliverBuffers buffers;
  private final ExecutorService sliverReads;

  BlobWriter(LedgerClient ledger, Ed25519KeyPair wallet, Committees committees, NodeApi.Directory nodes,
      StatusQuery statusQuery, Retry retry, int perNodeConcurrency, Duration confirmationWait, SpillSpace spill,
      SliverBuffers buffers) {
    this.ledger = ledger;
    this.wallet = wallet;
    this.committees = committees;
    this.nodes = nodes;
    this.statusQuery = statusQuery;
    this.registrations = new Registrations(ledger, wallet);
    this.retry = retry;
    this.perNodeConcurrency = perNodeConcurrency;
    this.confirmationWait = confirmationWait;
    this.spill = spill;
    this.buffers = buffers;
    this.sliverReads = Executors.newFixedThreadPool(SLIVER_READERS, Thread.ofPlatform().daemon()
        .name("walrus-sliver-read-", 0).factory());
  }

  void close() {
    sliverReads.shutdownNow();
  }

  StoreResult store(BlobSource data, StoreOptions options, StoreTracker tracker) {
    if (options.share() && options.deletable()) {
      throw new IllegalArgumentException("only permanent blobs can be shared");
    }
    CommitteeView committee = committees.current();
    EncodingConfig config = EncodingConfig.forShards(committee.nShards());
    long length = data.size();
    long encodedSize = config.encodedLength(length);
    long t0 = System.nanoTime();
    tracker.phase("encode");
    try (EncodedBlob encoded = new BlobEncoder(config).encode(data, spill)) {
      BlobId blobId = encoded.blobId();
      tracker.blobId(blobId);
      options.beforeStoring().accept(blobId);
      return store(committee, config, encoded, length, encodedSize, options, tracker, t0);
    }
  }

  private StoreResult store(CommitteeView committee, EncodingConfig config, EncodedBlob encoded, long length,
      long encodedSize, StoreOptions options, StoreTracker tracker, long t0) {
    BlobId blobId = encoded.blobId();
    long t1 = System.nanoTime();

    if (!options.force()) {
      tracker.phase("status");
      BlobStatus status = statusOrNull(committee, blobId);
      if (status instanceof BlobStatus.Invalid i) {
        return StoreResult.markedInvalid(blobId, i.event(), length, encodedSize);
      }
      if (status instanceof BlobStatus.Permanent p && p.isCertified()
          && p.endEpoch() >= committee.epoch() + options.epochs()) {
        LOG.debug("blob {} is already certified until epoch {}", blobId, p.endEpoch());
        return StoreResult.alreadyCertified(blobId, p.statusEvent(), p.endEpoch(), length, encodedSize);
      }
    }
    if (wallet == null) {
      throw new IllegalStateException("this client has no wallet: it can read but not store");
    }

    long t2 = System.nanoTime();
    tracker.phase("register");
    Registrations.Plan plan = registrations.plan(new Registrations.Blob(blobId, encoded.metadata().rootHash().bytes(),
        length, encodedSize), committee.epoch(), options);
    try {
      return switch (plan) {
        case Registrations.AlreadyOwned owned -> StoreResult.alreadyCertified(owned.blob(), encodedSize);
        case Registrations.Registered registered -> {
          long t3 = System.nanoTime();
          long fees = registered.fees();
          if (registered.operation().uploads()) {
            fees = Math.addExact(fees, uploadAndCertify(committee, config, encoded, registered.object(), options,
                tracker));
          }
          LOG.debug("stored blob {} ({} B): encode {} ms, status {} ms, register {} ms, upload and certify {} ms",
              blobId, length, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(System.nanoTime() - t3));
          yield finish(registered, fees, options, tracker);
        }
      };
    } finally {
      registrations.release(plan);
    }
  }

  /** Extends if planned, reads the Blob object back from the ledger and shares it if asked. */
  private StoreResult finish(Registrations.Registered registered, long fees, StoreOptions options,
      StoreTracker tracker) {
    ObjectId object = registered.object();
    if (registered.extendBy() > 0) {
      tracker.phase("extend");
      fees = Math.addExact(fees, Registrations.ok("extend_blob",
          ledger.execute(wallet, new Operation.ExtendBlob(object, registered.extendBy()))).feeCharged());
    }
    BlobObject blob = BlobObject.fromLedger(ledger.object(object));
    ObjectId shared = null;
    if (options.share()) {
      tracker.phase("share");
      TransactionEffects e = Registrations.ok("share_blob", ledger.execute(wallet, new Operation.ShareBlob(object, 0)));
      fees = Math.addExact(fees, e.feeCharged());
      shared = e.created().getFirst();
    }
    return StoreResult.newlyCreated(blob, registered.operation(), registered.cost(), fees, shared);
  }

  /**
   * Uploads to the committee until nodes of a quorum of shards confirmed, then certifies; retries
   * stragglers and follows an epoch change. Returns the fee of the certification.
   */
  private long uploadAndCertify(CommitteeView committee, EncodingConfig config, EncodedBlob encoded, ObjectId object,
      StoreOptions options, StoreTracker tracker) {
    BlobId blobId = encoded.blobId();
    BlobPersistence persistence = options.deletable() ? BlobPersistence.deletable(object) : BlobPersistence.PERMANENT;
    Map<Integer, SignedMessage<StorageConfirmation>> confirmed = new TreeMap<>();
    for (int round = 1; ; round++) {
      tracker.phase("upload");
      Round r = uploadRound(committee, config, encoded, persistence, confirmed, options.progress());
      confirmed = r.confirmed;
      int weight = weight(committee, confirmed);
      if (weight >= config.quorumWeight()) {
        tracker.phase("certify");
        int[] signers = confirmed.keySet().stream().mapToInt(Integer::intValue).toArray();
        ProtocolMessageCertificate cert =
            ProtocolMessageCertificate.fromSignedMessages(signers, new ArrayList<>(confirmed.values()));
        TransactionEffects certified = ledger.execute(wallet, new Operation.CertifyBlob(object, cert.signature(),
            cert.signersBitmap(committee.members().size()), cert.serializedMessage()));
        if (certified.succeeded()) {
          LOG.debug("blob {} certified after {} upload round(s)", blobId, round);
          return certified.feeCharged();
        }
        CommitteeView fresh = committees.refresh();
        if (fresh.epoch() == committee.epoch() || round >= MAX_ROUNDS) {
          throw new LedgerOperationException("certify_blob", certified);
        }
        LOG.info("certifying blob {} failed after the epoch changed to {}; uploading to the new committee",
            blobId, fresh.epoch());
        committee = fresh;
        confirmed = new TreeMap<>();
        continue;
      }
      if (round >= MAX_ROUNDS) {
        throw new NotEnoughConfirmationsException(blobId, weight, config.quorumWeight(), "blob " + blobId
            + " registered as " + object + " but nodes of only " + weight + " of " + config.nShards()
            + " shards confirmed it (" + config.quorumWeight() + " needed): " + r.errors);
      }
      // Stragglers may have failed because the epoch changed (SHARD_NOT_ASSIGNED, a confirmation
      // of a later epoch): look before retrying them.
      CommitteeView fresh = committees.refresh();
      if (fresh.epoch() != committee.epoch()) {
        LOG.info("epoch changed to {} while storing blob {}; uploading to the new committee", fresh.epoch(), blobId);
        committee = fresh;
        confirmed = new TreeMap<>();
      } else if (r.committeeStale) {
        LOG.debug("nodes refused shards of the committee of epoch {}", committee.epoch());
      }
      LOG.debug("blob {}: {} of {} shards confirmed after round {}; retrying the others", blobId, weight,
          config.quorumWeight(), round);
    }
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  private BlobStatus statusOrNull(CommitteeView committee, BlobId blobId) {
    try {
      return statusQuery.status(committee, blobId);
    } catch (WalrusClientException e) {
      LOG.warn("status of blob {} unknown, storing it anyway: {}", blobId, e.getMessage());
      return null;
    }
  }

  private static int weight(CommitteeView committee, Map<Integer, ?> confirmed) {
    return confirmed.keySet().stream().mapToInt(i -> committee.members().get(i).weight()).sum();
  }

  private record Round(Map<Integer, SignedMessage<StorageConfirmation>> confirmed, boolean committeeStale,
      List<String> errors) {}

  /**
   * Uploads to, and asks confirmations from, every member not in {@code already}, all at once.
   * Returns once all are done, or a quorum confirmed and the tail window passed.
   */
  private Round uploadRound(CommitteeView committee, EncodingConfig config, EncodedBlob encoded,
      BlobPersistence persistence, Map<Integer, SignedMessage<StorageConfirmation>> already,
      ProgressListener progress) {
    Object lock = new Object();
    Map<Integer, SignedMessage<StorageConfirmation>> confirmed = new TreeMap<>(already);
    List<String> errors = new ArrayList<>();
    boolean[] stale = {false};
    int[] state = {weight(committee, confirmed), 0}; // confirmed weight, tasks running
    long start = System.nanoTime();
    progress.roundStarted(roundBytes(committee, config, encoded.symbolSize(), confirmed));
    ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor();
    try {
      for (int i = 0; i < committee.members().size(); i++) {
        Member m = committee.members().get(i);
        if (m.weight() == 0 || confirmed.containsKey(i)) {
          continue;
        }
        int index = i;
        state[1]++;
        exec.submit(() -> {
          try {
            SignedMessage<StorageConfirmation> c = storeOnNode(committee, config, encoded, persistence, m, progress);
            synchronized (lock) {
              confirmed.put(index, c);
              state[0] += m.weight();
            }
          } catch (Retry.CancelledException | InterruptedException e) {
            // the round ended without this node
          } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
              return;
            }
            LOG.debug("node {} did not confirm: {}", m.networkAddress(), e.toString());
            synchronized (lock) {
              errors.add(m.networkAddress() + ": " + e.getMessage());
              if (e instanceof NodeCallException n && n.isShardNotAssigned() || e instanceof EpochMismatch) {
                stale[0] = true;
              }
            }
          } finally {
            synchronized (lock) {
              state[1]--;
              lock.notifyAll();
            }
          }
        });
      }
      synchronized (lock) {
        while (state[0] < config.quorumWeight() && state[1] > 0) {
          lock.wait();
        }
        long quorumNanos = System.nanoTime() - start;
        if (state[1] > 0) {
          long deadline = System.nanoTime() + quorumNanos / 2 + TAIL_BASE.toNanos();
          long left;
          while (state[1] > 0 && (left = deadline - System.nanoTime()) > 0) {
            lock.wait(Math.max(1, left / 1_000_000));
          }
        }
        LOG.debug("blob {}: quorum after {} ms, round over after {} ms with {} of {} shards confirmed",
            encoded.blobId(), ms(quorumNanos), ms(System.nanoTime() - start), state[0], config.nShards());
        return new Round(new TreeMap<>(confirmed), stale[0], List.copyOf(errors));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WalrusClientException("interrupted while storing blob " + encoded.blobId(), e);
    } finally {
      exec.shutdownNow();
    }
  }

  /** The sliver bytes a round sends: both slivers of every shard of the members not yet confirmed. */
  private static long roundBytes(CommitteeView committee, EncodingConfig config, int symbolSize,
      Map<Integer, ?> confirmed) {
    long perShard = (long) config.primarySliverSize(symbolSize) + config.secondarySliverSize(symbolSize);
    long shards = 0;
    for (int i = 0; i < committee.members().size(); i++) {
      if (!confirmed.containsKey(i)) {
        shards += committee.members().get(i).shards().size();
      }
    }
    return shards * perShard;
  }

  /** A node signed a confirmation for another epoch than the committee's: the epoch changed. */
  private static final class EpochMismatch extends RuntimeException {
    EpochMismatch(String message) {
      super(message);
    }
  }

  /** Metadata, then this node's slivers (bounded concurrency), then its verified confirmation. */
  private SignedMessage<StorageConfirmation> storeOnNode(CommitteeView committee, EncodingConfig config,
      EncodedBlob encoded, BlobPersistence persistence, Member member, ProgressListener progress)
      throws InterruptedException {
    NodeApi node = nodes.node(member);
    BlobId blobId = encoded.blobId();
    long start = System.nanoTime();
    // The registration was just committed; a node may not have applied it yet. Rather than be
    // refused and back off, the uploads ask it to hold them until it does (its pending cache is
    // bounded: large slivers are sent plainly, and retried if the node is not there yet).
    StoreOutcome metadata = retry.run(() -> node.putMetadata(blobId, encoded.metadata().metadata(), true));
    int n = config.nShards();
    boolean pending = metadata == StoreOutcome.BUFFERED
        && config.primarySliverSize(encoded.symbolSize()) <= MAX_PENDING_SLIVER_BYTES;
    Semaphore permits = new Semaphore(perNodeConcurrency);
    try (ExecutorService puts = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>(2 * member.shards().size());
      int primaryBytes = config.primarySliverSize(encoded.symbolSize());
      int secondaryBytes = config.secondarySliverSize(encoded.symbolSize());
      for (int shard : member.shards()) {
        int pair = blobId.pairForShard(shard, n);
        futures.add(puts.submit(() -> put(node, blobId, pair, pending, permits, progress, primaryBytes,
            buffer -> encoded.primarySliver(pair, buffer))));
        futures.add(puts.submit(() -> put(node, blobId, pair, pending, permits, progress, secondaryBytes,
            buffer -> encoded.secondarySliver(n - 1 - pair, buffer))));
      }
      try {
        for (Future<?> f : futures) {
          f.get();
        }
      } catch (ExecutionException e) {
        puts.shutdownNow();
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      }
    }
    long uploaded = System.nanoTime();
    SignedMessage<StorageConfirmation> signed =
        retry.run(() -> node.confirmation(blobId, persistence, confirmationWait));
    LOG.debug("node {}: {} slivers in {} ms, confirmation in {} ms", member.networkAddress(),
        2 * member.shards().size(), ms(uploaded - start), ms(System.nanoTime() - uploaded));
    StorageConfirmation c = signed.verify(member.publicKey());
    if (c.epoch() != committee.epoch()) {
      throw new EpochMismatch("node " + member.networkAddress() + " confirmed for epoch " + c.epoch()
          + ", the committee is of epoch " + committee.epoch());
    }
    if (!c.blobId().equals(blobId) || !c.persistence().equals(persistence)) {
      throw new IllegalStateException("node " + member.networkAddress() + " confirmed " + c + " instead of blob "
          + blobId + " " + persistence);
    }
    return signed;
  }

  /**
   * Reads a sliver from the encoding on {@link #sliverReads}, never on the upload's own thread:
   * uploads that lose the race to a quorum are interrupted, and an interrupt during a read would
   * close the file channel of the spill or the blob (file channels are interruptible) under the
   * uploads still running.
   */
  private SliverData read(Supplier<SliverData> sliver) throws InterruptedException {
    try {
      return CompletableFuture.supplyAsync(sliver, sliverReads).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  private Void put(NodeApi node, BlobId blobId, int pair, boolean pending, Semaphore permits,
      ProgressListener progress,
      int size, Function<byte[], SliverData> sliver) throws InterruptedException {
    permits.acquire();
    try {
      byte[] buffer = buffers.take(size);
      try {
        SliverData s = read(() -> sliver.apply(buffer));
        retry.run(() -> node.putSliver(blobId, pair, s, pending));
        progress.advanced(s.length());
        return null;
      } finally {
        buffers.give(buffer);
      }
    } finally {
      permits.release();
    }
  }
}
