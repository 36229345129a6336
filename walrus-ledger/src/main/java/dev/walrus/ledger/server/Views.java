package dev.walrus.ledger.server;

import dev.walrus.core.Address;
import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.ledger.api.AccountView;
import dev.walrus.ledger.api.BlobObjectsView;
import dev.walrus.ledger.api.CommitteeView;
import dev.walrus.ledger.api.CostQuoteView;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.LedgerJson;
import dev.walrus.ledger.api.ObjectView;
import dev.walrus.ledger.api.StakingView;
import dev.walrus.ledger.api.SystemInfoView;
import dev.walrus.ledger.state.Account;
import dev.walrus.ledger.state.ChainInfo;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.LedgerState;
import dev.walrus.ledger.state.staking.EpochState;
import dev.walrus.ledger.state.staking.EpochStatus;
import dev.walrus.ledger.state.staking.NodeInfo;
import dev.walrus.ledger.state.staking.PoolView;
import dev.walrus.ledger.state.objects.LedgerObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON views of the ledger state, built under the state's read lock from the rules' public
 * read methods.
 */
final class Views {
  static final long UNIT_SIZE = 1L << 20;
  private static final Map<Integer, Optional<EncodingConfig>> ENCODINGS = new ConcurrentHashMap<>();

  private Views() {}

  static SystemInfoView system(LedgerState s) {
    GenesisConfig g = s.genesisConfig();
    ChainInfo chain = s.chain();
    Committee committee = s.staking().committee();
    int nShards = g.nShards();
    Long maxBlobSize = encoding(nShards) != null ? encoding(nShards).maxBlobSize() : null;
    EpochStatus status = s.staking().epochStatus();
    String state = epochStateName(status.state());
    Long started = switch (status.state()) {
      case EpochState.ChangeDone d -> d.timeMs();
      case EpochState.ParamsSelected p -> p.timeMs();
      case EpochState.ChangeSync c -> null;
    };
    return new SystemInfoView(
        g.networkName(), s.network(), chain.height(), chain.timeMs(),
        new SystemInfoView.EpochInfo(status.epoch(), state, started, status.votingEndMs().orElse(null),
            status.epochChangeMs().orElse(null), g.epochDurationMs(), g.epochZeroDurationMs(), g.genesisTimeMs(),
            g.maxEpochsAhead()),
        new SystemInfoView.StorageInfo(nShards, committee.members().size(), s.system().totalCapacitySize(),
            s.system().usedCapacitySize()),
        new SystemInfoView.SizeInfo(UNIT_SIZE, maxBlobSize),
        new SystemInfoView.PriceInfo(s.system().storagePrice(), s.system().writePrice()),
        new SystemInfoView.LedgerInfo(g.transactionFee(), g.faucetEnabled(), g.faucetMaxPerRequest(),
            GenesisConfig.FROST_PER_WAL));
  }

  static StakingView staking(LedgerState s) {
    EpochStatus status = s.staking().epochStatus();
    Committee committee = s.staking().committee();
    java.util.Set<ObjectId> active = new java.util.HashSet<>();
    s.staking().activeSet().nodes().forEach(e -> active.add(e.nodeId()));
    List<StakingView.Pool> pools = s.staking().pools().stream().map(p -> new StakingView.Pool(
        p.pool().nodeId(), p.pool().info().name(), p.pool().info().networkAddress(),
        p.pool().info().networkPublicKey(), p.pool().commission().rate(),
        p.stake(), p.nextStake(), committee.indexOf(p.pool().nodeId()) >= 0, active.contains(p.pool().nodeId()),
        p.pool().votes().nodeCapacity()))
        .toList();
    return new StakingView(status.epoch(), epochStateName(status.state()), status.votingEndMs().orElse(null),
        status.epochChangeMs().orElse(null), status.nextCapacity().orElse(null),
        s.staking().activeSet().totalStake(), pools);
  }

  /** The whole pool (node info, votes, commission, accounting, exchange rates) as stored. */
  static tools.jackson.databind.JsonNode pool(LedgerState s, ObjectId nodeId) {
    PoolView pool = s.staking().pool(nodeId)
        .orElseThrow(() -> ApiException.notFound("POOL_NOT_FOUND", "no staking pool " + nodeId));
    return LedgerJson.mapper().valueToTree(pool);
  }

