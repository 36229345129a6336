package dev.walrus.node.sync;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobDecoder;
import dev.walrus.core.encoding.BlobEncoder;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.ConsistencyCheck;
import dev.walrus.core.encoding.EncodedBlob;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SliverVerifier;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.node.committee.Committees;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery by reading the whole blob, for a node that misses many slivers of a small blob: it
 * fetches {@code n − 2f} primary slivers (systematic ones first, each verified against the
 * metadata; a sliver that fails is replaced by the next one), decodes the blob and encodes it
 * again. Rebuilding each missing sliver from recovery symbols instead costs hundreds of proven
 * symbols per sliver — at n = 1000 a node with 250 shards would check some 250 000 Merkle proofs
 * and run 500 decodes per blob, against about 330 sliver checks and one encoding here.
 *
 * <p>The re-encoding must reproduce the blob ID, so every sliver taken from it is the one the
 * metadata commits to. If it does not, the writer encoded inconsistently; the caller then
 * recovers sliver by sliver, which is what yields the inconsistency proof.
 */
final class WholeBlobRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(WholeBlobRecovery.class);
  /** Blobs up to this size are rebuilt whole: the encoding (about 4.5 × the blob) is held in memory. */
  static final long MAX_BLOB_BYTES = 4L << 20;
  /** Sliver downloads in flight for one blob. */
  private static final int FETCHES_IN_FLIGHT = 32;

  private final Peers peers;

  /** A primary sliver and the node asked for it. */
  private record Candidate(int pair, Member owner) {}

  WholeBlobRecovery(Peers peers) {
    this.peers = peers;
  }

  /**
   * Whether reading the whole blob is cheaper than rebuilding {@code missing} slivers one by
   * one. At n = 1000 one sliver from symbols takes about 2.3 ms (every proof checked), one
   * encoding of a small blob with its n − 2f sliver checks some 150 ms: the whole blob pays from
   * about n/15 missing slivers on (and never below 8).
   */
  static boolean worthIt(BlobMetadata metadata, int missing, int nShards) {
    return metadata.unencodedLength() <= MAX_BLOB_BYTES && missing >= Math.max(8, nShards / 15);
  }

  /** The blob's full encoding, or empty if too few peers gave valid slivers or the encoding is inconsistent. */
  Optional<EncodedBlob> rebuild(Committees committees, BlobId blobId, BlobMetadata metadata) throws InterruptedException {
    EncodingConfig config = committees.encoding();
    int n = config.nShards();
    int needed = config.primarySymbols();
    // Systematic slivers first; during an epoch change a shard's previous owner may still be the
    // one that holds it, so previous owners come after the current ones.
    List<Candidate> candidates = new ArrayList<>(2 * n);
    for (CommitteeView committee : List.of(committees.current(), committees.previous())) {
      for (int pair = 0; pair < n; pair++) {
        Optional<Member> owner = Committees.owner(committee, blobId.shardForPair(pair, n))
            .filter(m -> !m.publicKey().equals(committees.self()) && m.networkAddress() != null);
        if (owner.isPresent()) {
          candidates.add(new Candidate(pair, owner.get()));
        }
      }
    }
    ConcurrentHashMap<Integer, SliverData> verified = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    SliverVerifier verifier = new SliverVerifier(config);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < Math.min(FETCHES_IN_FLIGHT, needed); w++) {
        pool.execute(() -> {
          // Take another candidate only while verified + in-flight slivers may still fall short.
          for (int i; (i = next.get()) < candidates.size() && i < needed + failed.get(); ) {
            if (!next.compareAndSet(i, i + 1)) {
              continue;
            }
            Candidate c = candidates.get(i);
            try {
              SliverData sliver = peers.client(c.owner()).sliver(blobId, c.pair(), SliverType.PRIMARY);
              verifier.verify(metadata, sliver);
              if (verified.putIfAbsent(c.pair(), sliver) != null) {
                failed.incrementAndGet(); // the same sliver from the previous owner: it does not count twice
              }
            } catch (RuntimeException e) {
              LOG.debug("primary sliver {} of {} from {}: {}", c.pair(), blobId, c.owner().networkAddress(), e.getMessage());
              failed.incrementAndGet();
            }
          }
        });
      }
    }
    if (verified.size() < needed) {
      LOG.debug("only {} of {} primary slivers of {} could be read", verified.size(), needed, blobId);
      return Optional.empty();
    }
    byte[] data = new BlobDecoder(config).decode(new BlobMetadataWithId(blobId, metadata), verified.values(),
        ConsistencyCheck.SKIP);
    EncodedBlob encoded = new BlobEncoder(config).encode(data);
    if (!encoded.blobId().equals(blobId)) {
      LOG.warn("blob {} decodes to data whose encoding has another blob ID: recovering sliver by sliver", blobId);
      return Optional.empty();
    }
    return Optional.of(encoded);
  }
}
