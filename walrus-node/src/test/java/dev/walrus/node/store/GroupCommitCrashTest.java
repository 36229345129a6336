package dev.walrus.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload write path (segment files, then the RocksDB index, many writers per group commit)
 * under {@code kill -9}: every sliver whose write was acknowledged is there after a reopen and
 * reads back exactly; since each writer waits for its acknowledgement before its next write, at
 * most one unacknowledged write per writer may be there too, and nothing after it. Several rounds
 * continue the same store, so appending after a crash is covered as well.
 */
class GroupCommitCrashTest {
  private static final int ROUNDS = 3;
  private static final int CHECK_BEYOND = 10;

  @TempDir Path dir;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void acknowledgedSliversSurviveAKill() throws Exception {
    Path db = dir.resolve("db");
    SplittableRandom random = new SplittableRandom(7);
    long first = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long[] acked = writeUntilKilled(db, first, 150 + random.nextInt(200), random.nextInt(30));
      long next = first;
      try (NodeStore store = NodeStore.open(db, StoreOptions.defaults().withSegmentBytes(1 << 20))) {
        for (int w = 0; w < GroupCommitWriterMain.WRITERS; w++) {
          long n = first;
          while (present(store, w, n)) {
            n++;
          }
          assertThat(n - 1).as("writer %d's last sliver present after round %d", w, round).isGreaterThanOrEqualTo(acked[w]);
          assertThat(n - 1).as("at most one unacknowledged write per writer").isLessThanOrEqualTo(acked[w] + 1);
          for (long later = n; later < n + CHECK_BEYOND; later++) {
            assertThat(present(store, w, later)).as("writer %d sliver %d after a missing one", w, later).isFalse();
          }
          next = Math.max(next, n);
        }
      }
      first = next + CHECK_BEYOND;
    }
  }

  /** Whether writer {@code w}'s sliver {@code n} is stored; if it is, it must be exactly what was written. */
  private static boolean present(NodeStore store, int w, long n) {
    Optional<byte[]> stored = store.sliverBcs(GroupCommitWriterMain.shard(n), GroupCommitWriterMain.type(n),
        GroupCommitWriterMain.blobId(w, n));
    stored.ifPresent(bytes -> assertThat(Arrays.equals(bytes, GroupCommitWriterMain.sliver(w, n).toBcs()))
        .as("writer %d sliver %d reads back as written", w, n).isTrue());
    return stored.isPresent();
  }

  /**
   * Runs the writer from sliver {@code first}, waits for {@code acks} acknowledgements and then
   * {@code delayMillis} so the kill lands anywhere in a commit, kills it, and returns per writer
   * the last sliver number it acknowledged ({@code first - 1} if none). The output goes to a file,
   * so acknowledgements printed just before the kill are counted too.
   */
  private long[] writeUntilKilled(Path db, long first, int acks, int delayMillis) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Path log = dir.resolve("writer-" + first + ".log");
    Path out = dir.resolve("writer-" + first + ".out");
    Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        GroupCommitWriterMain.class.getName(), db.toString(), Long.toString(first)))
        .redirectError(log.toFile())
        .redirectOutput(out.toFile())
        .start();
    try {
      while (acks(out, first).seen() < acks) {
        if (!child.isAlive()) {
          throw new AssertionError("the writer stopped early: " + Files.readString(log));
        }
        Thread.sleep(5);
      }
      Thread.sleep(delayMillis);
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    return acks(out, first).last();
  }

  private record Acks(int seen, long[] last) {}

  /** The complete {@code ACK} lines written so far; each writer's must count up from {@code first}. */
  private static Acks acks(Path out, long first) throws java.io.IOException {
    long[] last = new long[GroupCommitWriterMain.WRITERS];
    Arrays.fill(last, first - 1);
    String text = Files.readString(out, StandardCharsets.UTF_8);
    int seen = 0;
    for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
      String[] parts = line.split(" ");
      if (parts.length == 3 && parts[0].equals("ACK")) {
        int w = Integer.parseInt(parts[1]);
        long n = Long.parseLong(parts[2]);
        assertThat(n).isEqualTo(last[w] + 1);
        last[w] = n;
        seen++;
      }
    }
    return new Acks(seen, last);
  }
}
