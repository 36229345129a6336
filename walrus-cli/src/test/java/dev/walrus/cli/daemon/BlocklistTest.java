package dev.walrus.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walrus.core.BlobId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlocklistTest {
  private static final BlobId A = BlobId.of(new byte[32]);
  private static final BlobId B = BlobId.of(filled(7));

  @TempDir Path dir;

  @Test
  void readsIdsCommentsAndYamlListItems() {
    assertThat(Blocklist.parse(List.of("# blocked", "", A + "   # reason", "- " + B, "  "))).containsExactlyInAnyOrder(A, B);
  }

  @Test
  void aLineThatIsNoBlobIdIsReported() {
    assertThatThrownBy(() -> Blocklist.parse(List.of(A.toString(), "nonsense"))).hasMessageContaining("line 2");
  }

  @Test
  void reloadsWhenTheFileChangesAndKeepsTheOldListIfTheNewOneIsBroken() throws Exception {
    Path file = dir.resolve("blocklist");
    Files.writeString(file, A + "\n");
    Blocklist list = Blocklist.load(file);
    assertThat(list.contains(A)).isTrue();
    assertThat(list.contains(B)).isFalse();
    Files.writeString(file, B + "\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    Thread.sleep(1100);
    assertThat(list.contains(B)).isTrue();
    assertThat(list.contains(A)).isFalse();
    Files.writeString(file, "broken\n");
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(10)));
    Thread.sleep(1100);
    assertThat(list.contains(B)).isTrue();
  }

  @Test
  void noneBlocksNothing() {
    assertThat(Blocklist.none().isEmpty()).isTrue();
    assertThat(Blocklist.none().contains(A)).isFalse();
  }

  private static byte[] filled(int b) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) b);
    return bytes;
  }
}
