package dev.walrus.ledger.state.staking;

/**
 * The Move modules and abort codes of ledger.md §9.3 that the staking rules raise. Failures carry
 * Walrus's own module name and code so a rejected call can be cross-checked against the Move
 * contracts; the names are collected here so no rule spells one differently.
 */
public final class StakingErrors {
  private StakingErrors() {}

  public static final String STAKING_POOL = "staking_pool";
  public static final int POOL_ALREADY_UPDATED = 0;
  public static final int CALCULATION_ERROR = 1;
  public static final int INCORRECT_EPOCH_ADVANCE = 2;
  public static final int INVALID_PROOF_OF_POSSESSION = 4;
  public static final int ZERO_STAKE = 7;
  public static final int NOT_STAKED = 8;
  public static final int NOT_WITHDRAWING = 10;
  public static final int WITHDRAW_EPOCH_NOT_REACHED = 11;
  public static final int ACTIVATION_EPOCH_NOT_REACHED = 12;
  public static final int WITHDRAW_DIRECTLY = 13;
  public static final int INCORRECT_COMMISSION_RATE = 14;
  public static final int AUTHORIZATION_FAILURE = 15;
  public static final int INVALID_NETWORK_ADDRESS_LENGTH = 16;
  public static final int INVALID_NAME_LENGTH = 17;
  public static final int ZERO_SHARES = 18;

  public static final String STAKING_INNER = "staking_inner";
  public static final int WRONG_EPOCH_STATE = 0;
  public static final int INVALID_SYNC_EPOCH = 1;
  public static final int DUPLICATE_SYNC_DONE = 2;
  public static final int NO_STAKE = 3;
  public static final int NOT_IN_COMMITTEE = 4;
  public static final int COMMITTEE_SELECTED = 5;
  public static final int NEXT_COMMITTEE_IS_EMPTY = 6;
  public static final int ZERO_NODE_WEIGHT = 9;
  /** walrus-java: the node is jailed for failing storage challenges (spec/challenges.md §8.4). */
  public static final int NODE_JAILED = 100;

  public static final String STAKED_WAL = "staked_wal";
  public static final int METADATA_MISMATCH = 1;
  public static final int INVALID_AMOUNT = 2;
  public static final int STAKE_BELOW_THRESHOLD = 7;

  public static final String EXCHANGE_RATE = "pool_exchange_rate";
  public static final int INVALID_RATE = 0;

  public static final String PENDING_VALUES = "pending_values";
  public static final int MISSING_EPOCH_VALUE = 0;
  public static final int REDUCE_VALUE_TOO_LARGE = 1;

  public static final String ACTIVE_SET = "active_set";
  public static final int ZERO_MAX_SIZE = 0;

  public static final String COMMITTEE = "committee";
  public static final int INVALID_SHARD_ASSIGNMENT = 0;

  public static final String APPORTIONMENT_QUEUE = "apportionment_queue";
  public static final int POP_FROM_EMPTY_HEAP = 0;

  public static final String STORAGE_NODE = "storage_node";
  public static final int INVALID_NETWORK_PUBLIC_KEY = 0;

  public static final String SLASHING = "slashing";
  public static final int NOT_AUTHORIZED = 0;
  public static final int DUPLICATE_VOTE = 1;
  public static final int NO_PROPOSAL_FOR_NODE = 2;
  public static final int WRONG_EPOCH = 3;
  public static final int NOT_ENOUGH_VOTES = 4;

  /** Sui's object tables: a missing key (an unknown node ID) or a key added twice. */
  public static final String DYNAMIC_FIELD = "dynamic_field";
  public static final int ALREADY_EXISTS = 0;
  public static final int DOES_NOT_EXIST = 1;
}
