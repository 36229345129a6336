package dev.walrus.node.client;

import dev.walrus.core.BlobId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Blob IDs an operator refuses to serve (legal takedowns): storage nodes answer their reads with
 * 451 {@code FORBIDDEN_BLOB}, aggregators likewise. The file is Walrus's format, a YAML list of
 * blob IDs ({@code - <blob id>} per line, {@code #} comments; a missing or empty file blocks
 * nothing).
 *
 * <p>The file is re-read when its modification time or size changes, checked at most once per
 * {@code refreshInterval} on lookup, so an edit takes effect within that interval without a
 * restart and without a background thread. A file that fails to parse on refresh keeps the previous
 * list (logged): a typo must not unblock everything. At start-up a malformed file is an error.
 */
public final class Blocklist {
  private static final Logger LOG = LoggerFactory.getLogger(Blocklist.class);
  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Blocklist NONE = new Blocklist(null, Duration.ZERO, Set.of(), null);

  private final Path file;
  private final long refreshNanos;
  private volatile Set<BlobId> blocked;
  private volatile Stamp loaded;
  private volatile long nextCheck;

  private Blocklist(Path file, Duration refreshInterval, Set<BlobId> blocked, Stamp loaded) {
    this.file = file;
    this.refreshNanos = refreshInterval.toNanos();
    this.blocked = blocked;
    this.loaded = loaded;
    this.nextCheck = System.nanoTime() + refreshNanos;
  }

  /** Blocks nothing. */
  public static Blocklist none() {
    return NONE;
  }

  /**
   * Loads {@code file} (which need not exist yet) and watches it.
   *
   * @throws IOException if the file exists but cannot be read or is not a list of blob IDs
   */
  public static Blocklist load(Path file, Duration refreshInterval) throws IOException {
    Objects.requireNonNull(file, "file");
    Stamp stamp = Stamp.of(file);
    return new Blocklist(file, refreshInterval, read(file), stamp);
  }

  /** {@link #load(Path, Duration)} when a file is configured, {@link #none()} otherwise. */
  public static Blocklist load(Optional<Path> file, Duration refreshInterval) throws IOException {
    return file.isPresent() ? load(file.get(), refreshInterval) : none();
  }

  public boolean isBlocked(BlobId blobId) {
    refreshIfDue();
    return blocked.contains(blobId);
  }

  /** How many blob IDs are blocked now. */
  public int size() {
    refreshIfDue();
    return blocked.size();
  }

  private void refreshIfDue() {
    if (file == null || System.nanoTime() - nextCheck < 0) {
      return;
    }
    synchronized (this) {
      if (System.nanoTime() - nextCheck < 0) {
        return;
      }
      nextCheck = System.nanoTime() + refreshNanos;
      try {
        Stamp now = Stamp.of(file);
        if (!now.equals(loaded)) {
          blocked = read(file);
          loaded = now;
          LOG.info("blocklist {} reloaded: {} blob IDs", file, blocked.size());
        }
      } catch (IOException e) {
        LOG.error("keeping the previous blocklist ({} blob IDs): {}", blocked.size(), e.getMessage());
      }
    }
  }

  static Set<BlobId> read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      return Set.of();
    }
    if (text.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#"))) {
      return Set.of(); // empty, or only comments: YAML's empty document
    }
    List<String> ids;
    try {
      ids = YAML.readValue(text, new TypeReference<List<String>>() {});
    } catch (JacksonException e) {
      throw new IOException("blocklist " + file + " is not a YAML list of blob IDs: " + e.getOriginalMessage(), e);
    }
    Set<BlobId> set = new HashSet<>();
    for (String id : ids == null ? List.<String>of() : ids) {
      try {
        set.add(BlobId.parse(Objects.requireNonNull(id, "empty entry").strip()));
      } catch (RuntimeException e) {
        throw new IOException("blocklist " + file + " has an entry that is not a blob ID: " + id, e);
      }
    }
    return Set.copyOf(set);
  }

  /** What identifies one version of the file; {@code null} fields when it does not exist. */
  private record Stamp(FileTime modified, long size) {
    static Stamp of(Path file) throws IOException {
      try {
        return new Stamp(Files.getLastModifiedTime(file), Files.size(file));
      } catch (NoSuchFileException e) {
        return new Stamp(null, -1);
      }
    }
  }
}
