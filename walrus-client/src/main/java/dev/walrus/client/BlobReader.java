package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.InvalidMetadataException;
import dev.walrus.core.encoding.InvalidSliverException;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SliverVerifier;
import dev.walrus.core.encoding.SpillSpace;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetching half of a read (protocol.md §4.1): metadata from the first node whose answer
 * verifies against the blob ID, then primary slivers — systematic ones first, since decoding
 * from them is a copy — each verified against the metadata, until {@code n − 2f} are in hand.
 * If the primaries run out, secondary slivers ({@code n − f} needed) are tried. Decoding is the
 * caller's, so it can decode into a heap array or a mapped file.
 *
 * <p>Absence is only concluded from a quorum: a blob is "not found" when shards of weight ≥
 * {@code n − f} said 404 (or 451); a few lying or lagging nodes cannot make a stored blob vanish.
 */
final class BlobReader {
  private static final Logger LOG = LoggerFactory.getLogger(BlobReader.class);
  private static final int METADATA_CONCURRENCY = 3;

  private final NodeApi.Directory nodes;
  private final int maxConcurrency;
  private final Retry retry;
  private final SpillSpace spill;

  BlobReader(NodeApi.Directory nodes, int maxConcurrency) {
    this(nodes, maxConcurrency, new Retry(0, Duration.ZERO, Duration.ZERO), SpillSpace.temporaryDirectory());
  }

  /**
   * @param retry applies to requests for one given sliver ({@link #primary}), which has no
   *     substitute node
   * @param spill where a strict consistency check re-encodes what it read
   */
  BlobReader(NodeApi.Directory nodes, int maxConcurrency, Retry retry, SpillSpace spill) {
    this.nodes = nodes;
    this.maxConcurrency = maxConcurrency;
    this.retry = retry;
    this.spill = spill;
  }

  SpillSpace spill() {
    return spill;
  }

  int maxConcurrency() {
    return maxConcurrency;
  }

  NodeApi.Directory nodes() {
    return nodes;
  }

  /** Verified metadata and enough verified slivers of one axis to decode. */
  record Fetched(EncodingConfig config, BlobMetadataWithId metadata, List<SliverData> slivers) {}

  Fetched fetch(CommitteeView committee, BlobId blobId) {
    EncodingConfig config = EncodingConfig.forShards(committee.nShards());
    long t0 = System.nanoTime();
    BlobMetadataWithId metadata = fetchMetadata(committee, config, blobId);
    long t1 = System.nanoTime();
    SliverVerifier verifier = new SliverVerifier(config);
    Set<String> dead = ConcurrentHashMap.newKeySet();
    Attempt primary = fetchSlivers(committee, config, blobId, metadata, verifier, SliverType.PRIMARY, dead);
    if (primary.slivers.size() >= config.primarySymbols()) {
      LOG.debug("blob {}: metadata in {} ms, {} primary slivers in {} ms", blobId, (t1 - t0) / 1_000_000,
          primary.slivers.size(), (System.nanoTime() - t1) / 1_000_000);
      return new Fetched(config, metadata, primary.slivers);
    }
    if (primary.notFoundWeight >= config.quorumWeight()) {
      throw new BlobNotFoundException(blobId, "blob " + blobId + " not found: nodes of " + primary.notFoundWeight
          + " shards do not have its slivers");
    }
    LOG.debug("blob {}: {} of {} primary slivers, trying secondary slivers", blobId, primary.slivers.size(),
        config.primarySymbols());
    Attempt secondary = fetchSlivers(committee, config, blobId, metadata, verifier, SliverType.SECONDARY, dead);
    if (secondary.slivers.size() >= config.secondarySymbols()) {
      return new Fetched(config, metadata, secondary.slivers);
    }
    throw new BlobUnavailableException(blobId, "cannot read blob " + blobId + ": got " + primary.slivers.size()
        + " of " + config.primarySymbols() + " primary and " + secondary.slivers.size() + " of "
        + config.secondarySymbols() + " secondary slivers that verify (" + primary.failures + ")");
  }

