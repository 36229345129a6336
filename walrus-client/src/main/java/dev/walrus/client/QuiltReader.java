package dev.walrus.client;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.InvalidSliverException;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SliverVerifier;
import dev.walrus.core.quilt.MissingColumnsException;
import dev.walrus.core.quilt.Quilt;
import dev.walrus.core.quilt.QuiltColumns;
import dev.walrus.core.quilt.QuiltException;
import dev.walrus.core.quilt.QuiltFile;
import dev.walrus.core.quilt.QuiltIndex;
import dev.walrus.core.quilt.QuiltPatch;
import dev.walrus.core.quilt.QuiltPatchId;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read half of quilts (protocol.md §8): verified metadata, then only the secondary slivers —
 * quilt columns — that the index and the wanted patches occupy, each verified against the
 * metadata. If a sliver cannot be had (its node is down, lies, or the committee is changing), the
 * quilt is read whole instead, with the strict consistency check as Walrus does, so a patch reads
 * the same either way. Lookups by identifier or tag read the index first; reads by patch ID go
 * straight to the patch's columns.
 */
final class QuiltReader {
  private static final Logger LOG = LoggerFactory.getLogger(QuiltReader.class);
  /** Rounds of "fetch what the decoder says is missing": column 0, then the rest of the index. */
  private static final int MAX_ROUNDS = 3;
  /** Sliver downloads in flight per read. */
  private static final int CONCURRENCY = 16;
  /**
   * One quick retry of a sliver request that failed transiently; after that the whole quilt is
   * read (which has retries and committee fallbacks of its own).
   */
  private static final Retry SLIVER_RETRY = new Retry(1, Duration.ofMillis(100), Duration.ofMillis(100));

  private final NodeApi.Directory nodes;
  private final Supplier<CommitteeView> committee;
  private final BlobReader blobs;
  private final Function<BlobId, byte[]> readWhole;

  /**
   * @param committee the current committee (cached by the caller)
   * @param readWhole reads a blob in full with the strict consistency check
   */
  QuiltReader(NodeApi.Directory nodes, Supplier<CommitteeView> committee, BlobReader blobs,
      Function<BlobId, byte[]> readWhole) {
    this.nodes = nodes;
    this.committee = committee;
    this.blobs = blobs;
    this.readWhole = readWhole;
  }

  QuiltMetadata metadata(BlobId quiltId) {
    Session s = new Session(quiltId);
    return new QuiltMetadata(quiltId, s.metadata(), s.index());
  }

  QuiltFile patch(QuiltPatchId id) {
    Session s = new Session(id.quiltId());
    return s.patches(List.of(id.internal())).getFirst();
  }

  /**
   * The files with these identifiers in quilt order, as Walrus returns them.
   *
   * @throws QuiltException ({@link QuiltException.Reason#PATCH_NOT_FOUND}) naming every
   *     identifier the quilt lacks
   */
  List<QuiltFile> files(BlobId quiltId, List<String> identifiers) {
    Session s = new Session(quiltId);
    Set<String> wanted = new LinkedHashSet<>(identifiers);
    List<QuiltPatchId.Internal> found = new ArrayList<>();
    for (QuiltPatch p : s.index().patches()) {
      if (wanted.remove(p.identifier())) {
        found.add(p.internalId());
      }
    }
    if (!wanted.isEmpty()) {
      throw new QuiltException(QuiltException.Reason.PATCH_NOT_FOUND,
          "quilt " + quiltId + " has no patch with identifier " + String.join(", ", wanted));
    }
    return s.patches(found);
  }

  List<QuiltFile> byTag(BlobId quiltId, String key, String value) {
    Session s = new Session(quiltId);
    return s.patches(s.index().byTag(key, value).stream().map(QuiltPatch::internalId).toList());
  }

  List<QuiltFile> all(BlobId quiltId) {
    Session s = new Session(quiltId);
    return s.patches(s.index().patches().stream().map(QuiltPatch::internalId).toList());
  }

