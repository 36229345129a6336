package dev.walrus.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPrivateKey;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.messages.ProofOfPossession;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.objects.LedgerObject;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * WAL is conserved over random transaction sequences of the whole ledger (real staking and system
 * rules): balances + staked principals + pools + system pots and funds + burnt = the supply after
 * every block, however the operations succeed or abort and however many epochs pass. The
 * incremental state digest also matches a full recomputation, and a snapshot restores the state.
 */
class ConservationTest {
  private static final long WAL = GenesisConfig.FROST_PER_WAL;

  @Test
  void walIsConservedOverRandomSequences() {
    qt().withExamples(12).forAll(longs().all()).checkAssert(seed -> run(new Random(seed), null));
  }

  /**
   * The same with storage challenges (spec/challenges.md): acks, forced seeds, random reports that
   * fail random shards, recovery requests, penalty votes; certified blobs to challenge; penalties
   * collected from rewards, commission and stake, slashed stake withdrawn and burned.
   */
  @Test
  void walIsConservedWithChallenges() {
    ChallengeMoves.Tally tally = new ChallengeMoves.Tally();
    qt().withExamples(8).forAll(longs().all()).checkAssert(seed -> run(new Random(seed), tally));
    tally.assertExercised();
  }

  private void run(Random random, ChallengeMoves.Tally tally) {
    boolean challenges = tally != null;
    List<Ed25519KeyPair> accounts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      accounts.add(LedgerTestNetwork.key(40 + i));
    }
    // The initial stake comes from an account outside the random actors, so a committee forms and
    // epochs turn over while the actors stake, withdraw, reserve and pay around it.
    Ed25519KeyPair whale = LedgerTestNetwork.key(60);
    List<Ed25519KeyPair> funded = new ArrayList<>(accounts);
    funded.add(whale);
    LedgerTestNetwork net = challenges
        ? new LedgerTestNetwork(new LedgerTestNetwork(10, 30_000, funded.toArray(Ed25519KeyPair[]::new)).genesis
            .withChallenges(ChallengeMoves.config()))
        : new LedgerTestNetwork(10, 30_000, funded.toArray(Ed25519KeyPair[]::new));
    List<ObjectId> nodes = new ArrayList<>();
    List<ObjectId> caps = new ArrayList<>();
    List<Ed25519KeyPair> operators = new ArrayList<>();
    // Four nodes registered and staked up front, so the ledger soon has a committee.
    for (int i = 0; i < 4; i++) {
      Ed25519KeyPair op = accounts.get(i);
      BlsKeyPair bls = BlsKeyPair.of(BlsPrivateKey.fromSeed(ByteBuffer.allocate(32).putInt(i + 1).array()));
      byte[] networkKey = new byte[33];
      networkKey[0] = 3;
      TransactionEffects e = net.run(op, new Operation.RegisterCandidate("n" + i, "127.0.0.1:1", bls.publicKey(),
          networkKey, ProofOfPossession.create(bls, 0, op.publicKey().toAddress()), random.nextInt(10_001),
          1 + random.nextInt(1000), random.nextInt(100), 1L << 40));
      assertThat(e.succeeded()).isTrue();
      nodes.add(e.created().get(0));
      caps.add(e.created().get(1));
      operators.add(op);
      net.run(whale, new Operation.StakeWithPool(nodes.get(i), (1 + random.nextInt(100)) * WAL));
    }
    ChallengeMoves moves = challenges ? new ChallengeMoves(net, accounts.get(5), nodes, caps, operators, tally) : null;
    for (int step = 0; step < 150; step++) {
      List<SignedTransaction> block = new ArrayList<>();
      for (int t = random.nextInt(4); t > 0; t--) {
        Ed25519KeyPair who = accounts.get(random.nextInt(accounts.size()));
        block.add(net.tx(who, randomOperation(random, net, who, nodes, caps, operators)));
      }
      if (challenges) {
        moves.addTo(block, random);
      }
      // With challenges, shorter steps so blocks land inside the windows of short epochs.
      BlockResult result = net.block(1 + random.nextInt(challenges ? 3_000 : 8_000), block);
      if (challenges) {
        moves.saw(result);
      }
      for (TransactionEffects e : result.effects()) {
        assertThat(e.status()).as(String.valueOf(e.rejection())).isNotEqualTo(TransactionEffects.Status.REJECTED);
      }
      assertThat(net.state.totalFrost()).as("step %d", step).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
      reportSync(net, nodes, caps, operators);
    }
    assertThat(net.state.staking().epoch()).as("epochs must turn over").isGreaterThan(2);
    assertThat(net.state.stateDigest()).isEqualTo(net.state.store().recomputeDigest());
    LedgerState restored = LedgerState.fromSnapshot(net.genesis, net.state.snapshot());
    assertThat(restored.stateDigest()).isEqualTo(net.state.stateDigest());
    assertThat(restored.totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
  }

