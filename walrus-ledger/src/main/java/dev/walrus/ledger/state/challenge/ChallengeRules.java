package dev.walrus.ledger.state.challenge;

import dev.walrus.core.ObjectId;
import dev.walrus.core.challenge.ReportEntry;
import dev.walrus.ledger.api.ChallengeConfig;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.PenaltySource;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.ChallengeApi;
import dev.walrus.ledger.state.Checked;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.EpochRewards;
import dev.walrus.ledger.state.EpochVerdicts;
import dev.walrus.ledger.state.LedgerServices;
import dev.walrus.ledger.state.RuleModule;
import dev.walrus.ledger.state.TxContext;
import dev.walrus.ledger.state.staking.StakingRules;
import dev.walrus.ledger.state.staking.StakingState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * Storage challenges on the ledger (spec/challenges.md §4–8, SAMPLED mode): the beacon, the
 * challenged set, reports, verdicts at the epoch change, rewards tilted by them, penalties with
 * their collection, jail, shard-migration penalties and the vote on penalty sizes. The ledger
 * never sees sliver data: it keeps the seed, the set and the reports, and judges from them.
 *
 * <p>Routes the operations to {@link Beacon}, {@link Reports}, {@link ShardMigration} and {@link
 * PenaltyGovernance}, and serves the epoch change through {@link ChallengeApi}. On a network
 * whose genesis has no challenge configuration the module is not installed at all.
 */
public final class ChallengeRules implements RuleModule, ChallengeApi {
  /** Epochs of records kept besides the current one (§7.1: the last two). */
  static final int KEPT_EPOCHS = 2;

  private final ChallengeTables t;
  private final ChallengeIndex index;
  private final Epochs epochs;
  private final Beacon beacon;
  private final Reports reports;
  private final Penalties penalties;
  private final ShardMigration migration;
  private final PenaltyGovernance governance;

  public ChallengeRules(LedgerServices ledger, StakingRules staking, ChallengeConfig config) {
    this.t = new ChallengeTables(ledger, staking, config);
    this.index = new ChallengeIndex(t);
    this.epochs = new Epochs(t);
    this.beacon = new Beacon(t, index, epochs);
    this.reports = new Reports(t, epochs);
    this.penalties = new Penalties(t);
    this.migration = new ShardMigration(t, penalties, epochs);
    this.governance = new PenaltyGovernance(t);
  }

  /** Operations of the module; on a network without challenges they abort {@link ChallengeErrors#DISABLED}. */
  public static Set<Class<? extends Operation>> allOperations() {
    return Set.of(Operation.ChallengeAck.class, Operation.ChallengeForceSeed.class,
        Operation.ChallengeSubmitReport.class, Operation.EpochSyncDoneV2.class, Operation.ShardRequestRecovery.class,
        Operation.PenaltyPropose.class, Operation.PenaltyVote.class);
  }

  /** The handler a network without challenges installs for their operations. */
  public static RuleModule disabled() {
    return new RuleModule() {
      @Override
      public Set<Class<? extends Operation>> operations() {
        return allOperations();
      }

      @Override
      public void execute(TxContext ctx, Operation operation) {
        throw new Abort(ChallengeErrors.MODULE, ChallengeErrors.DISABLED, "this network runs no storage challenges");
      }
    };
  }

  public void initGenesis() {
    t.governance.set(new Governance(t.config.penalties(), Optional.empty(), 1, 0, 0));
  }

  /** The root of the previous block, which the next seed commits to. */
  public void beginBlock(byte[] previousBlockRoot) {
    beacon.beginBlock(previousBlockRoot);
  }

  @Override
  public Set<Class<? extends Operation>> operations() {
    return allOperations();
  }

  @Override
  public void execute(TxContext ctx, Operation operation) {
    switch (operation) {
      case Operation.ChallengeAck op -> beacon.ack(ctx, op);
      case Operation.ChallengeForceSeed op -> beacon.forceSeed(ctx, op);
      case Operation.ChallengeSubmitReport op -> reports.submit(ctx, op);
      case Operation.EpochSyncDoneV2 op -> migration.syncDoneV2(ctx, op);
      case Operation.ShardRequestRecovery op -> migration.requestRecovery(ctx, op);
      case Operation.PenaltyPropose op -> governance.propose(ctx, op);
      case Operation.PenaltyVote op -> governance.vote(ctx, op);
      default -> throw new IllegalArgumentException(operation.getClass().getSimpleName() + " is not a challenge operation");
    }
  }

