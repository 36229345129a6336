package dev.walrus.node.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code node.yaml} with arbitrary content: {@link NodeConfig#load} either gives a configuration
 * or throws {@link InvalidNodeConfigException} naming the problems (an {@link IOException} only if
 * the file cannot be read); any other exception would reach the operator as a stack trace.
 * Without {@code JAZZER_FUZZ=1} each stored input runs once; with it, Jazzer mutates inputs.
 */
class NodeConfigFuzzTest {
  private static final Path FILE = tempFile();

  @FuzzTest(maxDuration = "20s")
  void load(byte[] content) throws IOException {
    Files.write(FILE, content);
    try {
      NodeConfig.load(FILE);
    } catch (InvalidNodeConfigException refused) {
      // refused with the problems named
    }
  }

  private static Path tempFile() {
    try {
      Path dir = Files.createTempDirectory("node-config-fuzz");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve("node.yaml");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
