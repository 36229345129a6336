package dev.walrus.node.store;

import dev.walrus.core.SliverType;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rocksdb.ColumnFamilyHandle;

/** The two column families of one shard, and how their names are spelled (spec §5.7). */
record ShardColumns(ColumnFamilyHandle primary, ColumnFamilyHandle secondary) {
  static final int MAX_SHARD = 0xFFFF;
  private static final Pattern NAME = Pattern.compile("shard-(\\d{1,5})/(primary|secondary)-slivers");

  /** A column family name and the shard and axis it stores. */
  record Name(int shard, SliverType type) {
    @Override
    public String toString() {
      return name(shard, type);
    }
  }

  ColumnFamilyHandle handle(SliverType type) {
    return type == SliverType.PRIMARY ? primary : secondary;
  }

  /** {@code shard-<i>/primary-slivers} or {@code shard-<i>/secondary-slivers}. */
  static String name(int shard, SliverType type) {
    return "shard-" + shard + "/" + type.urlName() + "-slivers";
  }

  /** The shard and axis of a sliver column family name; empty for any other column family. */
  static Optional<Name> parse(String columnFamily) {
    Matcher m = NAME.matcher(columnFamily);
    if (!m.matches()) {
      return Optional.empty();
    }
    int shard = Integer.parseInt(m.group(1));
    if (shard > MAX_SHARD || !name(shard, SliverType.fromUrlName(m.group(2))).equals(columnFamily)) {
      return Optional.empty();
    }
    return Optional.of(new Name(shard, SliverType.fromUrlName(m.group(2))));
  }

  static void checkShard(int shard) {
    if (shard < 0 || shard > MAX_SHARD) {
      throw new IllegalArgumentException("shard index " + shard + " is not a u16");
    }
  }
}
