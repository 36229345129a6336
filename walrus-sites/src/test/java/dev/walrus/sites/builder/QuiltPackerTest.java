package dev.walrus.sites.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuiltPackerTest {

  private static LocalFile sized(String path, long size) {
    return new LocalFile(path, Path.of(path), size, new byte[32]);
  }

  @Test
  void smallFilesShareQuiltsUpToTheColumnLimitSmallestFirst() {
    QuiltPacker packer = new QuiltPacker(10, QuiltPacker.DEFAULT_MAX_QUILT_SIZE);
    int perQuilt = packer.maxFilesPerQuilt();
    List<LocalFile> files = new ArrayList<>();
    for (int i = 0; i < perQuilt * 2 + 1; i++) {
      files.add(sized("/f" + i, 1000 - i));
    }
    List<List<LocalFile>> quilts = packer.pack(files);
    assertThat(quilts).hasSize(3);
    assertThat(quilts.get(0)).hasSize(perQuilt);
    assertThat(quilts.get(2)).hasSize(1);
    assertThat(quilts.get(0).getFirst().size()).isEqualTo(1000 - (perQuilt * 2));
    assertThat(quilts.get(2).getFirst().size()).isEqualTo(1000);
  }

  @Test
  void theMaximumQuiltSizeSplitsAndABigFileGetsItsOwnQuilt() {
    QuiltPacker packer = new QuiltPacker(10, 100_000);
    // 10 shards: 6 usable columns of 100 000 / 6 bytes each; a 30 000-byte file needs 2 of them.
    List<List<LocalFile>> quilts = packer.pack(List.of(sized("/a", 30_000), sized("/b", 30_000),
        sized("/c", 30_000), sized("/d", 30_000), sized("/big", 200_000)));
    assertThat(quilts).extracting(List::size).containsExactlyInAnyOrder(3, 1, 1);
    assertThat(quilts.get(0)).extracting(LocalFile::resourcePath).containsExactly("/a", "/b", "/c");
    assertThat(quilts).anySatisfy(q -> assertThat(q).extracting(LocalFile::resourcePath).containsExactly("/big"));
  }

  @Test
  void aFileLargerThanAnyQuiltIsAnError() {
    QuiltPacker packer = new QuiltPacker(10, QuiltPacker.DEFAULT_MAX_QUILT_SIZE);
    assertThatThrownBy(() -> packer.pack(List.of(sized("/huge", 1L << 40))))
        .isInstanceOf(SiteBuilderException.class).hasMessageContaining("/huge");
  }

  @Test
  void moreShardsMoreFilesPerQuilt() {
    assertThat(new QuiltPacker(1000, QuiltPacker.DEFAULT_MAX_QUILT_SIZE).maxFilesPerQuilt()).isEqualTo(666);
  }
}