  // ---- ChallengeApi ------------------------------------------------------------------------------

  @Override
  public void observe(TxContext ctx, List<LedgerEvent> events) {
    for (LedgerEvent event : events) {
      if (event instanceof LedgerEvent.ShardsReceived r && !r.shards().isEmpty()) {
        Committee c = t.staking.committee();
        c.members().stream().filter(m -> m.shards().contains(r.shards().getFirst())).findFirst()
            .ifPresent(m -> migration.syncDone(ctx, r.epoch(), m.nodeId()));
      } else {
        index.apply(event);
      }
    }
  }

  @Override
  public EpochVerdicts closeEpoch(TxContext ctx, Committee ending, Committee previous) {
    int e = ending.epoch();
    if (ending.isEmpty()) {
      return EpochVerdicts.none(e);
    }
    StakingState s = t.staking.state();
    ChallengeEpoch rec = epochs.current(e);
    epochs.timing(s).ifPresent(timing -> migration.closeEpoch(ctx, s, timing.tOpen()));
    if (rec.status() == ChallengeStatus.PENDING) {
      ctx.emit(new LedgerEvent.ChallengeSkipped(e, "no seed before the epoch ended"));
      t.epochs.put(e, rec.skipped("no seed before the epoch ended"));
      return EpochVerdicts.none(e);
    }
    if (rec.status() != ChallengeStatus.SEEDED) {
      return EpochVerdicts.none(e);
    }
    Map<ObjectId, Set<Integer>> before = new HashMap<>();
    previous.members().forEach(m -> before.put(m.nodeId(), new HashSet<>(m.shards())));
    Map<ObjectId, List<ReportEntry>> submitted = new HashMap<>();
    ChallengeTables.ofEpoch(t.reports, e).forEach((k, r) -> submitted.put(k.nodeId(), r.entries()));
    Set<ObjectId> synced = new HashSet<>();
    Map<ObjectId, Set<Integer>> lost = new HashMap<>();
    ChallengeTables.ofEpoch(t.nodeEpochs, e).forEach((k, n) -> {
      if (n.syncedBeforeSeed()) {
        synced.add(k.nodeId());
      }
      lost.put(k.nodeId(), new HashSet<>(n.lostBeforeSeed()));
    });
    EpochVerdicts verdicts = VerdictCalculator.compute(ending, before, submitted, synced, lost);
    t.epochs.put(e, rec.finished());
    for (var entry : verdicts.nodes().entrySet()) {
      EpochVerdicts.NodeVerdict v = entry.getValue();
      t.results.put(new EpochKey(e, entry.getKey()), new NodeResult(v.shards(), v.failedShards(), v.syncingShards(),
          v.dataFail(), v.issueFail(), 0, 0, 0, 0, 0, 0));
      jail(ctx, e, entry.getKey(), v);
    }
    return verdicts;
  }

  /**
   * §8.4: {@code jail_after} consecutive epochs with a supermajority of shards failed jail the node
   * until {@code e + 1 + jail_epochs}. Skipped epochs neither extend nor break a streak.
   */
  private void jail(TxContext ctx, int e, ObjectId node, EpochVerdicts.NodeVerdict v) {
    NodeRecord r = t.node(node);
    if (!v.supermajorityFailed()) {
      t.putNode(node, r.withFails(0));
      return;
    }
    int fails = r.consecutiveFails() + 1;
    if (fails >= t.config.jailAfter()) {
      int until = e + 1 + t.config.jailEpochs();
      t.putNode(node, r.jailedUntil(until));
      ctx.emit(new LedgerEvent.NodeJailed(node, until));
    } else {
      t.putNode(node, r.withFails(fails));
    }
  }

  @Override
  public SortedMap<ObjectId, Long> penaltiesDue(
      TxContext ctx, EpochVerdicts verdicts, EpochRewards rewards, Set<ObjectId> nodes) {
    return penalties.due(ctx, verdicts, rewards, nodes);
  }

  @Override
  public Map<ObjectId, Long> takeHelperRewards(TxContext ctx, Committee ending) {
    return penalties.takeHelperRewards(ctx, ending);
  }

  @Override
  public void collected(
      TxContext ctx, int epoch, ObjectId node, long fromReward, long fromCommission, long fromStake, long left) {
    penalties.collected(ctx, epoch, node, fromReward, fromCommission, fromStake, left);
  }

