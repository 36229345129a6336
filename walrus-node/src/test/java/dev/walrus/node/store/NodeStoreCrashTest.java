package dev.walrus.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walrus.node.store.CrashBatch.Presence;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL and checks, after reopening the store, that every batch it
 * acknowledged is there in full and that no batch is there in part. Several rounds continue the
 * same database, so recovery of a store that already went through a crash is covered too.
 */
class NodeStoreCrashTest {
  private static final int ROUNDS = 3;
  /** Batches written after the first absent one would break the all-or-nothing-in-order promise. */
  private static final int CHECK_BEYOND = 20;

  @TempDir Path dir;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyAcknowledgedBatchSurvivesAKillAndNoBatchIsHalfWritten() throws Exception {
    Path db = dir.resolve("db");
    SplittableRandom random = new SplittableRandom(42);
    long next = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long acknowledged = writeUntilKilled(db, next, 5 + random.nextInt(15), random.nextInt(20));
      try (NodeStore store = NodeStore.open(db, StoreOptions.defaults())) {
        assertThat(store.shards()).containsExactly(0, 1);
        long n = 0;
        while (CrashBatch.check(store, n) == Presence.ALL) {
          n++;
        }
        assertThat(n - 1).as("last batch present after round " + round).isGreaterThanOrEqualTo(acknowledged);
        for (long later = n; later < n + CHECK_BEYOND; later++) {
          assertThat(CrashBatch.check(store, later)).as("batch " + later + " after the first missing one").isEqualTo(Presence.NONE);
        }
        long lastPresent = n - 1;
        assertThat(store.get(NodeStore.Table.NODE_STATE, TestData.utf8("last")))
            .hasValueSatisfying(v -> assertThat(Long.parseLong(new String(v, StandardCharsets.UTF_8))).isEqualTo(lastPresent));
        next = n;
      }
    }
  }

  /**
   * Runs {@link CrashWriterMain} from batch {@code first}, reads {@code acks} acknowledgements,
   * waits {@code delayMillis} so the kill lands anywhere in a commit, and kills it.
   *
   * @return the last batch number the process acknowledged (that this test read)
   */
  private long writeUntilKilled(Path db, long first, int acks, int delayMillis) throws Exception {
    String java = ProcessHandle.current().info().command().orElseThrow();
    Path log = dir.resolve("writer-" + first + ".log");
    Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        CrashWriterMain.class.getName(), db.toString(), Long.toString(first)))
        .redirectError(log.toFile())
        .start();
    long last = first - 1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      int seen = 0;
      while (seen < acks) {
        String line = out.readLine();
        if (line == null) {
          throw new AssertionError("the writer stopped early: " + Files.readString(log));
        }
        if (line.startsWith("ACK ")) {
          last = Long.parseLong(line.substring(4));
          assertThat(last).isEqualTo(first + seen);
          seen++;
        }
      }
      Thread.sleep(delayMillis);
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    return last;
  }
}
