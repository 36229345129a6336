package dev.walrus.core.quilt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Random files and helpers to tamper with quilts, for the quilt tests. */
final class QuiltFixtures {
  /** Shard counts the tests use: the smallest network up to a mid-sized one. */
  static final int[] SHARD_COUNTS = {4, 7, 10, 13, 31};

  private static final String[] NAME_PARTS = {"a", "b", "file", "日本", "é", "🦭", "-", "_", ".", "x y", "Z", "0"};

  private QuiltFixtures() {}

  /** {@code count} files with unique random identifiers, random tags and up to {@code maxSize} bytes. */
  static List<QuiltFile> randomFiles(Random random, int count, int maxSize) {
    Set<String> identifiers = new LinkedHashSet<>();
    while (identifiers.size() < count) {
      StringBuilder b = new StringBuilder();
      for (int i = 0, parts = 1 + random.nextInt(4); i < parts; i++) {
        b.append(NAME_PARTS[random.nextInt(NAME_PARTS.length)]);
      }
      b.append(random.nextInt(100));
      identifiers.add(b.toString());
    }
    List<QuiltFile> files = new ArrayList<>();
    for (String id : identifiers) {
      Map<String, String> tags = new HashMap<>();
      for (int i = 0, n = random.nextInt(4); i < n; i++) {
        tags.put(NAME_PARTS[random.nextInt(NAME_PARTS.length)] + random.nextInt(3), "v" + random.nextInt(5));
      }
      byte[] data = new byte[random.nextInt(maxSize + 1)];
      random.nextBytes(data);
      files.add(QuiltFile.of(id, tags, data));
    }
    return files;
  }

  /** Overwrites the stream starting at {@code column} from {@code offset} with {@code bytes}. */
  static byte[] patchStream(Quilt quilt, int column, long offset, byte[] bytes) {
    byte[] data = quilt.bytes();
    ColumnMajor.runs(quilt.symbolSize(), QuiltFormat.rows(quilt.config()), quilt.columnCount(), column, offset,
        bytes.length, (at, from, n) -> System.arraycopy(bytes, from, data, at, n));
    return data;
  }
}
