package dev.walrus.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.core.crypto.Ed25519KeyPair;
import dev.walrus.ledger.api.GenesisConfig;
import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.api.SignedTransaction;
import dev.walrus.ledger.api.TransactionEffects;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The foundation: admission, fees, aborts with rollback, digest and snapshots. */
class LedgerStateTest {
  private final Ed25519KeyPair alice = LedgerTestNetwork.key(1);
  private final Ed25519KeyPair bob = LedgerTestNetwork.key(2);
  private final LedgerTestNetwork net = new LedgerTestNetwork(10, 60_000, alice, bob);

  @Test
  void genesisMintsTheWholeSupply() {
    assertThat(net.state.totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
    assertThat(net.state.chain().height()).isZero();
  }

  @Test
  void transferMovesWalAndReplayIsRejected() {
    SignedTransaction t = net.tx(alice, new Operation.Transfer(bob.publicKey().toAddress(), 5));
    TransactionEffects ok = net.state.applyBlock(net.now() + 1, List.of(t)).effects().get(0);
    assertThat(ok.status()).isEqualTo(TransactionEffects.Status.SUCCESS);
    assertThat(net.balance(bob) - net.balance(alice)).isEqualTo(10);
    TransactionEffects replay = net.state.applyBlock(net.now() + 2, List.of(t)).effects().get(0);
    assertThat(replay.status()).isEqualTo(TransactionEffects.Status.REJECTED);
    assertThat(replay.rejection()).contains("sequence number 0");
    assertThat(net.state.totalFrost()).isEqualTo(GenesisConfig.TOTAL_SUPPLY);
  }

  @Test
  void abortRollsBackAndStillConsumesTheSequenceNumber() {
    long before = net.balance(alice);
    TransactionEffects e = net.run(alice, new Operation.Transfer(bob.publicKey().toAddress(), before + 1));
    assertThat(e.status()).isEqualTo(TransactionEffects.Status.ABORTED);
    assertThat(e.abort().module()).isEqualTo("balance");
    assertThat(e.abort().code()).isEqualTo(2);
    assertThat(net.balance(alice)).isEqualTo(before);
    assertThat(net.state.services().accounts().get(alice.publicKey().toAddress()).nextSequence()).isEqualTo(1);
  }

  @Test
  void tamperedSignatureIsRejected() {
    SignedTransaction t = net.tx(alice, new Operation.Transfer(bob.publicKey().toAddress(), 5));
    SignedTransaction forged = new SignedTransaction(
        net.tx(alice, new Operation.Transfer(bob.publicKey().toAddress(), 500)).transaction(), t.signature());
    TransactionEffects e = net.state.applyBlock(net.now() + 1, List.of(forged)).effects().get(0);
    assertThat(e.status()).isEqualTo(TransactionEffects.Status.REJECTED);
    assertThat(e.rejection()).contains("signature");
  }

  @Test
  void digestIsIncrementalAndSnapshotsRestoreTheSameState() {
    for (int i = 0; i < 20; i++) {
      net.run(i % 2 == 0 ? alice : bob, new Operation.Transfer(LedgerTestNetwork.key(10 + i).publicKey().toAddress(), 1 + i));
    }
    net.run(alice, new Operation.RequestFaucet(100));
    assertThat(net.state.stateDigest()).isEqualTo(net.state.store().recomputeDigest());
    LedgerState copy = LedgerState.fromSnapshot(net.genesis, net.state.snapshot());
    assertThat(copy.stateDigest()).isEqualTo(net.state.stateDigest());
    assertThat(copy.lastBlockRoot()).isEqualTo(net.state.lastBlockRoot());
    BlockResult a = net.tick(5);
    BlockResult b = copy.applyBlock(net.now(), List.of());
    assertThat(b.blockRoot()).isEqualTo(a.blockRoot());
  }
}
