package dev.walrus.ledger.state;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A sorted table of the ledger state. Keys and values are immutable (records, IDs, numbers);
 * every change is journaled for rollback and reported to the store for the state digest.
 * Iteration is in key order, so every replica walks tables identically.
 */
public final class JournaledMap<K extends Comparable<? super K>, V> {
  private final LedgerStore store;
  private final String name;
  private final Class<K> keyType;
  private final Class<V> valueType;
  private final TreeMap<K, V> map = new TreeMap<>();
  private final SortedMap<K, V> view = Collections.unmodifiableSortedMap(map);

  JournaledMap(LedgerStore store, String name, Class<K> keyType, Class<V> valueType) {
    this.store = store;
    this.name = name;
    this.keyType = keyType;
    this.valueType = valueType;
  }

  public String name() {
    return name;
  }

  Class<K> keyType() {
    return keyType;
  }

  Class<V> valueType() {
    return valueType;
  }

  public V get(K key) {
    return map.get(key);
  }

  public Optional<V> find(K key) {
    return Optional.ofNullable(map.get(key));
  }

  public boolean contains(K key) {
    return map.containsKey(key);
  }

  public int size() {
    return map.size();
  }

  /** Read-only view in key order. */
  public SortedMap<K, V> view() {
    return view;
  }

  public void put(K key, V value) {
    if (value == null) {
      throw new IllegalArgumentException("null values are not stored; remove the key instead");
    }
    boolean present = map.containsKey(key);
    V old = map.put(key, value);
    changed(key, present, old);
  }

  public V remove(K key) {
    if (!map.containsKey(key)) {
      return null;
    }
    V old = map.remove(key);
    changed(key, true, old);
    return old;
  }

  private void changed(K key, boolean present, V old) {
    store.touched(this, key, present, old);
    store.journal().record(() -> {
      if (present) {
        map.put(key, old);
      } else {
        map.remove(key);
      }
    });
  }

  /** Loads an entry from a snapshot: no journal, no digest bookkeeping. */
  void load(K key, V value) {
    map.put(key, value);
  }

  void clearForLoad() {
    map.clear();
  }
}