  /** One quilt's reads: its metadata, the columns fetched so far, and the whole blob once read. */
  private final class Session {
    private final BlobId quiltId;
    private final CommitteeView committee;
    private final EncodingConfig config;
    private final BlobMetadataWithId metadata;
    private final QuiltColumns columns;
    private Quilt whole;

    /**
     * @throws BlobNotFoundException if the committee does not know the quilt
     * @throws BlobUnavailableException if no node gave metadata that verifies
     */
    Session(BlobId quiltId) {
      this.quiltId = quiltId;
      this.committee = QuiltReader.this.committee.get();
      this.config = EncodingConfig.forShards(committee.nShards());
      this.metadata = blobs.fetchMetadata(committee, config, quiltId);
      this.columns = new QuiltColumns(config);
    }

    BlobMetadataWithId metadata() {
      return metadata;
    }

    QuiltIndex index() {
      for (int round = 0; round < MAX_ROUNDS; round++) {
        try {
          return columns.index();
        } catch (MissingColumnsException e) {
          if (!fetch(e.columns())) {
            break;
          }
        }
      }
      return whole().index();
    }

    List<QuiltFile> patches(List<QuiltPatchId.Internal> ids) {
      Set<Integer> needed = new TreeSet<>();
      for (QuiltPatchId.Internal id : ids) {
        if (id.endIndex() > config.secondarySymbols()) {
          throw new QuiltException(QuiltException.Reason.PATCH_NOT_FOUND, "no patch at columns [" + id.startIndex()
              + ", " + id.endIndex() + ") of quilt " + quiltId + ": it has " + config.secondarySymbols() + " columns");
        }
        for (int c = id.startIndex(); c < id.endIndex(); c++) {
          needed.add(c);
        }
      }
      if (fetch(needed)) {
        List<QuiltFile> out = new ArrayList<>(ids.size());
        for (QuiltPatchId.Internal id : ids) {
          out.add(columns.patch(id));
        }
        return out;
      }
      Quilt q = whole();
      return ids.stream().map(q::patch).toList();
    }

    /** Fetches and verifies the columns not yet held; false if any could not be had. */
    private boolean fetch(Iterable<Integer> wanted) {
      List<Integer> todo = new ArrayList<>();
      wanted.forEach(c -> {
        if (!columns.has(c)) {
          todo.add(c);
        }
      });
      if (todo.isEmpty()) {
        return true;
      }
      int n = config.nShards();
      Map<Integer, Member> byShard = new HashMap<>();
      for (Member m : committee.members()) {
        m.shards().forEach(shard -> byShard.put(shard, m));
      }
      SliverVerifier verifier = new SliverVerifier(config);
      List<String> failures = new ArrayList<>();
      List<SliverData> got = Fanout.untilEnough(todo, Math.min(CONCURRENCY, todo.size()), todo.size(), 0, column -> {
        int pair = n - 1 - column;
        Member m = byShard.get(quiltId.shardForPair(pair, n));
        if (m == null) {
          throw new WalrusClientException("no committee member holds the shard of sliver pair " + pair);
        }
        SliverData s = SLIVER_RETRY.run(() -> nodes.node(m).sliver(quiltId, pair, SliverType.SECONDARY));
        if (s.type() != SliverType.SECONDARY || s.index() != column) {
          throw new InvalidSliverException("asked for secondary sliver " + column + ", got " + s.type().urlName()
              + " sliver " + s.index());
        }
        verifier.verify(metadata.metadata(), s);
        return s;
      }, (column, e) -> failures.add("column " + column + ": " + e.getMessage()));
      got.forEach(columns::add);
      if (got.size() < todo.size()) {
        LOG.debug("quilt {}: {} of {} secondary slivers could not be had, reading it whole: {}", quiltId,
            todo.size() - got.size(), todo.size(), failures);
        return false;
      }
      return true;
    }

    private Quilt whole() {
      if (whole == null) {
        whole = Quilt.fromBlob(config, readWhole.apply(quiltId));
      }
      return whole;
    }
  }
}