  /** What a StakedWal would pay (principal and rewards) if withdrawn at {@code epoch}. */
  static tools.jackson.databind.JsonNode stakeQuote(LedgerState s, ObjectId stakedWal, int epoch) {
    return LedgerJson.mapper().valueToTree(s.staking().quoteStake(stakedWal, epoch)
        .orElseThrow(() -> ApiException.notFound("STAKED_WAL_NOT_FOUND", "no StakedWal " + stakedWal)));
  }

  static String epochStateName(EpochState state) {
    return switch (state) {
      case EpochState.ChangeDone d -> "EpochChangeDone";
      case EpochState.ParamsSelected p -> "NextParamsSelected";
      case EpochState.ChangeSync c -> "EpochChangeSync";
    };
  }

  /** A committee with each member's node details and current stake from its staking pool. */
  static CommitteeView committee(LedgerState s, Committee c) {
    List<CommitteeView.Member> members = c.members().stream().map(m -> {
      Optional<PoolView> pool = s.staking().pool(m.nodeId());
      NodeInfo info = pool.map(p -> p.pool().info()).orElse(null);
      return new CommitteeView.Member(m.nodeId(), m.publicKey(), m.shards(), m.weight(),
          info == null ? null : info.name(), info == null ? null : info.networkAddress(),
          info == null ? null : info.networkPublicKey(), pool.map(PoolView::stake).orElse(null));
    }).toList();
    return new CommitteeView(c.epoch(), c.nShards(), members);
  }

  static AccountView account(LedgerState s, Address address, boolean withObjects) {
    Account a = s.services().accounts().get(address);
    List<ObjectView> objects = withObjects
        ? s.services().objects().ownedBy(address).stream().map(Views::object).toList()
        : List.of();
    return new AccountView(address, a.balance(), a.nextSequence(), objects);
  }

  static ObjectView object(LedgerObject o) {
    return new ObjectView(o.id(), o.getClass().getSimpleName(), o.owner().orElse(null),
        LedgerJson.mapper().valueToTree(o));
  }

  static ObjectView object(LedgerState s, ObjectId id) {
    LedgerObject o = s.services().objects().find(id);
    if (o == null) {
      throw ApiException.notFound("OBJECT_NOT_FOUND", "object " + id + " does not exist");
    }
    return object(o);
  }

  /** Blob objects (owned, or shared blobs wrapping one) with this blob ID, from the blob index. */
  static BlobObjectsView blob(LedgerState s, BlobId blobId) {
    return new BlobObjectsView(blobId, s.system().blobObjects(blobId).stream().map(Views::object).toList());
  }

  /** ledger.md §2.3: storage = epochs · price · units(encoded); write = price · units(encoded). */
  static CostQuoteView cost(LedgerState s, long size, int epochs) {
    int nShards = s.genesisConfig().nShards();
    EncodingConfig config = encoding(nShards);
    if (config == null) {
      throw new ApiException(400, "FAILED_PRECONDITION", "NO_ENCODING",
          "this network's " + nShards + " shards are too few for RS2 encoding");
    }
    if (size > config.maxBlobSize()) {
      throw ApiException.invalid("BLOB_TOO_LARGE", "size " + size + " exceeds the maximum blob size " + config.maxBlobSize());
    }
    long encoded = config.encodedLength(size);
    long units = (encoded + UNIT_SIZE - 1) / UNIT_SIZE;
    long storagePrice = s.system().storagePrice();
    long writePrice = s.system().writePrice();
    try {
      long storage = Math.multiplyExact(Math.multiplyExact(storagePrice, units), epochs);
      long write = Math.multiplyExact(writePrice, units);
      return new CostQuoteView(size, epochs, nShards, encoded, units, storagePrice, writePrice, storage, write,
          Math.addExact(storage, write));
    } catch (ArithmeticException e) {
      throw ApiException.invalid("COST_OVERFLOW", "the cost exceeds the largest amount of FROST (u64)");
    }
  }

  /** The RS2 parameters for {@code nShards}, or null if RS2 cannot encode for that many. */
  private static EncodingConfig encoding(int nShards) {
    return ENCODINGS.computeIfAbsent(nShards, n -> {
      try {
        return Optional.of(EncodingConfig.forShards(n));
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }).orElse(null);
  }
}
