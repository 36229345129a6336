package dev.walrus.sites.builder;

import dev.walrus.core.encoding.EncodingConfig;
import dev.walrus.core.quilt.QuiltFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Groups the files to upload into quilts as site-builder does (sites.md §3.4): smallest first; a
 * quilt has {@code columns − 1} usable columns (one holds the index) and holds at most the lower
 * of {@code --max-quilt-size} and what its columns can carry; a file costs its size plus room for
 * its identifier and header, rounded up to whole columns; a file bigger than a quilt's share gets
 * a quilt of its own. Fewer, fuller quilts mean fewer stores to pay for and fewer objects.
 */
public final class QuiltPacker {
  /** Walrus's allowance per file for its identifier (a resource path, at most 2 050 bytes) and header. */
  static final long PER_FILE_OVERHEAD = 2050 + 8;

  /** Walrus's default {@code --max-quilt-size}: 512 MiB. */
  public static final long DEFAULT_MAX_QUILT_SIZE = 512L << 20;

  private final int columns;
  private final long effectiveSize;
  private final long theoreticalSize;

  /**
   * @param nShards the network's shard count, which fixes the quilt's columns and rows
   * @param maxQuiltSize {@code --max-quilt-size} in bytes
   */
  public QuiltPacker(int nShards, long maxQuiltSize) {
    if (maxQuiltSize < 1) {
      throw new IllegalArgumentException("the maximum quilt size must be positive, got " + maxQuiltSize);
    }
    EncodingConfig config = EncodingConfig.forShards(nShards);
    this.columns = QuiltFormat.maxPatches(config);
    long columnCapacity = (long) EncodingConfig.MAX_SYMBOL_SIZE * QuiltFormat.rows(config);
    this.theoreticalSize = columnCapacity * columns;
    this.effectiveSize = Math.min(maxQuiltSize, theoreticalSize);
  }

  /** The most files one quilt holds. */
  public int maxFilesPerQuilt() {
    return columns;
  }

  /**
   * The files grouped into quilts, each group in ascending size.
   *
   * @throws SiteBuilderException if a file is larger than any quilt can be
   */
  public List<List<LocalFile>> pack(List<LocalFile> files) {
    List<LocalFile> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparingLong(LocalFile::size).thenComparing(LocalFile::resourcePath));
    long perColumn = Math.max(1, effectiveSize / columns);
    List<List<LocalFile>> quilts = new ArrayList<>();
    List<LocalFile> current = new ArrayList<>();
    long used = 0;
    for (LocalFile f : sorted) {
      long cost = f.size() + PER_FILE_OVERHEAD;
      if (cost > theoreticalSize) {
        throw new SiteBuilderException(f.resourcePath() + " (" + f.size() + " bytes) is larger than a quilt can hold on "
            + "this network (" + theoreticalSize + " bytes)");
      }
      if (cost > effectiveSize) {
        quilts.add(List.of(f));
        continue;
      }
      long needed = (cost + perColumn - 1) / perColumn;
      if (used + needed > columns) {
        quilts.add(List.copyOf(current));
        current.clear();
        used = 0;
      }
      current.add(f);
      used += needed;
    }
    if (!current.isEmpty()) {
      quilts.add(List.copyOf(current));
    }
    return quilts;
  }
}
