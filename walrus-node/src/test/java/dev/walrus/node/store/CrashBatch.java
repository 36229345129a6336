package dev.walrus.node.store;

import static dev.walrus.core.SliverType.PRIMARY;
import static dev.walrus.core.SliverType.SECONDARY;

import dev.walrus.core.SliverType;
import dev.walrus.core.encoding.SliverData;
import dev.walrus.node.store.NodeStore.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Batch number {@code n} of the crash test: metadata, a sliver of each axis in each of {@link
 * #SHARDS} shards (some above the blob-file threshold, some below), and a table record. Both the
 * writer process and the checking test derive it from {@code n}.
 */
final class CrashBatch {
  static final int SHARDS = 2;

  enum Presence { ALL, NONE }

  private CrashBatch() {}

  static void write(NodeStore store, long n) {
    Batch batch = store.batch().putMetadata(TestData.blobId(n), TestData.metadata(n, 4));
    for (int shard = 0; shard < SHARDS; shard++) {
      for (SliverType type : SliverType.values()) {
        batch.putSliver(shard, TestData.blobId(n), sliver(n, shard, type));
      }
    }
    batch.put(Table.BLOB_INFO, TestData.blobId(n).bytes(), TestData.utf8("info " + n))
        .put(Table.NODE_STATE, TestData.utf8("last"), TestData.utf8(Long.toString(n)))
        .commit();
  }

  /**
   * Whether batch {@code n} is entirely present or entirely absent.
   *
   * @throws AssertionError if only part of it is present, or a present value differs
   */
  static Presence check(NodeStore store, long n) {
    List<String> present = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    note(store.metadata(TestData.blobId(n)).map(m -> {
      assertEqual(m, TestData.metadata(n, 4), "metadata", n);
      return m;
    }), "metadata", present, absent);
    for (int shard = 0; shard < SHARDS; shard++) {
      for (SliverType type : List.of(PRIMARY, SECONDARY)) {
        SliverData expected = sliver(n, shard, type);
        String what = "shard " + shard + " " + type;
        note(store.sliver(shard, type, TestData.blobId(n)).map(s -> {
          assertEqual(s, expected, what, n);
          return s;
        }), what, present, absent);
      }
    }
    note(store.get(Table.BLOB_INFO, TestData.blobId(n).bytes()).map(v -> {
      assertEqual(new String(v, java.nio.charset.StandardCharsets.UTF_8), "info " + n, "blob info", n);
      return v;
    }), "blob info", present, absent);
    if (!present.isEmpty() && !absent.isEmpty()) {
      throw new AssertionError("batch " + n + " is partially present: " + present + " but not " + absent);
    }
    return absent.isEmpty() ? Presence.ALL : Presence.NONE;
  }

  private static SliverData sliver(long n, int shard, SliverType type) {
    int bytes = (n + shard) % 3 == 0 ? 700_000 : 20_000 + (int) (n % 1000) * 2;
    return TestData.sliver(type, shard, bytes, n * 4 + shard * 2 + type.ordinal());
  }

  private static void note(Optional<?> value, String what, List<String> present, List<String> absent) {
    (value.isPresent() ? present : absent).add(what);
  }

  private static void assertEqual(Object actual, Object expected, String what, long n) {
    if (!actual.equals(expected)) {
      throw new AssertionError("batch " + n + ": " + what + " differs from what was written");
    }
  }
}
