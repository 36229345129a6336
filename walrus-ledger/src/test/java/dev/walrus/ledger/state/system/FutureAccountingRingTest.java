package dev.walrus.ledger.state.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.ledger.state.Abort;
import dev.walrus.ledger.state.LedgerStore;
import org.junit.jupiter.api.Test;

/** The ring buffer on its own: genesis layout, lookup bounds, pop/expand with slot reuse. */
class FutureAccountingRingTest {
  private final LedgerStore store = new LedgerStore();
  private final FutureAccountingRing ring = new FutureAccountingRing(store, 5);

  FutureAccountingRingTest() {
    ring.init();
  }

  @Test
  void genesisEntryKHoldsEpochK() {
    for (int k = 0; k < 5; k++) {
      assertThat(ring.lookup(k)).isEqualTo(new FutureAccounting(k, 0, 0));
    }
    assertThat(ring.length()).isEqualTo(5);
  }

  @Test
  void lookupBeyondTheLengthIsTooFarInTheFuture() {
    for (long offset : new long[] {5, 6, -1, Integer.MAX_VALUE}) {
      assertThatThrownBy(() -> ring.lookup(offset)).isInstanceOfSatisfying(Abort.class, a -> {
        assertThat(a.module()).isEqualTo("storage_accounting");
        assertThat(a.code()).isZero();
      });
    }
  }

  @Test
  void popExpandReplacesTheCurrentSlotWithTheEpochLengthAhead() {
    ring.addRewards(0, 10);
    ring.addRewards(2, 30);
    ring.increaseUsedCapacity(0, 100);
    ring.increaseUsedCapacity(4, 500);

    FutureAccounting popped = ring.popExpand();
    assertThat(popped).isEqualTo(new FutureAccounting(0, 100, 10));
    assertThat(ring.lookup(0).epoch()).isEqualTo(1);
    assertThat(ring.lookup(1)).isEqualTo(new FutureAccounting(2, 0, 30));
    assertThat(ring.lookup(3)).isEqualTo(new FutureAccounting(4, 500, 0));
    assertThat(ring.lookup(4)).isEqualTo(new FutureAccounting(5, 0, 0));

    for (int e = 1; e < 12; e++) {
      assertThat(ring.popExpand().epoch()).isEqualTo(e);
      for (int k = 0; k < 5; k++) {
        assertThat(ring.lookup(k).epoch()).isEqualTo(e + 1 + k);
      }
    }
    assertThat(ring.totalRewards()).isZero();
  }

  @Test
  void oneChangeTouchesOneEntry() {
    store.updateDigest();
    store.journal().commit();
    int mark = store.journal().mark();
    ring.addRewards(3, 7);
    assertThat(store.journal().mark() - mark).isEqualTo(1);
    assertThat(ring.totalRewards()).isEqualTo(7);
    ring.takeRewards(3, 7);
    assertThat(ring.totalRewards()).isZero();
    assertThatThrownBy(() -> ring.takeRewards(3, 1)).isInstanceOf(Abort.class);
  }
}
