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
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CommitteeView.Member;
import dev.walrus.node.client.StorageNodeException;
import dev.walrus.node.committee.Committees;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a blob's metadata and rebuilds single slivers from other nodes (protocol.md §5.3). Nothing
 * a peer sends is trusted: metadata must hash to the blob ID, every recovery symbol's Merkle proof
 * is checked against the metadata, and the rebuilt sliver against its hash. A peer that lies or
 * fails is skipped; the next one is asked.
 */
public final class SliverFetcher {
  private static final Logger LOG = LoggerFactory.getLogger(SliverFetcher.class);

  private final Peers peers;
  private final WholeBlobRecovery wholeBlob;

  public SliverFetcher(Peers peers) {
    this.peers = peers;
    this.wholeBlob = new WholeBlobRecovery(peers);
  }

  /** Recovery of all of a small blob's missing slivers at once. */
  WholeBlobRecovery wholeBlob() {
    return wholeBlob;
  }

  /** Metadata from the first peer whose answer verifies. */
  public Optional<BlobMetadata> metadata(Committees committees, BlobId blobId) {
    EncodingConfig config = committees.encoding();
    for (CommitteeView committee : List.of(committees.current(), committees.previous())) {
      for (Member peer : Peers.weightedShuffle(committees, committee)) {
        try {
          BlobMetadataWithId m = peers.client(peer).metadata(blobId);
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
   * Rebuilds sliver {@code index} of {@code type} from symbols the other nodes compute from their
   * orthogonal slivers ({@code local} are symbols this node computed itself).
   *
   * @throws NotEnoughSliversException if the reachable nodes did not give enough valid symbols
   * @throws InconsistentBlobException with a proof, if valid symbols decode to a wrong sliver
   */
  public SliverData recover(Committees committees, BlobId blobId, BlobMetadata metadata, SliverType type, int index,
      List<RecoverySymbol> local) {
    EncodingConfig config = committees.encoding();
    SliverRecovery recovery = new SliverRecovery(config);
    int needed = recovery.symbolsNeeded(type);
    List<RecoverySymbol> valid = new ArrayList<>();
    Set<Integer> sources = new HashSet<>();
    addValid(local, valid, sources, config, metadata);
    for (CommitteeView committee : List.of(committees.current(), committees.previous())) {
      for (Member peer : Peers.weightedShuffle(committees, committee)) {
        if (sources.size() >= needed) {
          break;
        }
        try {
          List<RecoverySymbol> got = peers.client(peer).recoverySymbols(blobId, index, type, type.orthogonal());
          List<RecoverySymbol> relevant = got.stream()
              .filter(s -> s.decodingAxis() == type && s.targetIndex() == index).toList();
          int before = sources.size();
          addValid(relevant, valid, sources, config, metadata);
          if (sources.size() - before < relevant.size()) {
            LOG.warn("{} sent {} recovery symbols for {} {} {} that do not verify", peer.networkAddress(),
                relevant.size() - (sources.size() - before), blobId, type.urlName(), index);
          }
        } catch (StorageNodeException e) {
          LOG.debug("recovery symbols of {} from {}: {}", blobId, peer.networkAddress(), e.getMessage());
        }
      }
    }
    return recovery.recover(metadata, type, index, valid);
  }

  private static void addValid(List<RecoverySymbol> symbols, List<RecoverySymbol> valid, Set<Integer> sources,
      EncodingConfig config, BlobMetadata metadata) {
    if (symbols.isEmpty()) {
      return;
    }
    boolean[] ok = RecoverySymbol.verifyAll(symbols, config, metadata);
    for (int i = 0; i < symbols.size(); i++) {
      if (ok[i] && sources.add(symbols.get(i).symbol().index())) {
        valid.add(symbols.get(i));
      }
    }
  }
}
