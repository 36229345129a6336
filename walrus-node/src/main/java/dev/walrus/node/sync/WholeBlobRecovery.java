package dev.walrus.node.sync;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SliverSubsetEncoder;
import dev.walrus.core.encoding.SliverSubsetEncoder.HashedSliver;
import dev.walrus.core.hash.Node;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.node.committee.Committees;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery by rebuilding the whole blob, for a node that misses many slivers of a blob: it reads
 * just enough primary slivers to know the blob, decodes it, encodes only its own slivers and keeps
 * those whose hash is the metadata's.
 *
 * <p>Only rows that hold blob bytes are read: the rows after them are padding, zero by
 * definition of the encoding, so a 4 KiB blob at n = 1000 is 4 primary slivers (its data rows, or
 * as many recovery rows in place of those the node cannot get) rather than 334. Slivers are not
 * verified when they arrive: a wrong one makes the node's own re-encoded slivers miss the
 * metadata, and only then are the slivers read checked one by one, the bad ones replaced and the
 * blob decoded again. A sliver is stored only if its hash is the metadata's, so neither a lying
 * peer nor a writer's inconsistent encoding gets anything stored; own slivers that still miss
 * the metadata once every sliver read is proven belong to an inconsistent encoding and are left to
 * recovery from symbols, which yields the inconsistency proof.
 */
