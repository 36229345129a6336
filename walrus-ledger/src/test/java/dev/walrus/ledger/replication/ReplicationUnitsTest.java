package dev.walrus.ledger.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.bcs.BcsException;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.api.Transaction;
import dev.walrus.ledger.api.TransactionEffects;
import dev.walrus.ledger.state.ProposerChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blocks, the transaction tracker and configuration files. */
class ReplicationUnitsTest {
  @TempDir Path dir;

  private static SignedTransaction tx(long sequence) {
    return new Transaction(new byte[32], ReplicaFixtures.key(1).publicKey(), sequence, 0,
        new Operation.Transfer(ReplicaFixtures.key(2).publicKey().toAddress(), 5)).sign(ReplicaFixtures.key(1));
  }

  private static TransactionEffects effects(SignedTransaction t, TransactionEffects.Status status) {
    return new TransactionEffects(t.transaction().digest(), status, 7, 0, List.of(), List.of(), List.of(), null,
        status == TransactionEffects.Status.REJECTED ? "sequence" : null);
  }

  @Test
  void blocksRoundTripAndUndecodableTransactionsAreDroppedDeterministically() {
    Block b = new Block(1234, List.of(tx(0).toBcs(), new byte[] {9, 9}, tx(1).toBcs()));
    Block back = Block.decode(b.encode());
    assertThat(back.proposedTimeMs()).isEqualTo(1234);
    assertThat(back.decodeTransactions()).extracting(t -> t.transaction().sequence()).containsExactly(0L, 1L);
    assertThatThrownBy(() -> Block.decode(new byte[] {1, 2})).isInstanceOf(BcsException.class);
    byte[] wrongVersion = b.encode();
    wrongVersion[0] = 7;
    assertThatThrownBy(() -> Block.decode(wrongVersion)).isInstanceOf(BcsException.class).hasMessageContaining("version");
  }

  @Test
  void blocksCarryTheLeadersChecksRenumberedPastUndecodableTransactions() {
    BitSet signed = new BitSet();
    signed.set(0);
    signed.set(1);
    signed.set(2);
    byte[] key = new byte[48];
    key[0] = 3;
    ProposerChecks checks = new ProposerChecks(signed, List.of(new ProposerChecks.Certificate(2, 0, key),
        new ProposerChecks.Certificate(1, 0, key)));
    Block b = new Block(99, List.of(tx(0).toBcs(), new byte[] {9, 9}, tx(1).toBcs()), checks);
    Block back = Block.decode(b.encode());
    assertThat(back.checks()).isEqualTo(checks);
    Block.Decoded d = back.decode();
    assertThat(d.transactions()).hasSize(2);
    // The undecodable transaction 1 and the check on it are gone; transaction 2 is now 1.
    assertThat(d.checks().signatureChecked(0)).isTrue();
    assertThat(d.checks().signatureChecked(1)).isTrue();
    assertThat(d.checks().signatureChecked(2)).isFalse();
    assertThat(d.checks().certificates()).containsExactly(new ProposerChecks.Certificate(1, 0, key));
  }

  @Test
  void blocksWrittenBeforeChecksWereCarriedStillDecode() {
    byte[] v1 = new BcsWriter().u8(1).u64(77).uleb128(1).bytes(tx(0).toBcs()).toByteArray();
    Block old = Block.decode(v1);
    assertThat(old.proposedTimeMs()).isEqualTo(77);
    assertThat(old.checks()).isEqualTo(ProposerChecks.NONE);
    assertThat(old.decode().transactions()).hasSize(1);
    byte[] trailing = java.util.Arrays.copyOf(v1, v1.length + 1);
    assertThatThrownBy(() -> Block.decode(trailing)).isInstanceOf(BcsException.class);
  }

