package dev.walrus.node.sync;

import dev.walrus.core.BlobId;
import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.BlobMetadataWithId;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.encoding.InconsistentBlobException;
import dev.walrus.core.encoding.InvalidMetadataException;
import dev.walrus.core.encoding.NotEnoughSliversException;
import dev.walrus.core.encoding.RecoverySymbol;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.core.encoding.SliverRecovery;
import dev.walrus.core.encoding.SymbolId;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.node.client.StorageNodeException;
import dev.walrus.node.committee.Committees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a blob's metadata and rebuilds slivers from other nodes (protocol.md §5.3). Nothing a peer
 * sends is trusted: metadata must hash to the blob ID, every recovery symbol's Merkle proof is
 * checked against the metadata, and a rebuilt sliver against its hash. A peer that lies or fails
 * is skipped; the next one is asked, the least loaded first.
 *
 * <p>Symbols for all of a blob's missing slivers are asked of each peer in a few requests (by
 * symbol ID, {@link #IDS_PER_REQUEST} at a time) rather than one request per sliver, and peers
 * are asked until every sliver has enough proven symbols.
 */
public final class SliverFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(SliverFetcher.class);
  /** Symbol IDs per request: each is about 12 bytes of query string. */
  static final int IDS_PER_REQUEST = 256;

  private final Peers peers;
  private final WholeBlobRecovery wholeBlob;

  public SliverFetcher(Peers peers) {
    this.peers = peers;
    this.wholeBlob = new WholeBlobRecovery(peers);
  }

  /** Recovery of a blob's missing slivers by rebuilding the whole blob. */
  WholeBlobRecovery wholeBlob() {
    return wholeBlob;
  }

  /** Metadata from the first peer whose answer verifies, the least loaded asked first. */
  public Optional<BlobMetadata> metadata(Committees committees, BlobId blobId) {
    EncodingConfig config = committees.encoding();
    for (CommitteeView committee : views(committees)) {
      for (Member peer : peers.leastLoaded(committees, committee)) {
        try {
          BlobMetadataWithId m = peers.call(peer, client -> client.metadata(blobId));
          if (!m.blobId().equals(blobId)) {
            continue;
          }
          m.verify(config);
          return Optional.of(m.metadata());
        } catch (StorageNodeException | InvalidMetadataException e) {
          LOG.debug("metadata of {} from {}: {}", blobId, peer.networkAddress(), e.getMessage());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Rebuilds {@code targets} from recovery symbols the other nodes compute from their orthogonal
   * slivers ({@code local} holds symbols this node computed itself). Returns the slivers rebuilt;
   * targets without enough valid symbols are left out.
   *
   * @throws InconsistencyFound if valid symbols decode to a sliver the metadata does not commit to
   */
  public Map<Target, SliverData> recover(Committees committees, BlobId blobId, BlobMetadata metadata,
      List<Target> targets, Map<Target, List<RecoverySymbol>> local, RecoveryBudget budget) throws InterruptedException {
    EncodingConfig config = committees.encoding();
    int n = config.nShards();
    SliverRecovery recovery = new SliverRecovery(config);
    Map<Target, Map<Integer, RecoverySymbol>> valid = new LinkedHashMap<>();
    for (Target t : targets) {
      valid.put(t, new LinkedHashMap<>());
      addValid(local.getOrDefault(t, List.of()), valid, config, metadata);
    }
    for (CommitteeView committee : views(committees)) {
      for (Member peer : peers.leastLoaded(committees, committee)) {
        List<Target> short_ = targets.stream()
            .filter(t -> valid.get(t).size() < recovery.symbolsNeeded(t.type())).toList();
        if (short_.isEmpty()) {
          break;
        }
        for (SliverType axis : SliverType.values()) {
          List<SymbolId> ids = symbolIds(blobId, n, peer, axis, short_, valid);
          for (int from = 0; from < ids.size(); from += IDS_PER_REQUEST) {
            List<SymbolId> chunk = ids.subList(from, Math.min(ids.size(), from + IDS_PER_REQUEST));
            try {
              List<RecoverySymbol> got = peers.call(peer, c -> c.recoverySymbols(blobId, chunk, axis.orthogonal()));
              int rejected = budget.cpu(() -> addValid(got, valid, config, metadata));
              if (rejected > 0) {
                LOG.warn("{} sent {} recovery symbols of {} that do not verify", peer.networkAddress(), rejected, blobId);
              }
            } catch (StorageNodeException e) {
              LOG.debug("recovery symbols of {} from {}: {}", blobId, peer.networkAddress(), e.getMessage());
              break;
            }
          }
        }
      }
    }
    return budget.cpu(() -> decode(blobId, metadata, recovery, targets, valid));
  }

  /** Rebuilds each target that has enough valid symbols. */
  private static Map<Target, SliverData> decode(BlobId blobId, BlobMetadata metadata, SliverRecovery recovery,
      List<Target> targets, Map<Target, Map<Integer, RecoverySymbol>> valid) {
    Map<Target, SliverData> out = new HashMap<>();
    for (Target t : targets) {
      if (valid.get(t).size() < recovery.symbolsNeeded(t.type())) {
        LOG.debug("too few symbols for {} sliver {} of {}", t.type().urlName(), t.index(), blobId);
        continue;
      }
      try {
        out.put(t, recovery.recover(metadata, t.type(), t.index(), valid.get(t).values()));
      } catch (InconsistentBlobException e) {
        if (e.proof().isPresent()) {
          throw new InconsistencyFound(blobId, e.proof().get(), e.getMessage());
        }
        throw e;
      } catch (NotEnoughSliversException e) {
        LOG.debug("recovering {} sliver {} of {}: {}", t.type().urlName(), t.index(), blobId, e.getMessage());
      }
    }
    return out;
  }

  /**
   * The symbols {@code peer} can compute for the targets of {@code axis} from its slivers of the
   * other axis: for a primary target (row) the cells it shares with the peer's secondary slivers,
   * for a secondary target (column) those it shares with the peer's primary slivers.
   */
  private static List<SymbolId> symbolIds(BlobId blobId, int n, Member peer, SliverType axis, List<Target> targets,
      Map<Target, Map<Integer, RecoverySymbol>> valid) {
    List<SymbolId> ids = new ArrayList<>();
    for (Target t : targets) {
      if (t.type() != axis) {
        continue;
      }
      for (int shard : peer.shards()) {
        int pair = blobId.pairForShard(shard, n);
        int source = axis == SliverType.PRIMARY ? n - 1 - pair : pair;
        if (!valid.get(t).containsKey(source)) {
          ids.add(axis == SliverType.PRIMARY ? new SymbolId(t.index(), source) : new SymbolId(source, t.index()));
        }
      }
    }
    return ids;
  }

  /** Adds the symbols whose proofs verify to their targets; returns how many did not verify. */
  private static int addValid(List<RecoverySymbol> symbols, Map<Target, Map<Integer, RecoverySymbol>> valid,
      EncodingConfig config, BlobMetadata metadata) {
    if (symbols.isEmpty()) {
      return 0;
    }
    boolean[] ok = RecoverySymbol.verifyAll(symbols, config, metadata);
    int rejected = 0;
    for (int i = 0; i < symbols.size(); i++) {
      RecoverySymbol r = symbols.get(i);
      Map<Integer, RecoverySymbol> forTarget = valid.get(new Target(r.decodingAxis(), r.targetIndex()));
      if (!ok[i]) {
        rejected++;
      } else if (forTarget != null) {
        forTarget.putIfAbsent(r.symbol().index(), r);
      }
    }
    return rejected;
  }

  private static List<CommitteeView> views(Committees committees) {
    return committees.previous() == null
        ? List.of(committees.current()) : List.of(committees.current(), committees.previous());
  }
}