final class WholeBlobRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(WholeBlobRecovery.class);
  /** Sliver downloads in flight for one blob. */
  private static final int FETCHES_IN_FLIGHT = 16;

  private final Peers peers;

  /** A primary sliver (a row) and a node that should hold it. */
  private record Candidate(int row, Member owner) {}

  /**
   * Own slivers that match the metadata, and own slivers ({@link SliverType}, index) that do not
   * or could not be rebuilt here.
   */
  record Outcome(List<SliverData> matched, List<Target> unmatched) {}

  WholeBlobRecovery(Peers peers) {
    this.peers = peers;
  }

  /** Rows of a blob that hold its bytes: the rest of the {@code p} source rows are zero. */
  static int dataRows(EncodingConfig config, long length) {
    long rowBytes = (long) config.secondarySymbols() * config.symbolSize(length);
    return (int) Math.min(config.primarySymbols(), (length + rowBytes - 1) / rowBytes);
  }

  /** Heap a rebuild needs, roughly: the slivers read, the blob, its row expansion and the slivers made. */
  static long heapBytes(EncodingConfig config, long length) {
    return 5 * length + (1L << 20);
  }

  /**
   * Whether rebuilding the blob beats rebuilding {@code missing} slivers from symbols: the bytes it
   * reads (its data rows) against the symbols with their proofs that many slivers need. Reading
   * is also far cheaper in CPU, for this node and for its peers, which need not expand and hash
   * their slivers, so it wins ties by a factor of two.
   */
  static boolean worthIt(EncodingConfig config, BlobMetadata metadata, int missing) {
    long length = metadata.unencodedLength();
    int ss = config.symbolSize(length);
    long wholeBytes = (long) dataRows(config, length) * config.secondarySymbols() * ss;
    int depth = 32 - Integer.numberOfLeadingZeros(config.nShards() - 1);
    long perSymbol = ss + 33L * depth + 8;
    long symbolBytes = (long) missing * (config.primarySymbols() + config.secondarySymbols()) / 2 * perSymbol;
    return wholeBytes <= 2 * symbolBytes;
  }

  /**
   * Rebuilds the blob and encodes {@code targets} (own slivers); empty if too few primary slivers
   * could be read.
   */
  Optional<Outcome> rebuild(Committees committees, BlobId blobId, BlobMetadata metadata, List<Target> targets,
      RecoveryBudget budget) throws InterruptedException {
    EncodingConfig config = committees.encoding();
    long length = metadata.unencodedLength();
    int needed = dataRows(config, length);
    List<Candidate> candidates = candidates(committees, blobId, needed);
    Map<Integer, SliverData> rows = new ConcurrentHashMap<>();
    Map<Integer, Candidate> from = new ConcurrentHashMap<>();
    Set<Candidate> bad = ConcurrentHashMap.newKeySet();
    AtomicInteger next = new AtomicInteger();
    fetch(blobId, candidates, next, rows, from, needed, null, bad);
    if (rows.size() < needed) {
      LOG.debug("only {} of the {} primary slivers needed for {} could be read", rows.size(), needed, blobId);
      return Optional.empty();
    }
    SliverSubsetEncoder encoder = new SliverSubsetEncoder(config);
    List<HashedSliver> first = budget.cpu(() -> encode(config, encoder, blobId, metadata, rows, targets, budget));
    List<SliverData> matched = new ArrayList<>();
    List<Target> unmatched = new ArrayList<>();
    split(first, metadata, matched, unmatched);
    if (unmatched.isEmpty()) {
      return Optional.of(new Outcome(matched, unmatched));
    }
    // Something read was wrong, or the encoding is: check every sliver read, replace the bad ones.
    int dropped = budget.cpu(() -> dropInvalid(encoder, blobId, metadata, rows, from, bad));
    if (dropped == 0) {
      return Optional.of(new Outcome(matched, unmatched));
    }
    fetch(blobId, candidates, next, rows, from, needed, metadata, bad);
    if (rows.size() < needed) {
      return Optional.of(new Outcome(matched, unmatched));
    }
    List<HashedSliver> second = budget.cpu(() -> encode(config, encoder, blobId, metadata, rows, unmatched, budget));
    List<Target> stillUnmatched = new ArrayList<>();
    split(second, metadata, matched, stillUnmatched);
    return Optional.of(new Outcome(matched, stillUnmatched));
  }

  /**
   * Rows to read, in order of preference: the blob's data rows (each from its current owner, then
   * its previous one: during an epoch change the previous owner may still be the one holding it),
   * then recovery rows, spread over the owners from the least loaded on.
   */
  private List<Candidate> candidates(Committees committees, BlobId blobId, int dataRows) {
    int n = committees.nShards();
    int p = committees.encoding().primarySymbols();
    List<Candidate> out = new ArrayList<>();
    List<CommitteeView> views = committees.previous() == null
        ? List.of(committees.current()) : List.of(committees.current(), committees.previous());
    for (int row = 0; row < dataRows; row++) {
      for (CommitteeView view : views) {
        Optional<Member> owner = usableOwner(committees, view, blobId.shardForPair(row, n));
        if (owner.isPresent()) {
          out.add(new Candidate(row, owner.get()));
        }
      }
    }
    for (CommitteeView view : views) {
      Map<Member, List<Integer>> byOwner = new LinkedHashMap<>();
      for (Member m : peers.leastLoaded(committees, view)) {
        byOwner.put(m, new ArrayList<>());
      }
      for (int row = p; row < n; row++) {
        Optional<Member> owner = usableOwner(committees, view, blobId.shardForPair(row, n));
        if (owner.isPresent() && byOwner.containsKey(owner.get())) {
          byOwner.get(owner.get()).add(row);
        }
      }
      // Round robin over the owners, least loaded first, so concurrent reads go to different nodes.
      for (int k = 0; ; k++) {
        boolean any = false;
        for (Map.Entry<Member, List<Integer>> e : byOwner.entrySet()) {
          if (k < e.getValue().size()) {
            out.add(new Candidate(e.getValue().get(k), e.getKey()));
            any = true;
          }
        }
        if (!any) {
          break;
        }
      }
    }
    return out;
  }

  private static Optional<Member> usableOwner(Committees committees, CommitteeView view, int shard) {
    return Committees.owner(view, shard)
        .filter(m -> !m.publicKey().equals(committees.self()) && m.networkAddress() != null);
  }

  /**
   * Reads candidates from {@code next} on until {@code rows} holds {@code needed} rows or none are
   * left. With {@code metadata}, each sliver is verified as it arrives.
   */
  private void fetch(BlobId blobId, List<Candidate> candidates, AtomicInteger next, Map<Integer, SliverData> rows,
      Map<Integer, Candidate> from, int needed, BlobMetadata metadata, Set<Candidate> bad) throws InterruptedException {
    if (rows.size() >= needed) {
      return;
    }
    AtomicInteger inFlight = new AtomicInteger();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < Math.min(FETCHES_IN_FLIGHT, needed); w++) {
        pool.execute(() -> {
          while (true) {
            // Take another candidate only while the rows held and in flight may still fall short.
            if (rows.size() + inFlight.get() >= needed) {
              return;
            }
            int i = next.getAndIncrement();
            if (i >= candidates.size()) {
              return;
            }
            Candidate c = candidates.get(i);
            if (rows.containsKey(c.row()) || bad.contains(c)) {
              continue;
            }
            inFlight.incrementAndGet();
            try {
              SliverData sliver = peers.call(c.owner(), client -> client.sliver(blobId, c.row(), SliverType.PRIMARY));
              if (sliver.index() != c.row()) {
                throw new IllegalStateException("asked for primary sliver " + c.row() + ", got " + sliver.index());
              }
              if (metadata != null && !verifies(metadata, sliver)) {
                LOG.warn("{} served primary sliver {} of {} that does not match the metadata", c.owner().networkAddress(),
                    c.row(), blobId);
                bad.add(c);
              } else if (rows.size() < needed && rows.putIfAbsent(c.row(), sliver) == null) {
                from.put(c.row(), c);
              }
            } catch (RuntimeException e) {
              LOG.debug("primary sliver {} of {} from {}: {}", c.row(), blobId, c.owner().networkAddress(), e.getMessage());
            } finally {
              inFlight.decrementAndGet();
            }
          }
        });
      }
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException();
    }
  }

  private static boolean verifies(BlobMetadata metadata, SliverData sliver) {
    int n = metadata.nShards();
    EncodingConfig config = EncodingConfig.forShards(n);
    if (sliver.index() >= n || sliver.symbolSize() != config.symbolSize(metadata.unencodedLength())
        || sliver.symbolCount() != config.sourceSymbols(sliver.type())) {
      return false;
    }
    Node hash = new SliverSubsetEncoder(config).hashes(List.of(sliver)).getFirst();
    return hash.equals(metadata.hashes().get(sliver.pairIndex(n)).hash(sliver.type()));
  }

  /** Checks every row read; drops and returns the count of those that do not match the metadata. */
  private static int dropInvalid(SliverSubsetEncoder encoder, BlobId blobId, BlobMetadata metadata,
      Map<Integer, SliverData> rows, Map<Integer, Candidate> from, Set<Candidate> bad) {
    int n = metadata.nShards();
    List<SliverData> read = new ArrayList<>(rows.values());
    List<Node> hashes;
    try {
      hashes = encoder.hashes(read);
    } catch (RuntimeException e) {
      // A sliver of the wrong shape: check them one by one.
      hashes = read.stream().map(s -> verifies(metadata, s) ? metadata.hashes().get(s.pairIndex(n)).hash(s.type())
          : Node.EMPTY).toList();
    }
    int dropped = 0;
    for (int i = 0; i < read.size(); i++) {
      SliverData s = read.get(i);
      if (!hashes.get(i).equals(metadata.hashes().get(s.pairIndex(n)).hash(s.type()))) {
        rows.remove(s.index());
        Candidate liar = from.remove(s.index());
        bad.add(liar);
        LOG.warn("{} served primary sliver {} of {} that does not match the metadata; reading another",
            liar.owner().networkAddress(), s.index(), blobId);
        dropped++;
      }
    }
    return dropped;
  }

  /** Decodes the blob from {@code rows} (and its zero padding rows) and encodes {@code targets}. */
  private static List<HashedSliver> encode(EncodingConfig config, SliverSubsetEncoder encoder, BlobId blobId,
      BlobMetadata metadata, Map<Integer, SliverData> rows, List<Target> targets, RecoveryBudget budget) {
    byte[] blob = encoder.decodeWithPadding(metadata.unencodedLength(), rows.values());
    List<Integer> primary = new ArrayList<>();
    List<Integer> secondary = new ArrayList<>();
    for (Target t : targets) {
      (t.type() == SliverType.PRIMARY ? primary : secondary).add(t.index());
    }
    return encoder.encode(blob, primary, secondary, budget::checkpoint);
  }

  private static void split(List<HashedSliver> encoded, BlobMetadata metadata, List<SliverData> matched,
      List<Target> unmatched) {
    Set<Target> seen = new HashSet<>();
    for (HashedSliver h : encoded) {
      Target t = new Target(h.sliver().type(), h.sliver().index());
      if (!seen.add(t)) {
        continue;
      }
      if (h.matches(metadata)) {
        matched.add(h.sliver());
      } else {
        unmatched.add(t);
      }
    }
  }
}
