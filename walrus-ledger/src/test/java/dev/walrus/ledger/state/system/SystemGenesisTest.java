package dev.walrus.ledger.state.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.ledger.api.Operation;
import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.LedgerState;
import dev.walrus.ledger.state.SystemHarness;
import org.junit.jupiter.api.Test;

/** The system object at genesis (§9.1) and what epoch 0 allows. */
class SystemGenesisTest {
  final SystemHarness h = new SystemHarness();

  @Test
  void startsEmptyWithTheRingOnEpochsZeroToLength() {
    assertThat(h.system.state()).isEqualTo(new SystemState(0, 0, 0, 0));
    assertThat(h.system.maxEpochsAhead()).isEqualTo(53);
    for (int k = 0; k < 53; k++) {
      assertThat(h.system.futureAccounting(k)).isEqualTo(new FutureAccounting(k, 0, 0));
    }
    assertThat(h.system.heldFrost()).isZero();
    assertThat(h.system.sharedBlobFunds()).isZero();
  }

  @Test
  void epochZeroHasNoCapacityAndNoEncoding() {
    h.aborts(h.alice, new Operation.ReserveSpace(1, 1), "system_state_inner", 1);
    assertThatThrownBy(() -> h.system.encodedSize(1)).isInstanceOf(Abort.class);
    assertThatThrownBy(() -> h.system.futureAccounting(53)).isInstanceOfSatisfying(Abort.class,
        a -> assertThat(a.module()).isEqualTo("storage_accounting"));
  }

  @Test
  void feesGoToTheCurrentPotAndSurviveASnapshot() {
    h.system.depositToCurrentPot(1234);
    h.state().store().updateDigest();
    h.state().store().journal().commit();
    assertThat(h.system.rewardPot(0)).isEqualTo(1234);
    assertThat(h.system.heldFrost()).isEqualTo(1234);
    LedgerState copy = LedgerState.fromSnapshot(h.net.genesis, h.state().snapshot());
    assertThat(copy.system().rewardPot(0)).isEqualTo(1234);
    assertThat(copy.stateDigest()).isEqualTo(h.state().stateDigest());
  }
}
