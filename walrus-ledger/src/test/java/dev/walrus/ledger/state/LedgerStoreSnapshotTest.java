package dev.walrus.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsWriter;
import org.junit.jupiter.api.Test;

/** Snapshots across versions: a replica upgraded in place loads its old snapshot, new tables empty. */
class LedgerStoreSnapshotTest {

  private static byte[] snapshot(LedgerStore store) {
    BcsWriter w = new BcsWriter();
    store.writeSnapshot(w);
    return w.toByteArray();
  }

  @Test
  void aSnapshotWithoutANewerTableLoadsWithThatTableEmpty() {
    LedgerStore old = new LedgerStore();
    old.map("accounts", String.class, Long.class).put("alice", 5L);
    old.journal().commit();
    old.updateDigest();
    byte[] bytes = snapshot(old);

    LedgerStore upgraded = new LedgerStore();
    JournaledMap<String, Long> accounts = upgraded.map("accounts", String.class, Long.class);
    JournaledMap<String, Long> sites = upgraded.map("sites", String.class, Long.class);
    sites.put("stale", 1L); // content from before the load must go
    upgraded.journal().commit();
    upgraded.readSnapshot(new BcsReader(bytes));
    assertThat(accounts.get("alice")).isEqualTo(5L);
    assertThat(sites.size()).isZero();
    assertThat(upgraded.digestBytes()).isEqualTo(old.digestBytes());
  }

  @Test
  void aSnapshotWithATableThisLedgerDoesNotKnowIsRefused() {
    LedgerStore newer = new LedgerStore();
    newer.map("accounts", String.class, Long.class).put("alice", 5L);
    newer.map("future", String.class, Long.class).put("x", 1L);
    newer.journal().commit();
    byte[] bytes = snapshot(newer);
    LedgerStore older = new LedgerStore();
    older.map("accounts", String.class, Long.class);
    assertThatThrownBy(() -> older.readSnapshot(new BcsReader(bytes))).hasMessageContaining("tables");
  }
}
