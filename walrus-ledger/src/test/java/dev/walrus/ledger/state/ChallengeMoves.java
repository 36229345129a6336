package dev.walrus.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.BlobId;
import dev.walrus.core.ObjectId;
import dev.walrus.core.challenge.BeaconMessage;
import dev.walrus.core.challenge.ChallengeReport;
import dev.walrus.core.challenge.ReportEntry;
import dev.walrus.core.challenge.SignedChallenge;
import dev.walrus.core.crypto.BlsKeyPair;
import dev.walrus.core.crypto.BlsPrivateKey;
import dev.walrus.core.crypto.BlsSignature;
import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.core.encoding.BlobMetadata;
import dev.walrus.core.encoding.EncodingType;
import dev.walrus.core.hash.Blake2b256;
import dev.walrus.core.hash.Node;
import dev.walrus.core.messages.BlobPersistence;
import dev.walrus.core.messages.ProtocolMessageCertificate;
import dev.walrus.core.messages.StorageConfirmation;
import dev.walrus.ledger.api.ChallengeConfig;
import dev.walrus.ledger.api.EventEnvelope;
import dev.walrus.ledger.api.LedgerEvent;
import dev.walrus.ledger.api.ObjectIds;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.PenaltyParams;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.state.challenge.ChallengeEpoch;
import dev.walrus.ledger.state.challenge.ChallengeRules;
import dev.walrus.ledger.state.challenge.ChallengeStatus;
import dev.walrus.ledger.state.challenge.ChallengeTiming;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Random storage-challenge transactions for {@link ConservationTest}: certified blobs to
 * challenge, acks (some with bad signatures), forced seeds, reports that fail random shards,
 * recovery requests and penalty votes — whatever the state allows, so that rewards are withheld
 * and penalties collected from every source while WAL must stay conserved.
 */
final class ChallengeMoves {
  private final LedgerTestNetwork net;
  private final Ed25519KeyPair client;
  private final List<ObjectId> nodes;
  private final List<ObjectId> caps;
  private final List<Ed25519KeyPair> operators;
  private final List<BlsKeyPair> keys = new ArrayList<>();
  private final Tally tally;
  private int blobs;

  /** What the runs of one property exercised, summed over its examples. */
  static final class Tally {
    private int seeded;
    private int penalties;
    private int failures;
    private int reports;
    private int results;

    /** Random runs may miss some; over all of them each must have happened, or they proved little. */
    void assertExercised() {
      assertThat(seeded).as("epochs seeded").isPositive();
      assertThat(reports).as("reports accepted").isPositive();
      assertThat(results).as("verdicts").isPositive();
      assertThat(failures).as("verdicts with failed shards").isPositive();
      assertThat(penalties).as("penalties collected").isPositive();
    }
  }

  ChallengeMoves(LedgerTestNetwork net, Ed25519KeyPair client, List<ObjectId> nodes, List<ObjectId> caps,
      List<Ed25519KeyPair> operators, Tally tally) {
    this.net = net;
    this.tally = tally;
    this.client = client;
    this.nodes = nodes;
    this.caps = caps;
    this.operators = operators;
    for (int i = 0; i < nodes.size(); i++) {
      keys.add(BlsKeyPair.of(BlsPrivateKey.fromSeed(ByteBuffer.allocate(32).putInt(i + 1).array())));
    }
  }

  /** Short epochs' windows and a penalty floor, so penalties bite even while pots are small. */
  static ChallengeConfig config() {
    ChallengeConfig t = ChallengeConfig.testNet();
    return new ChallengeConfig(t.openBp(), t.windowBp(), t.windowMaxMs(), t.ackTimeoutBp(), t.ackTimeoutCapMs(),
        t.reportDeadlineBp(), t.kMin(), t.kMax(), t.tauMin(), t.maxStakeSlashBp(), t.redemptionFloorBp(),
        t.debtInterestBp(), 3, 1, t.penaltySource(), new PenaltyParams(10_000, 1_000, 20_000, 5_000, 3_000_000_000L));
  }

