package dev.walrus.ledger.state.objects;

import dev.walrus.core.Address;
import dev.walrus.core.ObjectId;
import dev.walrus.core.bcs.Bcs;
import java.util.Optional;

/**
 * {@code StakedWal}: {@code principal} FROST staked with pool {@code nodeId}, active from {@code
 * activationEpoch}; {@code withdrawEpoch} is present once a withdrawal was requested (state
 * {@code Withdrawing}), empty while {@code Staked}. The principal lives here, not in the pool.
 */
@Bcs.Variant(3)
public record StakedWal(
    ObjectId id, Address ownerAddress, ObjectId nodeId, long principal, int activationEpoch, Optional<Integer> withdrawEpoch)
    implements LedgerObject {

  @Override
  public Optional<Address> owner() {
    return Optional.of(ownerAddress);
  }

  @Override
  public StakedWal withOwner(Address owner) {
    return new StakedWal(id, owner, nodeId, principal, activationEpoch, withdrawEpoch);
  }

  public boolean isWithdrawing() {
    return withdrawEpoch.isPresent();
  }
}
