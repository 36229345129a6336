package dev.walrus.ledger.state;

/** What the rest of the ledger uses of the staking object (epochs and committees). */
public interface StakingApi {

  /** Creates the genesis state of this module (called once, before the first block). */
  void initGenesis();

  /** The current epoch. */
  int epoch();

  /** The current committee; empty in epoch 0. */
  Committee committee();

  /** The previous epoch's committee (read committee during an epoch change). */
  Committee previousCommittee();

  /**
   * Runs {@code voting_end} and {@code initiate_epoch_change} when the ledger clock says they are
   * due; called at the start of every block so epochs advance with time, not by hand.
   */
  void onBlockStart(TxContext ctx);

  /** FROST held by staking: every pool's rewards and commission balances. */
  long heldFrost();
}