  void addTo(List<SignedTransaction> block, Random random) {
    LedgerState s = net.state;
    ChallengeRules rules = s.challenges().orElseThrow();
    Committee c = s.staking().committee();
    if (c.isEmpty()) {
      return;
    }
    int e = s.staking().epoch();
    if (random.nextInt(6) == 0 && s.system().storagePrice() < Long.MAX_VALUE / 2) {
      storeBlob(block, c);
    }
    Optional<ChallengeTiming> timing = rules.timing();
    ChallengeEpoch rec = rules.epoch(e).orElse(null);
    if (timing.isEmpty() || rec == null) {
      return;
    }
    long now = net.now();
    int member = nodes.indexOf(c.members().get(random.nextInt(c.members().size())).nodeId());
    if (now >= timing.get().tOpen() && random.nextInt(2) == 0) {
      byte[] message = new BeaconMessage(e, nodes.get(member)).toBcs();
      BlsSignature sig = random.nextInt(8) == 0 ? keys.get((member + 1) % keys.size()).sign(message) : keys.get(member).sign(message);
      block.add(net.tx(operators.get(member), new Operation.ChallengeAck(caps.get(member), e, sig)));
    }
    if (rec.status() == ChallengeStatus.PENDING && now >= timing.get().ackDeadline()) {
      block.add(net.tx(client, new Operation.ChallengeForceSeed(e)));
    }
    if (rec.status() == ChallengeStatus.SEEDED && now >= timing.get().tClose()) {
      // Most members report (a few stay silent); repeats abort as duplicates, which is fine too.
      for (Committee.Member m : c.members()) {
        if (random.nextInt(5) > 0) {
          block.add(net.tx(client, report(random, c, rec, nodes.indexOf(m.nodeId()))));
        }
      }
    }
    switch (random.nextInt(10)) {
      case 0 -> {
        List<Integer> own = c.members().get(c.indexOf(nodes.get(member))).shards();
        block.add(net.tx(operators.get(member),
            new Operation.ShardRequestRecovery(caps.get(member), List.of(own.get(random.nextInt(own.size()))))));
      }
      case 1 -> block.add(net.tx(operators.get(member), new Operation.PenaltyPropose(caps.get(member),
          new PenaltyParams(10_000 + random.nextInt(5), 1_000, 20_000, 5_000, 3_000_000_000L))));
      case 2 -> {
        var proposals = rules.proposals().values().stream().toList();
        Optional<byte[]> vote = proposals.isEmpty() || random.nextBoolean() ? Optional.empty()
            : Optional.of(dev.walrus.ledger.state.challenge.PenaltyProposal.digest(
                proposals.get(random.nextInt(proposals.size())).params()));
        block.add(net.tx(operators.get(member), new Operation.PenaltyVote(caps.get(member), vote)));
      }
      default -> {}
    }
  }

  /** A report from {@code member}: every other member, random flags, random failed shards. */
  private Operation report(Random random, Committee c, ChallengeEpoch rec, int member) {
    List<ReportEntry> entries = new ArrayList<>();
    for (Committee.Member m : c.members()) {
      if (m.nodeId().equals(nodes.get(member)) || random.nextInt(6) == 0) {
        continue;
      }
      int flags = ReportEntry.ISSUED | (random.nextInt(4) > 0 ? ReportEntry.RECEIVED : 0)
          | (random.nextInt(8) == 0 ? ReportEntry.UNREACHABLE : 0);
      // One member per epoch is a "dropper" that everyone flags, so some shards fail on F1 evidence.
      boolean dropper = c.members().indexOf(m) == rec.epoch() % c.members().size();
      List<Integer> failed = m.shards().stream().filter(x -> dropper || random.nextInt(6) == 0).sorted().toList();
      int items = rec.tau() * m.weight();
      entries.add(new ReportEntry(m.nodeId(), flags, items, items - failed.size(), 0, 0, failed));
    }
    ChallengeReport r = new ChallengeReport(rec.epoch(), nodes.get(member), rec.seed().orElseThrow(),
        rec.setDigest().orElseThrow(), entries);
    SignedChallenge signed = SignedChallenge.sign(keys.get(member), r);
    return new Operation.ChallengeSubmitReport(rec.epoch(), signed.message(), signed.signature());
  }

  /** Reserve, register and certify one permanent blob in one block (object IDs are predictable). */
  private void storeBlob(List<SignedTransaction> block, Committee c) {
    long size = 1_000 + blobs;
    byte[] root = Blake2b256.digest(ByteBuffer.allocate(8).putInt(77).putInt(blobs++).array());
    BlobId id = BlobMetadata.deriveBlobId(EncodingType.RS2, size, Node.digest(root));
    SignedTransaction reserve = net.tx(client, new Operation.ReserveSpace(net.state.system().encodedSize(size), 4));
    ObjectId storage = ObjectIds.created(reserve.transaction().digest(), 0);
    SignedTransaction register = net.tx(client, new Operation.RegisterBlob(storage, id, root, size, 1, false));
    ObjectId blob = ObjectIds.created(register.transaction().digest(), 0);
    byte[] message = new StorageConfirmation(c.epoch(), id, BlobPersistence.PERMANENT).toBcs();
    List<BlsSignature> sigs = new ArrayList<>();
    for (Committee.Member m : c.members()) {
      sigs.add(keys.get(nodes.indexOf(m.nodeId())).sign(message));
    }
    int size2 = c.members().size();
    block.add(reserve);
    block.add(register);
    block.add(net.tx(client, new Operation.CertifyBlob(blob, BlsSignature.aggregate(sigs),
        ProtocolMessageCertificate.signersBitmap(IntStream.range(0, size2).toArray(), size2), message)));
  }

  void saw(BlockResult result) {
    for (EventEnvelope e : result.events()) {
      switch (e.event()) {
        case LedgerEvent.ChallengeSeeded s -> tally.seeded++;
        case LedgerEvent.PenaltyApplied p -> tally.penalties++;
        case LedgerEvent.ChallengeResult r when r.failed() > 0 -> {
          tally.failures++;
          tally.results++;
        }
        case LedgerEvent.ChallengeReportAccepted r -> tally.reports++;
        case LedgerEvent.ChallengeResult r -> tally.results++;
        default -> {}
      }
    }
  }
}
