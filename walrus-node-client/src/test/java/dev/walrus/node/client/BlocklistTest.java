package dev.walrus.node.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.BlobId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlocklistTest {
  private static final BlobId A = id(1);
  private static final BlobId B = id(2);

  @TempDir Path dir;

  @Test
  void aMissingFileBlocksNothingUntilItIsWritten() throws Exception {
    Path file = dir.resolve("blocklist.yaml");
    Blocklist list = Blocklist.load(file, Duration.ZERO);
    assertThat(list.isBlocked(A)).isFalse();
    Files.writeString(file, "# takedowns\n- " + A + "\n- '" + B + "'\n");
    assertThat(list.isBlocked(A)).isTrue();
    assertThat(list.isBlocked(B)).isTrue();
    assertThat(list.size()).isEqualTo(2);
    Files.delete(file);
    assertThat(list.isBlocked(A)).isFalse();
    Files.writeString(file, "# nothing blocked yet\n\n");
    assertThat(Blocklist.load(file, Duration.ZERO).size()).isZero();
  }

  @Test
  void changesAreSeenOnlyAfterTheRefreshInterval() throws Exception {
    Path file = dir.resolve("b.yaml");
    Files.writeString(file, "- " + A + "\n");
    Blocklist list = Blocklist.load(file, Duration.ofHours(1));
    assertThat(list.isBlocked(A)).isTrue();
    Files.writeString(file, "- " + B + "\n");
    assertThat(list.isBlocked(B)).isFalse();
  }

  @Test
  void aMalformedFileFailsAtStartAndIsIgnoredOnRefresh() throws Exception {
    Path file = dir.resolve("b.yaml");
    Files.writeString(file, "- not-a-blob-id\n");
    assertThatThrownBy(() -> Blocklist.load(file, Duration.ZERO)).isInstanceOf(IOException.class)
        .hasMessageContaining("not-a-blob-id");
    Files.writeString(file, "{a: 1}\n");
    assertThatThrownBy(() -> Blocklist.load(file, Duration.ZERO)).isInstanceOf(IOException.class)
        .hasMessageContaining("not a YAML list");

    Files.writeString(file, "- " + A + "\n");
    Blocklist list = Blocklist.load(file, Duration.ZERO);
    Files.writeString(file, "- " + A + "\n- [broken\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(list.isBlocked(A)).as("a typo must not unblock everything").isTrue();
  }

  @Test
  void noneBlocksNothing() {
    assertThat(Blocklist.none().isBlocked(A)).isFalse();
    assertThat(Blocklist.none().size()).isZero();
  }

  private static BlobId id(int n) {
    byte[] b = new byte[32];
    b[0] = (byte) n;
    return BlobId.of(b);
  }
}