  /** The blob's metadata, verified against its ID (protocol.md §4.1 step 3). */
  BlobMetadataWithId metadata(CommitteeView committee, BlobId blobId) {
    return fetchMetadata(committee, EncodingConfig.forShards(committee.nShards()), blobId);
  }

  /**
   * Primary sliver {@code index} from the node holding its shard, verified against the metadata.
   * Transient failures are retried; any other failure is thrown as it is (a {@link
   * NodeCallException}, or an {@link InvalidSliverException} for data that does not verify).
   */
  SliverData primary(CommitteeView committee, BlobMetadataWithId metadata, SliverVerifier verifier, int index) {
    BlobId blobId = metadata.blobId();
    int shard = blobId.shardForPair(index, committee.nShards());
    Member holder = committee.members().stream().filter(m -> m.shards().contains(shard)).findFirst()
        .orElseThrow(() -> new BlobUnavailableException(blobId, "no committee member holds shard " + shard));
    SliverData s = retry.run(() -> nodes.node(holder).sliver(blobId, index, SliverType.PRIMARY));
    if (s.type() != SliverType.PRIMARY || s.index() != index) {
      throw new InvalidSliverException("asked for primary sliver " + index + ", got " + s.type().urlName()
          + " sliver " + s.index());
    }
    verifier.verify(metadata.metadata(), s);
    return s;
  }

  /**
   * More verified slivers of one axis, skipping the sliver indices in {@code skip}, until {@code
   * needed} are in hand or the nodes run out; the result says how many shards denied the blob.
   */
  Attempt slivers(CommitteeView committee, BlobMetadataWithId metadata, SliverVerifier verifier, SliverType type,
      Set<Integer> skip, int needed) {
    EncodingConfig config = EncodingConfig.forShards(committee.nShards());
    return fetchSlivers(committee, config, metadata.blobId(), metadata, verifier, type, ConcurrentHashMap.newKeySet(),
        skip, needed);
  }

  /** Throws the error a read that collected too few slivers ends with: not found or unavailable. */
  static WalrusClientException notEnough(EncodingConfig config, BlobId blobId, Attempt primary, Attempt secondary) {
    int denied = Math.max(primary.notFoundWeight, secondary == null ? 0 : secondary.notFoundWeight);
    if (denied >= config.quorumWeight()) {
      return new BlobNotFoundException(blobId, "blob " + blobId + " not found: nodes of " + denied
          + " shards do not have its slivers");
    }
    return new BlobUnavailableException(blobId, "cannot read blob " + blobId + ": got " + primary.slivers.size()
        + " primary" + (secondary == null ? "" : " and " + secondary.slivers.size() + " secondary")
        + " slivers that verify, too few to decode (" + primary.failures + ")");
  }

  BlobMetadataWithId fetchMetadata(CommitteeView committee, EncodingConfig config, BlobId blobId) {
    List<Member> members = new ArrayList<>(committee.members().stream().filter(m -> m.weight() > 0).toList());
    Collections.shuffle(members);
    int[] notFound = {0};
    List<String> errors = new ArrayList<>();
    List<BlobMetadataWithId> got = Fanout.untilEnough(members, METADATA_CONCURRENCY, 1, METADATA_CONCURRENCY - 1, m -> {
      BlobMetadataWithId md = nodes.node(m).metadata(blobId);
      if (!md.blobId().equals(blobId)) {
        throw new InvalidMetadataException("metadata of blob " + md.blobId() + " instead of " + blobId);
      }
      md.verify(config);
      return md;
    }, (m, e) -> {
      if (e instanceof NodeCallException n && (n.isNotFound() || n.isForbidden())) {
        notFound[0] += m.weight();
      } else if (e instanceof InvalidMetadataException) {
        LOG.warn("node {} served invalid metadata of blob {}: {}", m.networkAddress(), blobId, e.getMessage());
      }
      errors.add(e.getMessage());
    });
    if (!got.isEmpty()) {
      return got.getFirst();
    }
    if (notFound[0] >= config.quorumWeight()) {
      throw new BlobNotFoundException(blobId, "blob " + blobId + " not found: nodes of " + notFound[0] + " of "
          + config.nShards() + " shards do not know it");
    }
    throw new BlobUnavailableException(blobId, "no node gave metadata of blob " + blobId + " that verifies; "
        + "nodes of " + notFound[0] + " shards do not know it, too few to conclude it does not exist: " + errors);
  }

