package dev.walrus.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code client_config.yaml} with arbitrary content: {@link ClientConfig#load} either gives a
 * configuration or throws {@link CliException}, which the CLI prints as one line; any other
 * exception would be a stack trace. Without {@code JAZZER_FUZZ=1} each stored input runs once;
 * with it, Jazzer mutates inputs.
 */
class ClientConfigFuzzTest {
  private static final Path FILE = tempFile();

  @FuzzTest(maxDuration = "20s")
  void load(byte[] content) throws IOException {
    Files.write(FILE, content);
    try {
      ClientConfig.load(FILE);
    } catch (CliException refused) {
      // refused
    }
  }

  private static Path tempFile() {
    try {
      Path dir = Files.createTempDirectory("client-config-fuzz");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve("client_config.yaml");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