  /** What real nodes do during an epoch change: every committee member reports its sync done. */
  private static void reportSync(
      LedgerTestNetwork net, List<ObjectId> nodes, List<ObjectId> caps, List<Ed25519KeyPair> operators) {
    if (!(net.state.staking().epochStatus().state() instanceof dev.walrus.ledger.state.staking.EpochState.ChangeSync)) {
      return;
    }
    int epoch = net.state.staking().epoch();
    List<SignedTransaction> syncs = new ArrayList<>();
    for (Committee.Member m : net.state.staking().committee().members()) {
      int i = nodes.indexOf(m.nodeId());
      syncs.add(net.tx(operators.get(i), new Operation.EpochSyncDone(caps.get(i), epoch)));
    }
    net.block(1, syncs);
    assertThat(net.state.totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
  }

  private static Operation randomOperation(
      Random random, LedgerTestNetwork net, Ed25519KeyPair who, List<ObjectId> nodes, List<ObjectId> caps,
      List<Ed25519KeyPair> operators) {
    List<LedgerObject> owned = net.state.services().objects().ownedBy(who.publicKey().toAddress());
    ObjectId anyOwned = owned.isEmpty() ? ObjectId.of(new byte[32]) : owned.get(random.nextInt(owned.size())).id();
    ObjectId node = nodes.get(random.nextInt(nodes.size()));
    int epoch = net.state.staking().epoch();
    int mine = operators.indexOf(who);
    ObjectId cap = mine >= 0 ? caps.get(mine) : caps.get(0);
    return switch (random.nextInt(16)) {
      case 0 -> new Operation.Transfer(LedgerTestNetwork.key(40 + random.nextInt(8)).publicKey().toAddress(),
          1 + random.nextInt(1_000_000));
      case 1 -> new Operation.StakeWithPool(node, random.nextInt(3) * WAL + random.nextInt(1000));
      case 2 -> new Operation.RequestWithdrawStake(anyOwned);
      case 3 -> new Operation.WithdrawStake(anyOwned);
      case 4 -> new Operation.ReserveSpace(1 + random.nextInt(20_000_000), 1 + random.nextInt(5));
      case 5 -> new Operation.RegisterBlob(anyOwned, BlobId.of(new byte[32]), new byte[32], random.nextInt(1000), 1, true);
      case 6 -> new Operation.SplitStorageBySize(anyOwned, random.nextInt(1_000_000));
      case 7 -> new Operation.DeleteBlob(anyOwned);
      case 8 -> new Operation.EpochSyncDone(cap, epoch);
      case 9 -> new Operation.CollectCommission(node);
      case 10 -> new Operation.AddSubsidy(random.nextInt(1000), 1 + random.nextInt(3));
      case 11 -> new Operation.SetNextCommission(cap, random.nextInt(10_001));
      case 12 -> new Operation.SplitStakedWal(anyOwned, random.nextInt(2) * WAL + random.nextInt(WAL_INT));
      case 13 -> new Operation.VoteForSlashing(cap.equals(caps.get(0)) ? nodes.get(0) : node, nodes.get(0));
      case 14 -> new Operation.ExecuteSlashing(nodes.get(random.nextInt(nodes.size())));
      default -> new Operation.RequestFaucet(1 + random.nextInt(1000));
    };
  }

  private static final int WAL_INT = 1_000_000_000;
}
