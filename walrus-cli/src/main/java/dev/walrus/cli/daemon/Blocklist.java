package dev.walrus.cli.daemon;

import dev.walrus.core.BlobId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blob IDs the daemon refuses to serve or store (451 {@code FORBIDDEN_BLOB}), from a file with
 * one blob ID per line; {@code #} starts a comment, and a leading {@code - } is allowed so that
 * Walrus's YAML-list blocklists work as they are. The file is read again when it changes (checked
 * at most once a second); a version that does not parse is reported and the previous list kept.
 */
final class Blocklist {
  private static final Logger LOG = LoggerFactory.getLogger(Blocklist.class);
  private static final long RECHECK_NANOS = 1_000_000_000L;

  private final Path file;
  private volatile Set<BlobId> blocked;
  private FileTime loadedVersion;
  private long checkedAt;

  private Blocklist(Path file, Set<BlobId> blocked, FileTime version) {
    this.file = file;
    this.blocked = blocked;
    this.loadedVersion = version;
    this.checkedAt = System.nanoTime();
  }

  /** An empty list that never changes. */
  static Blocklist none() {
    return new Blocklist(null, Set.of(), null);
  }

  /** Loads {@code file}; it must exist and parse. */
  static Blocklist load(Path file) throws IOException {
    FileTime version = Files.getLastModifiedTime(file);
    return new Blocklist(file, parse(Files.readAllLines(file)), version);
  }

  static Set<BlobId> parse(List<String> lines) {
    Set<BlobId> ids = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      line = (hash >= 0 ? line.substring(0, hash) : line).trim();
      if (line.startsWith("- ")) {
        line = line.substring(2).trim();
      }
      if (line.isEmpty()) {
        continue;
      }
      try {
        ids.add(BlobId.parse(line));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("line " + (i + 1) + ": '" + line + "' is not a blob ID");
      }
    }
    return Set.copyOf(ids);
  }

  boolean isEmpty() {
    refresh();
    return blocked.isEmpty();
  }

  boolean contains(BlobId blobId) {
    refresh();
    return blocked.contains(blobId);
  }

  private void refresh() {
    if (file == null) {
      return;
    }
    synchronized (this) {
      long now = System.nanoTime();
      if (now - checkedAt < RECHECK_NANOS) {
        return;
      }
      checkedAt = now;
      try {
        FileTime version = Files.getLastModifiedTime(file);
        if (version.equals(loadedVersion)) {
          return;
        }
        blocked = parse(Files.readAllLines(file));
        loadedVersion = version;
        LOG.info("blocklist {} reloaded: {} blob IDs", file, blocked.size());
      } catch (IOException | IllegalArgumentException e) {
        LOG.warn("blocklist {} could not be reloaded, keeping the previous {} blob IDs: {}", file, blocked.size(),
            e.getMessage());
      }
    }
  }
}
