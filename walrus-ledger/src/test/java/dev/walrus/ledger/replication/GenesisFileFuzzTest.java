package dev.walrus.ledger.replication;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A genesis file with arbitrary content: {@link ConfigFiles#readGenesis} either gives the genesis
 * configuration or throws an {@link IOException} naming the problem; any other exception (or a
 * null configuration) would surface as a stack trace when a replica or {@code walrus local}
 * starts. Without {@code JAZZER_FUZZ=1} each stored input runs once; with it, Jazzer mutates inputs.
 */
class GenesisFileFuzzTest {
  private static final Path FILE = tempFile();

  @FuzzTest(maxDuration = "20s")
  void readGenesis(byte[] content) throws IOException {
    Files.write(FILE, content);
    try {
      if (ConfigFiles.readGenesis(FILE) == null) {
        throw new AssertionError("readGenesis gave null");
      }
    } catch (IOException refused) {
      // refused
    }
  }

  private static Path tempFile() {
    try {
      Path dir = Files.createTempDirectory("genesis-fuzz");
      dir.toFile().deleteOnExit();
      Path file = dir.resolve("genesis.yaml");
      file.toFile().deleteOnExit();
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
