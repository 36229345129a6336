package dev.walrus.ledger.state.challenge;

import dev.walrus.core.challenge.ChallengeReport;
import dev.walrus.core.challenge.ReportEntry;
import dev.walrus.core.challenge.SignedChallenge;
import dev.walrus.ledger.api.ChallengeConfig;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.PenaltyParams;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.LedgerTestNetwork;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad challenge transactions one by one: each aborts with the spec's code (§7.2) and leaves the
 * state as a transaction that does nothing would.
 */
class ChallengeBadInputTest {

  @Test
  void acks() {
    ChallengeNetwork n = ChallengeCycleTest.network();
    n.aborts(n.operators.get(0), n.ack(0), ChallengeErrors.WRONG_TIME);
    n.tickTo(n.timing().tOpen());
    Operation.ChallengeAck good = n.ack(0);
    n.aborts(n.operators.get(0), new Operation.ChallengeAck(good.nodeCap(), n.epoch() + 1, good.beaconSignature()),
        ChallengeErrors.WRONG_EPOCH);
    n.aborts(n.operators.get(0), new Operation.ChallengeAck(good.nodeCap(), n.epoch(), n.ack(1).beaconSignature()),
        ChallengeErrors.BAD_SIGNATURE);
    n.ok(n.operators.get(0), good);
    n.aborts(n.operators.get(0), n.ack(0), ChallengeErrors.DUPLICATE_ACK);
  }

  @Test
  void ackFromANodeOutsideTheCommittee() {
    ChallengeNetwork n = new ChallengeNetwork(16, ChallengeConfig.testNet(), 1000, 1000, 1000, 1000, 0);
    // Node 4 registered without stake: not in the committee.
    n.nextEpoch();
    n.tickTo(n.timing().tOpen());
    n.aborts(n.operators.get(4), n.ack(4), ChallengeErrors.NOT_MEMBER);
  }

  @Test
  void forceSeed() {
    ChallengeNetwork n = ChallengeCycleTest.network();
    n.tickTo(n.timing().tOpen());
    n.aborts(n.client, new Operation.ChallengeForceSeed(n.epoch()), ChallengeErrors.WRONG_TIME);
    n.aborts(n.client, new Operation.ChallengeForceSeed(n.epoch() - 1), ChallengeErrors.WRONG_EPOCH);
    n.ackAll(n.all());
    n.tickTo(n.timing().ackDeadline());
    n.aborts(n.client, new Operation.ChallengeForceSeed(n.epoch()), ChallengeErrors.WRONG_TIME);
  }

  @Test
  void reports() {
    ChallengeNetwork n = ChallengeCycleTest.network();
    Operation.ChallengeSubmitReport early = new Operation.ChallengeSubmitReport(n.epoch(),
        new ChallengeReport(n.epoch(), n.nodes.get(0), new byte[32], new byte[32], List.of()).toBcs(),
        n.keys.get(0).sign(new byte[0]));
    n.aborts(n.client, early, ChallengeErrors.NOT_SEEDED);
    n.ackAll(n.all());
    Operation.ChallengeSubmitReport good = n.report(0, n.honestEntries(0, Map.of()));
    n.aborts(n.client, good, ChallengeErrors.REPORT_WINDOW);
    n.tickTo(n.timing().tClose());
    n.aborts(n.client, new Operation.ChallengeSubmitReport(n.epoch(), new byte[] {1, 2, 3}, good.signature()),
        ChallengeErrors.MALFORMED);
    n.aborts(n.client, new Operation.ChallengeSubmitReport(n.epoch() + 1, good.report(), good.signature()),
        ChallengeErrors.WRONG_EPOCH);
    n.aborts(n.client, new Operation.ChallengeSubmitReport(n.epoch(), good.report(), n.keys.get(1).sign(good.report())),
        ChallengeErrors.BAD_SIGNATURE);
    ChallengeReport wrongSeed = new ChallengeReport(n.epoch(), n.nodes.get(0), new byte[32],
        n.current().setDigest().orElseThrow(), List.of());
    n.aborts(n.client, signed(n, 0, wrongSeed), ChallengeErrors.SEED_MISMATCH);
    // Not a member: a report signed by a key of the right shape for an unknown node ID.
    ChallengeReport stranger = new ChallengeReport(n.epoch(), dev.walrus.core.ObjectId.of(new byte[32]),
        n.current().seed().orElseThrow(), n.current().setDigest().orElseThrow(), List.of());
    n.aborts(n.client, signed(n, 0, stranger), ChallengeErrors.NOT_MEMBER);
    List<ReportEntry> entries = n.honestEntries(0, Map.of());
    List<ReportEntry> reversed = new ArrayList<>(entries);
    java.util.Collections.reverse(reversed);
    n.aborts(n.client, n.report(0, reversed), ChallengeErrors.MALFORMED);
    ReportEntry first = entries.get(0);
    n.aborts(n.client, n.report(0, List.of(new ReportEntry(first.target(), ReportEntry.ISSUED, first.nItems() + 1, 0,
        0, 0, List.of()))), ChallengeErrors.MALFORMED);
    n.aborts(n.client, n.report(0, List.of(new ReportEntry(first.target(), ReportEntry.UNREACHABLE, first.nItems(), 0,
        0, 0, List.of()))), ChallengeErrors.MALFORMED);
    int foreignShard = ChallengeCycleTest.shards(n, 0).get(0);
    n.aborts(n.client, n.report(0, List.of(new ReportEntry(first.target(), ReportEntry.ISSUED, first.nItems(), 0, 0, 0,
        List.of(foreignShard)))), ChallengeErrors.MALFORMED);
    n.aborts(n.client, n.report(0, List.of(new ReportEntry(n.nodes.get(0), ReportEntry.ISSUED, 1, 0, 0, 0,
        List.of()))), ChallengeErrors.MALFORMED);
    n.ok(n.client, good);
    n.aborts(n.client, good, ChallengeErrors.DUPLICATE_REPORT);
    n.tickTo(n.timing().reportDeadline() + 1);
    n.aborts(n.client, n.report(1, n.honestEntries(1, Map.of())), ChallengeErrors.REPORT_WINDOW);
  }

