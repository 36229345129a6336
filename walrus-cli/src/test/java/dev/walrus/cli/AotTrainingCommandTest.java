package dev.walrus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's training run succeeds silently (a failure would leave the launcher without a
 * start-up cache), cleans up after itself, and is not listed among the verbs.
 */
class AotTrainingCommandTest {
  @TempDir Path dir;

  @Test
  void theTrainingRunSucceedsSilentlyAndIsHidden() throws Exception {
    Path blob = Files.write(dir.resolve("blob.bin"), new byte[100_000]);
    long before = tempEntries();
    CliRun run = CliRun.run("aot-training", blob.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(tempEntries()).isLessThanOrEqualTo(before);
    assertThat(CliRun.run("--help").out()).doesNotContain("aot-training");
  }

  private static long tempEntries() throws Exception {
    try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("walrus-aot-training")).count();
    }
  }
}
