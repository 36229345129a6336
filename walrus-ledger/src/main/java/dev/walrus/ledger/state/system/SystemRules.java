package dev.walrus.ledger.state.system;

import dev.walrus.core.ObjectId;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.Committee;
import dev.walrus.ledger.state.LedgerServices;
import dev.walrus.ledger.state.RuleModule;
import dev.walrus.ledger.state.SystemApi;
import dev.walrus.ledger.state.TxContext;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** PLACEHOLDER being replaced by the storage/blob rules (issue 3 work in progress). */
public final class SystemRules implements SystemApi, RuleModule {
  private final LedgerServices ledger;

  public SystemRules(LedgerServices ledger) {
    this.ledger = ledger;
  }

  @Override
  public Set<Class<? extends Operation>> operations() {
    return Set.of(
        Operation.ReserveSpace.class, Operation.ReserveSpaceForEpochs.class, Operation.SplitStorageByEpoch.class,
        Operation.SplitStorageBySize.class, Operation.FuseStorage.class, Operation.DestroyStorage.class,
        Operation.AddSubsidy.class, Operation.RegisterBlob.class, Operation.CertifyBlob.class,
        Operation.ExtendBlob.class, Operation.ExtendBlobWithResource.class, Operation.DeleteBlob.class,
        Operation.BurnBlob.class, Operation.InvalidateBlobId.class, Operation.SetBlobAttribute.class,
        Operation.RemoveBlobAttribute.class, Operation.ShareBlob.class, Operation.FundSharedBlob.class,
        Operation.ExtendSharedBlob.class);
  }

  @Override
  public void execute(TxContext ctx, Operation operation) {
    throw new Abort("system", 255, "not implemented yet");
  }

  @Override
  public void initGenesis() {}

  @Override
  public void depositToCurrentPot(long amount) {}

  @Override
  public SortedMap<ObjectId, Long> advanceEpoch(TxContext ctx, Committee oldCommittee, int newEpoch, long capacityVote) {
    return new TreeMap<>();
  }

  @Override
  public void setPrices(long storagePrice, long writePrice) {}

  @Override
  public long storagePrice() {
    return 0;
  }

  @Override
  public long writePrice() {
    return 0;
  }

  @Override
  public long heldFrost() {
    return 0;
  }
}
