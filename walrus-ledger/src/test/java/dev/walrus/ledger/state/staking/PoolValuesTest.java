package dev.walrus.ledger.state.staking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.ledger.state.Abort;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Exchange rates (§5.2) and pending values (§5.3). */
class PoolValuesTest {

  @Test
  void exchangeRateConvertsWithFloorDivision() {
    ExchangeRate r = ExchangeRate.of(1100, 1000);
    assertThat(r.toShares(550)).isEqualTo(500);
    assertThat(r.toWal(1000)).isEqualTo(1100);
    assertThat(r.toShares(1)).isZero();
    assertThat(ExchangeRate.of(3, 2).toWal(1)).isEqualTo(1);
  }

  @Test
  void zeroAmountsGiveTheFlatRate() {
    assertThat(ExchangeRate.of(0, 0)).isEqualTo(ExchangeRate.FLAT);
    assertThat(ExchangeRate.of(5, 0)).isEqualTo(ExchangeRate.FLAT);
    assertThat(ExchangeRate.FLAT.toWal(77)).isEqualTo(77);
    assertThat(ExchangeRate.FLAT.toShares(77)).isEqualTo(77);
  }

  /** Move aborts here; walrus-java accepts it, a slashed share being worth less than 1 FROST (challenges.md §8.3). */
  @Test
  void moreSharesThanWalIsASlashedRate() {
    assertThat(ExchangeRate.of(10, 11).toWal(11)).isEqualTo(10);
    assertThatThrownBy(() -> ExchangeRate.of(-1, 11)).isInstanceOfSatisfying(Abort.class, a -> {
      assertThat(a.module()).isEqualTo("pool_exchange_rate");
      assertThat(a.code()).isZero();
    });
  }

  @Test
  void conversionsUse128BitProducts() {
    long supply = 5_000_000_000L * 1_000_000_000L;
    ExchangeRate r = ExchangeRate.of(supply, supply / 2);
    assertThat(r.toWal(supply / 2)).isEqualTo(supply);
  }

  @Test
  void pendingValuesSumFlushAndReduce() {
    PendingValues p = PendingValues.EMPTY.insertOrAdd(3, 10).insertOrAdd(5, 7).insertOrAdd(3, 1);
    assertThat(p.values()).isEqualTo(new TreeMap<>(Map.of(3, 11L, 5, 7L)));
    assertThat(p.valueAt(2)).isZero();
    assertThat(p.valueAt(4)).isEqualTo(11);
    assertThat(p.valueAt(9)).isEqualTo(18);
    assertThat(p.flushed(3).values()).containsOnlyKeys(5);
    assertThat(p.latestValueAt(4)).isEqualTo(Optional.of(11L));
    assertThat(p.latestValueAt(7)).isEqualTo(Optional.of(7L));
    assertThat(p.latestValueAt(2)).isEmpty();
    assertThat(p.insertOrReplace(3, 2).valueAt(3)).isEqualTo(2);
    assertThat(p.reduce(3, 11).values()).containsEntry(3, 0L);
  }

  @Test
  void reducingAMissingOrSmallerValueAborts() {
    PendingValues p = PendingValues.EMPTY.insertOrAdd(3, 10);
    assertThatThrownBy(() -> p.reduce(4, 1)).isInstanceOfSatisfying(Abort.class, a -> {
      assertThat(a.module()).isEqualTo("pending_values");
      assertThat(a.code()).isZero();
    });
    assertThatThrownBy(() -> p.reduce(3, 11)).isInstanceOfSatisfying(Abort.class, a -> assertThat(a.code()).isEqualTo(1));
  }
}
