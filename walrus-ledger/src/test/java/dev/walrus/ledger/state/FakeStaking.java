package dev.walrus.ledger.state;

/**
 * A staking module whose epoch and committees a test sets by hand, so the system rules can be
 * exercised in any epoch with any committee independently of the staking rules.
 */
public final class FakeStaking implements StakingApi {
  private int epoch;
  private Committee committee = Committee.empty(0);
  private Committee previous = Committee.empty(0);

  @Override
  public void initGenesis() {}

  @Override
  public int epoch() {
    return epoch;
  }

  @Override
  public Committee committee() {
    return committee;
  }

  @Override
  public Committee previousCommittee() {
    return previous;
  }

  /** Moves to {@code epoch} with {@code committee}; the current one becomes the previous. */
  public void enter(int epoch, Committee committee) {
    this.previous = this.committee;
    this.epoch = epoch;
    this.committee = committee;
  }

  @Override
  public void onBlockStart(TxContext ctx) {}

  @Override
  public long heldFrost() {
    return 0;
  }
}
