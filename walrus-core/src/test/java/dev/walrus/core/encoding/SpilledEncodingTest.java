package dev.walrus.core.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Encoding a file through positional reads with the encoding's scratch in a temporary file gives
 * exactly what encoding the same bytes in memory gives, and leaves no file behind.
 */
class SpilledEncodingTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource({"10, 0", "10, 1", "10, 1000", "13, 77777", "100, 123457", "300, 1048577"})
  void fileSourceAndFileSpillMatchTheInMemoryEncoding(int shards, int size) throws IOException {
    EncodingConfig config = EncodingConfig.forShards(shards);
    byte[] blob = CodecFixtures.randomBlob(new Random(shards * 31L + size), size);
    Path file = dir.resolve("blob");
    Files.write(file, blob);
    Path spillDir = Files.createDirectory(dir.resolve("spill"));
    BlobEncoder encoder = new BlobEncoder(config);
    try (EncodedBlob expected = encoder.encode(blob);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        EncodedBlob actual = encoder.encode(BlobSource.of(ch), SpillSpace.directory(spillDir, 0))) {
      assertThat(listing(spillDir)).as("the spill is unlinked as soon as it is open").isEmpty();
      assertThat(actual.metadata()).isEqualTo(expected.metadata());
      for (int i = 0; i < shards; i++) {
        assertThat(actual.primarySliver(i)).isEqualTo(expected.primarySliver(i));
        assertThat(actual.secondarySliver(i)).isEqualTo(expected.secondarySliver(i));
      }
      assertThat(encoder.computeMetadata(BlobSource.of(ch), SpillSpace.directory(spillDir, 0)))
          .isEqualTo(expected.metadata());
    }
    assertThat(listing(spillDir)).isEmpty();
  }

  @Test
  void sliversCannotBeReadAfterClose() {
    EncodingConfig config = EncodingConfig.forShards(10);
    EncodedBlob encoded = new BlobEncoder(config).encode(BlobSource.of(new byte[5000]),
        SpillSpace.directory(dir, 0));
    encoded.close();
    assertThatThrownBy(() -> encoded.secondarySliver(9)).isInstanceOf(RuntimeException.class);
  }

  @Test
  void smallSpillsStayInTheHeapAndLargeOnesNeedTheirSpace() {
    EncodingConfig config = EncodingConfig.forShards(100);
    SpillSpace space = SpillSpace.directory(dir, 1 << 20);
    assertThat(space.bytesNeeded(config, 10_000, true)).isZero();
    long large = 64L << 20;
    assertThat(space.bytesNeeded(config, large, true))
        .isEqualTo(TwoDimensionalEncoding.spillBytes(config, large, true))
        .isGreaterThan(2 * large);
    assertThat(space.bytesNeeded(config, large, false)).isLessThan(large);
  }

  /** A tiny tmpfs: too small for the spill (refused up front), then filled up during the encoding. */
  @Test
  void aFullDiskIsAClearErrorAndLeavesNothing() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
    Path mount = Files.createDirectory(dir.resolve("small"));
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString()), "mount failed");
    try {
      EncodingConfig config = EncodingConfig.forShards(100);
      byte[] blob = CodecFixtures.randomBlob(new Random(1), 3 << 20);
      assertThatThrownBy(() -> new BlobEncoder(config).encode(BlobSource.of(blob), SpillSpace.directory(mount, 0)))
          .isInstanceOf(SpillSpaceException.class)
          .hasMessageContaining("temporary space in " + mount)
          .hasMessageContaining("free");
      assertThat(listing(mount)).isEmpty();

      FileSpill spill = FileSpill.create(mount, 2 << 20);
      Files.write(mount.resolve("filler"), new byte[3 << 20]);
      assertThatThrownBy(() -> spill.write(0, new byte[2 << 20], 0, 2 << 20))
          .isInstanceOf(SpillSpaceException.class)
          .hasMessageContaining("disk is full");
      spill.close();
      Files.delete(mount.resolve("filler"));
      assertThat(listing(mount)).isEmpty();
    } finally {
      run("umount", mount.toString());
    }
  }

  private static String[] listing(Path d) throws IOException {
    try (var s = Files.list(d)) {
      return s.map(Path::toString).toArray(String[]::new);
    }
  }

  private static boolean run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }
}