  /** The slivers one round of requests collected, and why the others failed. */
  static final class Attempt {
    final List<SliverData> slivers;
    int notFoundWeight;
    final List<String> failures = new ArrayList<>();

    Attempt(List<SliverData> slivers) {
      this.slivers = slivers;
    }
  }

  private record Request(Member member, int pairIndex, int sliverIndex) {}

  private Attempt fetchSlivers(CommitteeView committee, EncodingConfig config, BlobId blobId,
      BlobMetadataWithId metadata, SliverVerifier verifier, SliverType type, Set<String> dead) {
    return fetchSlivers(committee, config, blobId, metadata, verifier, type, dead, Set.of(), config.sourceSymbols(type.orthogonal()));
  }

  private Attempt fetchSlivers(CommitteeView committee, EncodingConfig config, BlobId blobId,
      BlobMetadataWithId metadata, SliverVerifier verifier, SliverType type, Set<String> dead, Set<Integer> skip,
      int needed) {
    int n = config.nShards();
    // Systematic slivers hold the data itself: decoding from them alone needs no arithmetic.
    int systematic = config.sourceSymbols(type.orthogonal());
    List<Request> requests = new ArrayList<>(n);
    for (Member m : committee.members()) {
      for (int shard : m.shards()) {
        int pair = blobId.pairForShard(shard, n);
        int index = type == SliverType.PRIMARY ? pair : n - 1 - pair;
        if (!skip.contains(index)) {
          requests.add(new Request(m, pair, index));
        }
      }
    }
    Collections.shuffle(requests);
    requests.sort(Comparator.comparingInt(r -> r.sliverIndex() < systematic ? 0 : 1));
    int[] notFoundShards = {0};
    List<String> failures = new ArrayList<>();
    List<SliverData> slivers = Fanout.untilEnough(requests, Math.min(maxConcurrency, needed), needed, 0, r -> {
      String address = r.member().networkAddress();
      if (dead.contains(address)) {
        throw NodeCallException.transport(address, "did not answer before");
      }
      SliverData s;
      try {
        s = nodes.node(r.member()).sliver(blobId, r.pairIndex(), type);
      } catch (NodeCallException e) {
        if (e.isTransport()) {
          dead.add(address);
        }
        throw e;
      }
      if (s.type() != type || s.index() != r.sliverIndex()) {
        throw new InvalidSliverException("asked for " + type.urlName() + " sliver " + r.sliverIndex() + ", got "
            + s.type().urlName() + " sliver " + s.index());
      }
      verifier.verify(metadata.metadata(), s);
      return s;
    }, (r, e) -> {
      if (e instanceof NodeCallException c && (c.isNotFound() || c.isForbidden())) {
        notFoundShards[0]++;
      } else if (e instanceof InvalidSliverException || e instanceof InvalidMetadataException) {
        LOG.warn("node {} served an invalid {} sliver of pair {} of blob {}: {}", r.member().networkAddress(),
            type.urlName(), r.pairIndex(), blobId, e.getMessage());
      }
      if (failures.size() < 8) {
        failures.add(e.getMessage());
      }
    });
    Attempt a = new Attempt(slivers);
    a.notFoundWeight = notFoundShards[0];
    a.failures.addAll(failures);
    return a;
  }
}
