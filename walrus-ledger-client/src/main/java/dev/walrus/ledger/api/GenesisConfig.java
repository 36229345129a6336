package dev.walrus.ledger.api;

import dev.walrus.core.Address;
import dev.walrus.core.bcs.Bcs;
import dev.walrus.core.bcs.BcsRecords;
import dev.walrus.core.hash.Blake2b256;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Everything that fixes a network at its start; every replica must hold the same one. Its digest
 * identifies the network in every transaction.
 *
 * <p>The 5 000 000 000 WAL supply is minted at genesis: {@code allocations} to their owners and
 * the rest to {@code faucet}, which hands out WAL only when {@code faucetEnabled}.
 *
 * <p>{@code challenges}: the storage-challenge constants (spec/challenges.md); absent, the network
 * runs no challenges and pays rewards as Walrus does. A genesis without them has the same digest
 * as before they existed, so networks created earlier keep their identity.
 */
public record GenesisConfig(
    String networkName,
    long genesisTimeMs,
    @Bcs.U16 int nShards,
    long epochZeroDurationMs,
    long epochDurationMs,
    int maxEpochsAhead,
    @Bcs.U16 int maxActiveSetSize,
    long transactionFee,
    boolean faucetEnabled,
    long faucetMaxPerRequest,
    Address faucet,
    SortedMap<Address, Long> allocations,
    Optional<ChallengeConfig> challenges) {

  /** 5 000 000 000 WAL of 10^9 FROST. */
  public static final long TOTAL_SUPPLY = 5_000_000_000L * 1_000_000_000L;
  public static final long FROST_PER_WAL = 1_000_000_000L;

  public GenesisConfig {
    challenges = challenges == null ? Optional.empty() : challenges;
    if (nShards < 1 || nShards > 0xFFFF) {
      throw new IllegalArgumentException("nShards must be 1..65535, got " + nShards);
    }
    if (epochDurationMs <= 0 || epochZeroDurationMs < 0) {
      throw new IllegalArgumentException("epoch durations must be positive");
    }
    if (maxEpochsAhead <= 0 || maxEpochsAhead > 1000) {
      throw new IllegalArgumentException("maxEpochsAhead must be 1..1000 (EInvalidMaxEpochsAhead)");
    }
    if (maxActiveSetSize <= 0) {
      throw new IllegalArgumentException("maxActiveSetSize must be positive");
    }
    long allocated = 0;
    for (long a : allocations.values()) {
      if (a < 0) {
        throw new IllegalArgumentException("negative allocation");
      }
      allocated = Math.addExact(allocated, a);
    }
    if (allocated > TOTAL_SUPPLY || allocations.containsKey(faucet)) {
      throw new IllegalArgumentException("allocations exceed the supply or include the faucet");
    }
  }

  /** A network without storage challenges. */
  public GenesisConfig(String networkName, long genesisTimeMs, int nShards, long epochZeroDurationMs,
      long epochDurationMs, int maxEpochsAhead, int maxActiveSetSize, long transactionFee, boolean faucetEnabled,
      long faucetMaxPerRequest, Address faucet, SortedMap<Address, Long> allocations) {
    this(networkName, genesisTimeMs, nShards, epochZeroDurationMs, epochDurationMs, maxEpochsAhead, maxActiveSetSize,
        transactionFee, faucetEnabled, faucetMaxPerRequest, faucet, allocations, Optional.empty());
  }

  /** The same network with storage challenges configured. */
  public GenesisConfig withChallenges(ChallengeConfig config) {
    return new GenesisConfig(networkName, genesisTimeMs, nShards, epochZeroDurationMs, epochDurationMs, maxEpochsAhead,
        maxActiveSetSize, transactionFee, faucetEnabled, faucetMaxPerRequest, faucet, allocations,
        Optional.of(config));
  }

  /** What the faucet receives: the supply not allocated to anyone else. */
  public long faucetBalance() {
    return TOTAL_SUPPLY - allocations.values().stream().mapToLong(Long::longValue).sum();
  }

  /** BCS; without challenges exactly the encoding of the fields that existed before them. */
  public byte[] toBcs() {
    if (challenges.isEmpty()) {
      return BcsRecords.encode(WithoutChallenges.class, new WithoutChallenges(networkName, genesisTimeMs, nShards,
          epochZeroDurationMs, epochDurationMs, maxEpochsAhead, maxActiveSetSize, transactionFee, faucetEnabled,
          faucetMaxPerRequest, faucet, allocations));
    }
    return BcsRecords.encode(GenesisConfig.class, this);
  }

  private record WithoutChallenges(
      String networkName, long genesisTimeMs, @Bcs.U16 int nShards, long epochZeroDurationMs, long epochDurationMs,
      int maxEpochsAhead, @Bcs.U16 int maxActiveSetSize, long transactionFee, boolean faucetEnabled,
      long faucetMaxPerRequest, Address faucet, SortedMap<Address, Long> allocations) {}

  /** BLAKE2b-256 of the BCS bytes: the network's identity. */
  public byte[] digest() {
    return Blake2b256.digest(toBcs());
  }
}
