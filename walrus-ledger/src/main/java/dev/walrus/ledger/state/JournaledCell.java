package dev.walrus.ledger.state;

/** A single journaled value (a Move shared object such as the system state): a one-entry table. */
public final class JournaledCell<V> {
  private static final String KEY = "";
  private final JournaledMap<String, V> map;

  JournaledCell(JournaledMap<String, V> map) {
    this.map = map;
  }

  public V get() {
    V v = map.get(KEY);
    if (v == null) {
      throw new IllegalStateException("cell " + map.name() + " is not initialised");
    }
    return v;
  }

  public void set(V value) {
    map.put(KEY, value);
  }
}
