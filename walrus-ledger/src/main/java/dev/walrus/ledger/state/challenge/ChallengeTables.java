package dev.walrus.ledger.state.challenge;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.challenge.ReportEntry;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.ledger.api.ChallengeConfig;
import dev.walrus.ledger.state.JournaledCell;
import dev.walrus.ledger.state.JournaledMap;
import dev.walrus.ledger.state.LedgerServices;
import dev.walrus.ledger.state.LedgerStore;
import dev.walrus.ledger.state.staking.StakingRules;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The challenge module's tables (spec/challenges.md §7.1) and the services its rule classes
 * share. Per-epoch rows are keyed by {@link EpochKey} so an epoch is pruned with one range.
 */
final class ChallengeTables {
  /** A stored report: its entries, already checked. */
  record StoredReport(List<ReportEntry> entries) {}

  final LedgerServices ledger;
  final StakingRules staking;
  final ChallengeConfig config;
  final JournaledMap<Integer, ChallengeEpoch> epochs;
  final JournaledMap<EpochKey, BlsSignature> acks;
  final JournaledMap<EpochKey, StoredReport> reports;
  final JournaledMap<EpochKey, NodeEpoch> nodeEpochs;
  final JournaledMap<EpochKey, NodeResult> results;
  final JournaledMap<ObjectId, NodeRecord> nodes;
  final JournaledMap<BlobId, IndexEntry> index;
  final JournaledMap<ObjectId, PenaltyProposal> proposals;
  final JournaledMap<ObjectId, PenaltyVote> votes;
  final JournaledCell<Governance> governance;

  ChallengeTables(LedgerServices ledger, StakingRules staking, ChallengeConfig config) {
    this.ledger = ledger;
    this.staking = staking;
    this.config = config;
    LedgerStore store = ledger.store();
    this.epochs = store.map("challenge.epochs", Integer.class, ChallengeEpoch.class);
    this.acks = store.map("challenge.acks", EpochKey.class, BlsSignature.class);
    this.reports = store.map("challenge.reports", EpochKey.class, StoredReport.class);
    this.nodeEpochs = store.map("challenge.node_epochs", EpochKey.class, NodeEpoch.class);
    this.results = store.map("challenge.results", EpochKey.class, NodeResult.class);
    this.nodes = store.map("challenge.nodes", ObjectId.class, NodeRecord.class);
    this.index = store.map("challenge.index", BlobId.class, IndexEntry.class);
    this.proposals = store.map("challenge.penalty_proposals", ObjectId.class, PenaltyProposal.class);
    this.votes = store.map("challenge.penalty_votes", ObjectId.class, PenaltyVote.class);
    this.governance = store.cell("challenge.governance", Governance.class);
  }

  Governance gov() {
    return governance.get();
  }

  NodeRecord node(ObjectId id) {
    return nodes.find(id).orElse(NodeRecord.EMPTY);
  }

  void putNode(ObjectId id, NodeRecord r) {
    if (r.isEmpty()) {
      nodes.remove(id);
    } else {
      nodes.put(id, r);
    }
  }

  NodeEpoch nodeEpoch(int epoch, ObjectId id) {
    return nodeEpochs.find(new EpochKey(epoch, id)).orElse(NodeEpoch.EMPTY);
  }

  Optional<ChallengeEpoch> epoch(int epoch) {
    return epochs.find(epoch);
  }

  /** The rows of {@code table} for {@code epoch}, by node ID. */
  static <V> SortedMap<EpochKey, V> ofEpoch(JournaledMap<EpochKey, V> table, int epoch) {
    return table.view().subMap(EpochKey.first(epoch), EpochKey.first(epoch + 1));
  }

  /** Deletes every row of {@code table} for epochs before {@code epoch}. */
  static <V> void pruneBefore(JournaledMap<EpochKey, V> table, int epoch) {
    for (EpochKey k : List.copyOf(table.view().headMap(EpochKey.first(epoch)).keySet())) {
      table.remove(k);
    }
  }
}
