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
import dev.walrus.ledger.api.SystemInfoView;
import dev.walrus.ledger.state.Account;
import dev.walrus.ledger.state.ChainInfo;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.LedgerState;
import dev.walrus.ledger.state.objects.BlobObject;
import dev.walrus.ledger.state.objects.LedgerObject;
import dev.walrus.ledger.state.objects.SharedBlobObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON views of the ledger state, built under the state's read lock. Everything here reads
 * the state's public read methods; values the rules do not expose yet (epoch state, capacity,
 * node details, stake) are left absent rather than guessed, and appear once the system and
 * staking modules offer them.
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
    return new SystemInfoView(
        g.networkName(), s.network(), chain.height(), chain.timeMs(),
        new SystemInfoView.EpochInfo(s.staking().epoch(), null, null, g.epochDurationMs(), g.epochZeroDurationMs(),
            g.genesisTimeMs(), g.maxEpochsAhead()),
        new SystemInfoView.StorageInfo(nShards, committee.members().size(), null, null),
        new SystemInfoView.SizeInfo(UNIT_SIZE, maxBlobSize),
        new SystemInfoView.PriceInfo(s.system().storagePrice(), s.system().writePrice()),
        new SystemInfoView.LedgerInfo(g.transactionFee(), g.faucetEnabled(), g.faucetMaxPerRequest(),
            GenesisConfig.FROST_PER_WAL));
  }

  static CommitteeView committee(Committee c) {
    List<CommitteeView.Member> members = c.members().stream()
        .map(m -> new CommitteeView.Member(m.nodeId(), m.publicKey(), m.shards(), m.weight(), null, null, null, null))
        .toList();
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

  /**
   * Blob objects (owned or inside a shared blob) with this blob ID. The object table has no
   * index by blob ID, so this scans it; fine while blob counts are small.
   */
  static BlobObjectsView blob(LedgerState s, BlobId blobId) {
    List<ObjectView> out = new ArrayList<>();
    for (LedgerObject o : s.services().objects().table().view().values()) {
      BlobObject b = o instanceof BlobObject bo ? bo : o instanceof SharedBlobObject sb ? sb.blob() : null;
      if (b != null && b.blobId().equals(blobId)) {
        out.add(object(o));
      }
    }
    return new BlobObjectsView(blobId, out);
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
