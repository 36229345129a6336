package dev.walrus.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The {@code --name value} options of the benchmark mains; an unknown name is an error, not ignored. */
final class BenchArgs {
  private final Map<String, String> values;

  private BenchArgs(Map<String, String> values) {
    this.values = values;
  }

  static BenchArgs parse(String[] argv, Set<String> known) {
    Map<String, String> values = new TreeMap<>();
    if (argv.length % 2 != 0) {
      throw new IllegalArgumentException("options are --name value pairs: " + Arrays.toString(argv));
    }
    for (int i = 0; i < argv.length; i += 2) {
      if (!argv[i].startsWith("--") || !known.contains(argv[i].substring(2))) {
        throw new IllegalArgumentException("unknown option " + argv[i] + "; known: --" + String.join(", --", known));
      }
      values.put(argv[i].substring(2), argv[i + 1]);
    }
    return new BenchArgs(values);
  }

  String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int getInt(String name, int fallback) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
  }

  long getLong(String name, long fallback) {
    return values.containsKey(name) ? Long.parseLong(values.get(name)) : fallback;
  }
}