  @Test
  void trackerCompletesWaitersAndAnswersRetriesWithTheFirstExecution() throws Exception {
    TransactionTracker tracker = new TransactionTracker(10, 2);
    SignedTransaction t = tx(0);
    byte[] d = t.transaction().digest();
    TransactionTracker.Registration first = tracker.register(d);
    assertThat(first.isNew()).isTrue();
    assertThat(tracker.register(d).isNew()).isFalse();
    tracker.applied(List.of(effects(t, TransactionEffects.Status.SUCCESS)));
    assertThat(first.future().get().status()).isEqualTo(TransactionEffects.Status.SUCCESS);
    // A copy ordered again is rejected by the ledger, but the executed effects stay the answer.
    CompletableFuture<TransactionEffects> retry = tracker.register(d).future();
    assertThat(retry.get().status()).isEqualTo(TransactionEffects.Status.SUCCESS);
    tracker.applied(List.of(effects(t, TransactionEffects.Status.REJECTED)));
    assertThat(tracker.recent(d).orElseThrow().status()).isEqualTo(TransactionEffects.Status.SUCCESS);

    tracker.register(tx(1).transaction().digest());
    tracker.register(tx(2).transaction().digest());
    assertThatThrownBy(() -> tracker.register(tx(3).transaction().digest()))
        .isInstanceOf(TransactionTracker.Overloaded.class);
    tracker.failed(tx(1).transaction().digest(), new IllegalStateException("leader lost"));
    assertThat(tracker.pendingCount()).isEqualTo(1);
  }

  @Test
  void configurationFilesAreCheckedStrictly() throws Exception {
    Path genesis = dir.resolve("g.yaml");
    ConfigFiles.write(genesis, ReplicaFixtures.genesis(2));
    assertThat(ConfigFiles.readGenesis(genesis)).isEqualTo(ReplicaFixtures.genesis(2));
    Path json = dir.resolve("g.json");
    ConfigFiles.write(json, ReplicaFixtures.genesis(2));
    assertThat(Files.readString(json)).startsWith("{");
    assertThat(ConfigFiles.readGenesis(json)).isEqualTo(ReplicaFixtures.genesis(2));

    Path config = dir.resolve("r1.yaml");
    Files.writeString(config, """
        replicaId: r1
        dataDir: data
        genesisFile: g.yaml
        peers:
          - {id: r1, raftAddress: "127.0.0.1:9201", apiUrl: "http://127.0.0.1:9101"}
        """);
    ReplicaConfig c = ReplicaConfig.load(config);
    assertThat(c.dataPath()).isEqualTo(dir.resolve("data"));
    assertThat(c.raft().snapshotThreshold()).isEqualTo(10_000);
    ReplicaConfig single = ReplicaConfig.single(dir.resolve("d"), genesis, "127.0.0.1", 9101, 9201);
    assertThat(single.self().apiUrl()).isEqualTo("http://127.0.0.1:9101");

    Files.writeString(config, "replicaId: r1\ndataDir: d\ngenesisFile: g.yaml\npeers: []\nsnapshots: 3\n");
    assertThatThrownBy(() -> ReplicaConfig.load(config)).isInstanceOf(IOException.class).hasMessageContaining("snapshots");
    Files.writeString(config, "replicaId: r9\ndataDir: d\ngenesisFile: g.yaml\npeers:\n"
        + "  - {id: r1, raftAddress: \"127.0.0.1:9201\", apiUrl: \"http://127.0.0.1:9101\"}\n");
    assertThatThrownBy(() -> ReplicaConfig.load(config)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("r9 is not among the peers");
    Files.writeString(config, "replicaId: r1\ndataDir: d\ngenesisFile: g.yaml\npeers:\n"
        + "  - {id: r1, raftAddress: \"nowhere\", apiUrl: \"http://127.0.0.1:9101\"}\n");
    assertThatThrownBy(() -> ReplicaConfig.load(config)).hasMessageContaining("host:port");
    Files.writeString(genesis, "networkName: x\nnShards: 0\n");
    assertThatThrownBy(() -> ConfigFiles.readGenesis(genesis)).isInstanceOf(IOException.class)
        .hasMessageContaining("not a valid genesis file");
    assertThatThrownBy(() -> ConfigFiles.readGenesis(dir.resolve("none.yaml"))).hasMessageContaining("no such genesis file");
  }
}