  @Override
  public void epochStarted(TxContext ctx, Committee next) {
    int e = next.epoch();
    Governance g = t.gov();
    if (g.next().isPresent()) {
      g = g.withParams(g.next().get(), Optional.empty());
      ctx.emit(new LedgerEvent.PenaltyParamsChanged(e, g.params()));
    }
    // §7.5 with no read-failure signals yet (light nodes and bounties come later): decay to 1.
    t.governance.set(g.withPhi(Math.max(1, g.phi() - Checked.toU32(Checked.divCeil(g.phi(), 8)))));
    for (ObjectId id : List.copyOf(t.proposals.view().keySet())) {
      t.proposals.remove(id);
    }
    for (ObjectId id : List.copyOf(t.votes.view().keySet())) {
      t.votes.remove(id);
    }
    index.expire(e);
    t.epochs.put(e, epochs.open(e));
    int oldest = e - KEPT_EPOCHS;
    for (Integer old : List.copyOf(t.epochs.view().headMap(oldest).keySet())) {
      t.epochs.remove(old);
    }
    ChallengeTables.pruneBefore(t.acks, oldest);
    ChallengeTables.pruneBefore(t.reports, oldest);
    ChallengeTables.pruneBefore(t.nodeEpochs, oldest);
    ChallengeTables.pruneBefore(t.results, oldest);
  }

  @Override
  public void votingEnded(TxContext ctx) {
    governance.tally();
  }

  @Override
  public boolean isJailed(ObjectId node, int epoch) {
    return t.node(node).jailedUntil() > epoch;
  }

  @Override
  public List<ObjectId> releasedAt(int epoch) {
    List<ObjectId> out = new ArrayList<>();
    t.nodes.view().forEach((id, r) -> {
      if (r.jailedUntil() == epoch) {
        out.add(id);
      }
    });
    return out;
  }

  @Override
  public PenaltySource penaltySource() {
    return t.config.penaltySource();
  }

  @Override
  public int maxStakeSlashBp() {
    return t.config.maxStakeSlashBp();
  }

  @Override
  public void stakeSlashed(ObjectId node, long amount) {
    if (amount > 0) {
      NodeRecord r = t.node(node);
      t.putNode(node, r.withSlashedUnburned(Checked.add(r.slashedUnburned(), amount)));
    }
  }

  @Override
  public long withdrawalBurn(ObjectId node, long principal, long value) {
    NodeRecord r = t.node(node);
    long burn = Penalties.withdrawalBurn(principal, value, t.config.redemptionFloorBp(), r.slashedUnburned());
    if (burn > 0) {
      t.putNode(node, r.withSlashedUnburned(r.slashedUnburned() - burn));
    }
    return burn;
  }

  @Override
  public long heldFrost() {
    return t.gov().helperPot();
  }

  // ---- reads for the API -------------------------------------------------------------------------

  public ChallengeConfig config() {
    return t.config;
  }

  public Optional<ChallengeEpoch> epoch(int epoch) {
    return t.epoch(epoch);
  }

  /** The times of the current epoch's window, once its change is done. */
  public Optional<ChallengeTiming> timing() {
    return epochs.timing(t.staking.state());
  }

  public List<ObjectId> acked(int epoch) {
    return ChallengeTables.ofEpoch(t.acks, epoch).keySet().stream().map(EpochKey::nodeId).toList();
  }

  public SortedMap<ObjectId, List<ReportEntry>> reports(int epoch) {
    SortedMap<ObjectId, List<ReportEntry>> out = new java.util.TreeMap<>();
    ChallengeTables.ofEpoch(t.reports, epoch).forEach((k, r) -> out.put(k.nodeId(), r.entries()));
    return out;
  }

  public SortedMap<ObjectId, NodeResult> results(int epoch) {
    SortedMap<ObjectId, NodeResult> out = new java.util.TreeMap<>();
    ChallengeTables.ofEpoch(t.results, epoch).forEach((k, r) -> out.put(k.nodeId(), r));
    return out;
  }

  public NodeRecord node(ObjectId node) {
    return t.node(node);
  }

  public Governance governance() {
    return t.gov();
  }

  public SortedMap<ObjectId, PenaltyProposal> proposals() {
    return t.proposals.view();
  }

  public SortedMap<ObjectId, PenaltyVote> votes() {
    return t.votes.view();
  }

  /** Blobs eligible in {@code epoch} under today's index. */
  public int eligibleCount(int epoch) {
    return index.eligible(epoch).size();
  }

}
