package dev.walrus.ledger.replication;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A replica's YAML configuration with arbitrary content: {@link ReplicaConfig#load} either gives a
 * configuration or refuses it with an {@link IOException} (not YAML of the expected shape) or an
 * {@link IllegalArgumentException} (a field out of range), each naming the problem; the CLI turns
 * those into one line. Any other exception would be a stack trace. Without {@code JAZZER_FUZZ=1}
 * each stored input runs once; with it, Jazzer mutates inputs.
 */
class ReplicaConfigFuzzTest {
  private static final Path FILE = tempFile();

  @FuzzTest(maxDuration = "20s")
  void load(byte[] content) throws IOException {
    Files.write(FILE, content);
    try {
      ReplicaConfig.load(FILE);
    } catch (IOException | IllegalArgumentException refused) {
      // refused
    }
  }

  private static Path tempFile() {
    try {
      Path dir = Files.createTempDirectory("replica-config-fuzz");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve("replica.yaml");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