  @Test
  void recoveryRequestsAndSyncDone() {
    ChallengeNetwork n = ChallengeCycleTest.network();
    int foreign = ChallengeCycleTest.shards(n, 1).get(0);
    n.aborts(n.operators.get(0), new Operation.ShardRequestRecovery(n.caps.get(0), List.of(foreign)),
        ChallengeErrors.MALFORMED);
    n.aborts(n.operators.get(0), new Operation.ShardRequestRecovery(n.caps.get(0), List.of()), ChallengeErrors.MALFORMED);
    int own = ChallengeCycleTest.shards(n, 0).get(0);
    n.aborts(n.operators.get(0), new Operation.ShardRequestRecovery(n.caps.get(0), List.of(own, own)),
        ChallengeErrors.MALFORMED);
  }

  @Test
  void penaltyGovernance() {
    ChallengeNetwork n = ChallengeCycleTest.network();
    n.aborts(n.operators.get(0), new Operation.PenaltyPropose(n.caps.get(0), new PenaltyParams(100, 200, 300, 1, 0)),
        ChallengeErrors.PENALTY_CONSTRAINTS);
    n.aborts(n.operators.get(0), new Operation.PenaltyPropose(n.caps.get(0), new PenaltyParams(300, 200, 100, 1, 0)),
        ChallengeErrors.PENALTY_CONSTRAINTS);
    n.aborts(n.operators.get(0), new Operation.PenaltyPropose(n.caps.get(0), new PenaltyParams(300, 200, 300, 0, 0)),
        ChallengeErrors.PENALTY_CONSTRAINTS);
    n.aborts(n.operators.get(0), new Operation.PenaltyVote(n.caps.get(0), Optional.of(new byte[32])),
        ChallengeErrors.MALFORMED);
    n.tickTo(n.state().staking().epochStatus().votingEndMs().orElseThrow());
    n.aborts(n.operators.get(0), new Operation.PenaltyVote(n.caps.get(0), Optional.empty()), ChallengeErrors.WRONG_TIME);
  }

  @Test
  void aNetworkWithoutChallengesRefusesTheirOperations() {
    LedgerTestNetwork net = new LedgerTestNetwork(10, 30_000, LedgerTestNetwork.key(1));
    TransactionEffects e = net.run(LedgerTestNetwork.key(1), new Operation.ChallengeForceSeed(0));
    assertThat(e.abort().code()).isEqualTo(ChallengeErrors.DISABLED);
    assertThat(net.state.totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
  }

  static Operation.ChallengeSubmitReport signed(ChallengeNetwork n, int signer, ChallengeReport r) {
    SignedChallenge s = SignedChallenge.sign(n.keys.get(signer), r);
    return new Operation.ChallengeSubmitReport(n.epoch(), s.message(), s.signature());
  }

}
