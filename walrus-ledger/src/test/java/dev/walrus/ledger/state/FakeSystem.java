package dev.walrus.ledger.state;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A stand-in for the system rules in staking tests: one journaled reward pot, rewards the test
 * plans per node for the next epoch change, and a record of what staking told it (prices, the
 * capacity vote). Lets the pool arithmetic be tested with exact reward amounts, independently of
 * the storage accounting that decides them in the real system.
 */
public final class FakeSystem implements SystemApi {
  private final LedgerServices ledger;
  private final JournaledCell<Long> pot;
  private final Map<ObjectId, Long> plannedRewards = new HashMap<>();
  private long storagePrice;
  private long writePrice;
  private long lastCapacityVote = -1;
  private int lastNewEpoch = -1;

  FakeSystem(LedgerStore store, LedgerServices ledger) {
    this.ledger = ledger;
    this.pot = store.cell("fake_system.pot", Long.class);
  }

  @Override
  public void initGenesis() {
    pot.set(0L);
  }

  @Override
  public void depositToCurrentPot(long amount) {
    pot.set(Checked.add(pot.get(), amount));
  }

  /** Moves {@code amount} from {@code from}'s balance into the pot. */
  public void fund(Address from, long amount) {
    ledger.accounts().debit(from, amount);
    depositToCurrentPot(amount);
  }

  /** The reward {@code node} receives at the next epoch change (if in the old committee). */
  public void planReward(ObjectId node, long amount) {
    plannedRewards.put(node, amount);
  }

  @Override
  public SortedMap<ObjectId, Long> advanceEpoch(TxContext ctx, Committee oldCommittee, int newEpoch, long capacityVote) {
    lastCapacityVote = capacityVote;
    lastNewEpoch = newEpoch;
    TreeMap<ObjectId, Long> rewards = new TreeMap<>();
    for (Committee.Member m : oldCommittee.members()) {
      long r = plannedRewards.getOrDefault(m.nodeId(), 0L);
      pot.set(Checked.sub(pot.get(), r));
      rewards.put(m.nodeId(), r);
    }
    plannedRewards.clear();
    return rewards;
  }

  @Override
  public void setPrices(long storagePrice, long writePrice) {
    this.storagePrice = storagePrice;
    this.writePrice = writePrice;
  }

  @Override
  public long storagePrice() {
    return storagePrice;
  }

  @Override
  public long writePrice() {
    return writePrice;
  }

  public long lastCapacityVote() {
    return lastCapacityVote;
  }

  public int lastNewEpoch() {
    return lastNewEpoch;
  }

  @Override
  public long heldFrost() {
    return pot.get();
  }
}
