package dev.walrus.ledger.state;

import dev.walrus.core.bcs.BcsReader;
import dev.walrus.core.bcs.BcsRecords;
import dev.walrus.core.bcs.BcsWriter;
import dev.walrus.core.hash.Blake2b256;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * All tables of the ledger state, their undo journal, and the state digest.
 *
 * <p>The digest is an additive set hash: the sum modulo 2^256 of {@code BLAKE2b-256(table ‖ 0 ‖
 * BCS(key) ‖ BCS(value))} over every entry of every table. It depends only on the state, not on
 * how it was reached, and is updated per block from the entries that changed (old value out, new
 * value in), so equal digests on two replicas mean equal states with overwhelming probability.
 *
 * <p>Snapshots are the BCS of every table in name order; loading one and recomputing the digest
 * reproduces the replica that wrote it.
 */
public final class LedgerStore {
  private static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);

  private final Journal journal = new Journal();
  private final TreeMap<String, JournaledMap<?, ?>> tables = new TreeMap<>();
  /** Entries changed since the last digest update, with their value before the first change. */
  private final Map<Touched, Object> touched = new LinkedHashMap<>();
  private BigInteger digest = BigInteger.ZERO;

  private record Touched(JournaledMap<?, ?> table, Object key) {}

  private static final Object ABSENT = new Object();

  public Journal journal() {
    return journal;
  }

  /** Creates the table {@code name}; names are unique and fix the snapshot order. */
  public <K extends Comparable<? super K>, V> JournaledMap<K, V> map(String name, Class<K> keyType, Class<V> valueType) {
    if (tables.containsKey(name)) {
      throw new IllegalStateException("table " + name + " exists");
    }
    JournaledMap<K, V> map = new JournaledMap<>(this, name, keyType, valueType);
    tables.put(name, map);
    return map;
  }

  /** Creates a single-value table. */
  public <V> JournaledCell<V> cell(String name, Class<V> valueType) {
    return new JournaledCell<>(map(name, String.class, valueType));
  }

  void touched(JournaledMap<?, ?> table, Object key, boolean present, Object old) {
    touched.putIfAbsent(new Touched(table, key), present ? old : ABSENT);
  }

  /** Folds the changes since the last call into the digest and returns it (32 bytes). */
  public byte[] updateDigest() {
    for (Map.Entry<Touched, Object> e : touched.entrySet()) {
      JournaledMap<?, ?> table = e.getKey().table();
      Object key = e.getKey().key();
      Object old = e.getValue();
      if (old != ABSENT) {
        digest = digest.subtract(entryHash(table, key, old));
      }
      Object current = table.view().get(key);
      if (current != null) {
        digest = digest.add(entryHash(table, key, current));
      }
    }
    touched.clear();
    digest = digest.mod(MOD);
    return digestBytes();
  }

  public byte[] digestBytes() {
    byte[] out = new byte[32];
    byte[] b = digest.toByteArray();
    int n = Math.min(32, b.length);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static BigInteger entryHash(JournaledMap table, Object key, Object value) {
    Blake2b256 h = new Blake2b256();
    h.update(table.name().getBytes(StandardCharsets.UTF_8)).update((byte) 0);
    h.update(BcsRecords.encode(table.keyType(), key));
    h.update(BcsRecords.encode(table.valueType(), value));
    return new BigInteger(1, h.digest());
  }

  /** The BCS of every table, in name order. Call between blocks (nothing uncommitted). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void writeSnapshot(BcsWriter w) {
    w.uleb128(tables.size());
    for (JournaledMap table : tables.values()) {
      w.string(table.name());
      w.uleb128(table.size());
      for (Object o : table.view().entrySet()) {
        Map.Entry e = (Map.Entry) o;
        BcsRecords.write(w, table.keyType(), e.getKey());
        BcsRecords.write(w, table.valueType(), e.getValue());
      }
    }
  }

  /**
   * Replaces every table's content with a snapshot's and recomputes the digest from scratch. A
   * table the snapshot lacks (one added by a later version, e.g. the Sites tables) starts empty,
   * so a replica upgraded in place keeps its data; a table this ledger does not know is refused.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void readSnapshot(BcsReader r) {
    int count = r.length(1);
    if (count > tables.size()) {
      throw new IllegalStateException("snapshot has " + count + " tables, this ledger only " + tables.size());
    }
    for (JournaledMap table : tables.values()) {
      table.clearForLoad();
    }
    digest = BigInteger.ZERO;
    for (int i = 0; i < count; i++) {
      String name = r.string();
      JournaledMap table = tables.get(name);
      if (table == null) {
        throw new IllegalStateException("snapshot has unknown table " + name);
      }
      table.clearForLoad();
      int entries = r.length(2);
      for (int j = 0; j < entries; j++) {
        Object key = BcsRecords.read(r, table.keyType());
        Object value = BcsRecords.read(r, table.valueType());
        table.load((Comparable) key, value);
        digest = digest.add(entryHash(table, key, value));
      }
    }
    digest = digest.mod(MOD);
    touched.clear();
    journal.commit();
  }

  /** The digest recomputed from all entries (for tests and audits). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public byte[] recomputeDigest() {
    BigInteger sum = BigInteger.ZERO;
    for (JournaledMap table : tables.values()) {
      for (Object o : table.view().entrySet()) {
        Map.Entry e = (Map.Entry) o;
        sum = sum.add(entryHash(table, e.getKey(), e.getValue()));
      }
    }
    byte[] out = new byte[32];
    byte[] b = sum.mod(MOD).toByteArray();
    int n = Math.min(32, b.length);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }
}
