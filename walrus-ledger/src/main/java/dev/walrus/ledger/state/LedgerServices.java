package dev.walrus.ledger.state;

import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.state.objects.ObjectStore;

/**
 * How the rule modules reach each other and the shared tables. The system and staking modules
 * depend on each other (certificates need the committee, epoch changes need the reward pots), so
 * they are wired through this holder after construction rather than through constructors.
 */
public final class LedgerServices {
  private final GenesisConfig genesis;
  private final LedgerStore store;
  private final Accounts accounts;
  private final ObjectStore objects;
  private final Treasury treasury;
  private SystemApi system;
  private StakingApi staking;
  private ChallengeApi challenges = ChallengeApi.DISABLED;

  LedgerServices(GenesisConfig genesis, LedgerStore store) {
    this.genesis = genesis;
    this.store = store;
    this.accounts = new Accounts(store);
    this.objects = new ObjectStore(store);
    this.treasury = new Treasury(store);
  }

  void wire(SystemApi system, StakingApi staking) {
    this.system = system;
    this.staking = staking;
  }

  /** Wires the storage-challenge module; without it the ledger runs none. */
  void wireChallenges(ChallengeApi challenges) {
    this.challenges = challenges;
  }

  public ChallengeApi challenges() {
    return challenges;
  }

  public GenesisConfig genesis() {
    return genesis;
  }

  public LedgerStore store() {
    return store;
  }

  public Accounts accounts() {
    return accounts;
  }

  public ObjectStore objects() {
    return objects;
  }

  public Treasury treasury() {
    return treasury;
  }

  public SystemApi system() {
    return system;
  }

  public StakingApi staking() {
    return staking;
  }

  /** The current epoch (shorthand for {@code staking().epoch()}). */
  public int epoch() {
    return staking.epoch();
  }
}
