package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.core.encoding.SliverData;
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
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write flow (protocol.md §3): status check, encode, reserve and register, upload to every
 * committee node at once, collect and verify confirmations up to a quorum (plus a short tail so
 * more nodes get their data directly rather than by recovery), certify.
 *
 * <p>One encoded copy of the blob exists during a store: slivers are views materialised when a
 * request is about to send them, so the memory in flight is bounded by the concurrency.
 */
final class BlobWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BlobWriter.class);
  /** Upload-and-confirm rounds per store: the first, plus retries for stragglers or a new epoch. */
  private static final int MAX_ROUNDS = 3;
  private static final Duration TAIL_BASE = Duration.ofMillis(500);

  private final LedgerClient ledger;
  private final Ed25519KeyPair wallet;
  private final Committees committees;
  private final NodeApi.Directory nodes;
  private final StatusQuery statusQuery;
  private final Retry retry;
  private final int perNodeConcurrency;
  private final Duration confirmationWait;

  BlobWriter(LedgerClient ledger, Ed25519KeyPair wallet, Committees committees, NodeApi.Directory nodes,
      StatusQuery statusQuery, Retry retry, int perNodeConcurrency, Duration confirmationWait) {
    this.ledger = ledger;
    this.wallet = wallet;
    this.committees = committees;
    this.nodes = nodes;
    this.statusQuery = statusQuery;
    this.retry = retry;
    this.perNodeConcurrency = perNodeConcurrency;
    this.confirmationWait = confirmationWait;
  }

  StoreResult store(MemorySegment data, StoreOptions options) {
    CommitteeView committee = committees.current();
    EncodingConfig config = EncodingConfig.forShards(committee.nShards());
    long length = data.byteSize();
    long encodedSize = config.encodedLength(length);
    long t0 = System.nanoTime();
    EncodedBlob encoded = new BlobEncoder(config).encode(data);
    BlobId blobId = encoded.blobId();
    long t1 = System.nanoTime();

    if (!options.force()) {
      BlobStatus status = statusOrNull(committee, blobId);
      if (status instanceof BlobStatus.Invalid) {
        return new StoreResult(StoreResult.Outcome.MARKED_INVALID, blobId, null, 0, false, length, encodedSize, 0);
      }
      if (status instanceof BlobStatus.Permanent p && p.isCertified()
          && p.endEpoch() >= committee.epoch() + options.epochs()) {
        LOG.debug("blob {} is already certified until epoch {}", blobId, p.endEpoch());
        return new StoreResult(StoreResult.Outcome.ALREADY_CERTIFIED, blobId, null, p.endEpoch(), false, length,
            encodedSize, 0);
      }
    }
    if (wallet == null) {
      throw new IllegalStateException("this client has no wallet: it can read but not store");
    }

    long t2 = System.nanoTime();
    long price = ledger.cost(length, options.epochs()).totalCost();
    TransactionEffects reserved = ok("reserve_space", ledger.execute(wallet,
        new Operation.ReserveSpace(encodedSize, options.epochs())));
    TransactionEffects registered = ok("register_blob", ledger.execute(wallet, new Operation.RegisterBlob(
        reserved.created().getFirst(), blobId, encoded.metadata().rootHash().bytes(), length,
        EncodingType.RS2.value(), options.deletable())));
    ObjectId object = registered.created().getFirst();
    int endEpoch = registered.events().stream().map(EventEnvelope::event)
        .filter(LedgerEvent.BlobRegistered.class::isInstance).map(LedgerEvent.BlobRegistered.class::cast)
        .mapToInt(LedgerEvent.BlobRegistered::endEpoch).findFirst().orElse(committee.epoch() + options.epochs());
    long cost = Math.addExact(price, Math.addExact(reserved.feeCharged(), registered.feeCharged()));
    BlobPersistence persistence = options.deletable() ? BlobPersistence.deletable(object) : BlobPersistence.PERMANENT;

    long t3 = System.nanoTime();
    Map<Integer, SignedMessage<StorageConfirmation>> confirmed = new TreeMap<>();
    for (int round = 1; ; round++) {
      long roundStart = System.nanoTime();
      Round r = uploadRound(committee, config, encoded, persistence, confirmed);
      long roundEnd = System.nanoTime();
      confirmed = r.confirmed;
      int weight = weight(committee, confirmed);
      if (weight >= config.quorumWeight()) {
        int[] signers = confirmed.keySet().stream().mapToInt(Integer::intValue).toArray();
        ProtocolMessageCertificate cert =
            ProtocolMessageCertificate.fromSignedMessages(signers, new ArrayList<>(confirmed.values()));
        TransactionEffects certified = ledger.execute(wallet, new Operation.CertifyBlob(object, cert.signature(),
            cert.signersBitmap(committee.members().size()), cert.serializedMessage()));
        cost = Math.addExact(cost, certified.feeCharged());
        if (certified.succeeded()) {
          LOG.debug("stored blob {} ({} B): encode {} ms, status {} ms, register {} ms, upload {} ms (round {}),"
              + " certify {} ms", blobId, length, ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(roundEnd - roundStart),
              round, ms(System.nanoTime() - roundEnd));
          return new StoreResult(StoreResult.Outcome.NEWLY_CREATED, blobId, object, endEpoch, options.deletable(),
              length, encodedSize, cost);
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

  private static TransactionEffects ok(String operation, TransactionEffects effects) {
    if (!effects.succeeded()) {
      throw new LedgerOperationException(operation, effects);
    }
    return effects;
  }

  private record Round(Map<Integer, SignedMessage<StorageConfirmation>> confirmed, boolean committeeStale,
      List<String> errors) {}

  /**
   * Uploads to, and asks confirmations from, every member not in {@code already}, all at once.
   * Returns once all are done, or a quorum confirmed and the tail window passed.
   */
  private Round uploadRound(CommitteeView committee, EncodingConfig config, EncodedBlob encoded,
      BlobPersistence persistence, Map<Integer, SignedMessage<StorageConfirmation>> already) {
    Object lock = new Object();
    Map<Integer, SignedMessage<StorageConfirmation>> confirmed = new TreeMap<>(already);
    List<String> errors = new ArrayList<>();
    boolean[] stale = {false};
    int[] state = {weight(committee, confirmed), 0}; // confirmed weight, tasks running
    long start = System.nanoTime();
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
            SignedMessage<StorageConfirmation> c = storeOnNode(committee, config, encoded, persistence, m);
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
        if (state[1] > 0) {
          long elapsed = System.nanoTime() - start;
          long deadline = System.nanoTime() + elapsed / 2 + TAIL_BASE.toNanos();
          long left;
          while (state[1] > 0 && (left = deadline - System.nanoTime()) > 0) {
            lock.wait(Math.max(1, left / 1_000_000));
          }
        }
        return new Round(new TreeMap<>(confirmed), stale[0], List.copyOf(errors));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WalrusClientException("interrupted while storing blob " + encoded.blobId(), e);
    } finally {
      exec.shutdownNow();
    }
  }

  /** A node signed a confirmation for another epoch than the committee's: the epoch changed. */
  private static final class EpochMismatch extends RuntimeException {
    EpochMismatch(String message) {
      super(message);
    }
  }

  /** Metadata, then this node's slivers (bounded concurrency), then its verified confirmation. */
  private SignedMessage<StorageConfirmation> storeOnNode(CommitteeView committee, EncodingConfig config,
      EncodedBlob encoded, BlobPersistence persistence, Member member) throws InterruptedException {
    NodeApi node = nodes.node(member.networkAddress());
    BlobId blobId = encoded.blobId();
    retry.run(() -> node.putMetadata(blobId, encoded.metadata().metadata()));
    int n = config.nShards();
    Semaphore permits = new Semaphore(perNodeConcurrency);
    try (ExecutorService puts = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>(2 * member.shards().size());
      for (int shard : member.shards()) {
        int pair = blobId.pairForShard(shard, n);
        futures.add(puts.submit(() -> put(node, blobId, pair, permits, () -> encoded.primarySliver(pair))));
        futures.add(puts.submit(() -> put(node, blobId, pair, permits, () -> encoded.secondarySliver(n - 1 - pair))));
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
    SignedMessage<StorageConfirmation> signed =
        retry.run(() -> node.confirmation(blobId, persistence, confirmationWait));
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

  private Void put(NodeApi node, BlobId blobId, int pair, Semaphore permits, Supplier<SliverData> sliver)
      throws InterruptedException {
    permits.acquire();
    try {
      SliverData s = sliver.get();
      retry.run(() -> node.putSliver(blobId, pair, s));
      return null;
    } finally {
      permits.release();
    }
  }
}
